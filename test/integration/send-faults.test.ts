// Faults injected in front of the real local SES endpoint, on the real DynamoDB Local: throttling and 5xx answers
// (nothing sent, so retried until sent), and answers lost after SES took the message (reset connection, no answer
// before the timeout: recorded as unknown, never sent again). Every reader ends with exactly one copy.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoSubscriberRepository } from '../../lambdas/adapters/dynamo-subscriber-repository';
import { confirmedSubscriber, pendingSubscriber } from '../../lambdas/core/domain/subscriber';
import { readSesInbox } from '../../lambdas/local/ses-inbox';
import { createTestMujaz, localServices, type TestMujaz } from '../support/local-services';
import { type Fault, SesFaultProxy } from '../support/ses-fault-proxy';

const READERS = 60;
const runId = Math.random().toString(36).slice(2, 8);
const readers = Array.from({ length: READERS }, (_, index) => `fault-${runId}-${index}@example.com`);
/** Their answer lost after SES took the message: the connection cut (3 readers), or no answer at all (1). */
const cutOff = new Set(readers.slice(0, 3));
const unanswered = readers[3]!;

let proxy: SesFaultProxy;
let test: TestMujaz;
const attempts = new Map<string, number>();

beforeAll(async () => {
  proxy = await SesFaultProxy.start(localServices().sesEndpoint, ({ sequence, recipient }): Fault => {
    const attempt = (attempts.get(recipient ?? '') ?? 0) + 1;
    attempts.set(recipient ?? '', attempt);
    if (recipient !== undefined && cutOff.has(recipient) && attempt === 1) return 'reset-after-send';
    if (recipient === unanswered && attempt === 1) return 'hang-after-send';
    if (sequence % 4 === 0) return 'throttle';
    if (sequence % 7 === 0) return 'unavailable';
    return 'pass';
  });
  test = await createTestMujaz('faults', {
    sesEndpoint: proxy.endpoint,
    // Long enough that no answered call times out on a loaded CI machine; the unanswered one waits it out once.
    environment: { MUJAZ_SES_TIMEOUT_MS: '4000', MUJAZ_SEND_CONCURRENCY: '6' },
  });
  const subscribers = new DynamoSubscriberRepository(test.clients.dynamo, test.tableName);
  const now = new Date();
  for (const email of readers)
    await subscribers.save(confirmedSubscriber(pendingSubscriber(email, now, 3_600_000), now));
  await test.mujaz.ingestReport({
    title: 'A report sent through faults',
    body: 'SES throttles some calls. It fails others. Some answers never come back.',
    language: 'en',
  });
});
afterAll(async () => {
  test.close();
  await proxy.stop();
});

it('reaches every reader exactly once: refused sends retried, lost answers recorded as unknown and not resent', async () => {
  const runs = [];
  for (let run = 0; run < 5; run += 1) {
    const summary = await test.mujaz.sendDigest();
    runs.push(summary);
    if (summary.failed === 0) break;
  }
  expect(runs[0]).toMatchObject({ edition: '1', unknown: 4 });
  expect(runs.at(-1)).toMatchObject({ failed: 0 });
  expect(proxy.injected.throttle).toBeGreaterThan(0);
  expect(proxy.injected.unavailable).toBeGreaterThan(0);
  expect(proxy.injected['reset-after-send']).toBe(3);
  expect(proxy.injected['hang-after-send']).toBe(1);

  const received = new Map<string, number>();
  for (const email of await readSesInbox(localServices().sesEndpoint)) {
    for (const to of email.destination.to) {
      const address = /<?([^<>\s]+@[^<>\s]+)>?$/u.exec(to)?.[1] ?? to;
      if (readers.includes(address)) received.set(address, (received.get(address) ?? 0) + 1);
    }
  }
  expect(readers.filter((reader) => received.get(reader) !== 1)).toEqual([]);

  const { Items = [] } = await test.clients.dynamo.send(
    new QueryCommand({
      TableName: test.tableName,
      KeyConditionExpression: 'pk = :edition AND begins_with(sk, :delivery)',
      ExpressionAttributeValues: { ':edition': 'EDITION#1', ':delivery': 'DELIVERY#' },
      ConsistentRead: true,
    }),
  );
  const statusOf = new Map(Items.map((item) => [String(item.sk).slice('DELIVERY#'.length), item.status]));
  expect(readers.filter((reader) => statusOf.get(reader) === 'unknown').sort()).toEqual([...cutOff, unanswered].sort());
  expect(readers.filter((reader) => statusOf.get(reader) === 'sent')).toHaveLength(READERS - 4);
  const totals = runs.reduce((sum, run) => sum + run.sent, 0);
  expect(totals).toBe(READERS - 4);
}, 120_000);
