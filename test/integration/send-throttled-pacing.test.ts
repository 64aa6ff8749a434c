// The send rate under throttling, through the whole path — DynamoDB Local (the shared pacer, the claims), the local
// SQS queue, the deliver step's batch handler, the SES endpoint behind the fault proxy — with SES throttling and
// failing a share of the calls, three sends in a row. A call SES answered, refused or not, was counted by SES: its
// place in the rate stays spent for its second, so the calls made in any one second never pass the cap, however
// many SES refuses. (Were a refused call's place given back, its retry could fill it within the same second:
// throttling, SES's word to slow down, would make us call faster.)
//
// The seconds are the pacer's: each call's place is counted in the second it was taken in, and every call SES got
// must still hold its place. The proxy's own clock cannot be the measure here: on a loaded test machine a call can
// reach it seconds after its place was taken, so calls of different seconds arrive together (`npm run bench --
// delivery` prints the busiest second as SES saw it, on a machine doing nothing else).

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createTestMujaz, localServices, type TestMujaz } from '../support/local-services';
import { seedSend } from '../support/readers';
import { type Fault, SesFaultProxy } from '../support/ses-fault-proxy';

const CAP = 20;
const READERS = 100;
const SENDS = 3;
const runId = Math.random().toString(36).slice(2, 8);
const readers = Array.from({ length: READERS }, (_, index) => `paced-${runId}-${index}@example.com`);

let proxy: SesFaultProxy;
let test: TestMujaz;

beforeAll(async () => {
  proxy = await SesFaultProxy.start(localServices().sesEndpoint, ({ sequence }): Fault => {
    // About 15 % throttled and 5 % refused with a 503, spread through every second.
    if (sequence % 7 === 3) return 'throttle';
    if (sequence % 20 === 11) return 'unavailable';
    return 'pass';
  });
  test = await createTestMujaz('throttled-pacing', {
    sesEndpoint: proxy.endpoint,
    // Forty readers' messages wanting to go at once: more than the cap lets through.
    deliveryWorkers: 4,
    // Long enough that, on a loaded machine, an answered call is not taken for lost (unknown) by our own timeout.
    environment: { MUJAZ_SEND_RATE: String(CAP), MUJAZ_SES_TIMEOUT_MS: '15000', MUJAZ_DELIVERY_TIMEOUT_SECONDS: '60' },
  });
  await seedSend(test, readers, {
    title: 'A report sent while SES throttles',
    body: 'SES throttles some calls. It refuses a few others. The rate stays where it was set.',
  });
}, 60_000);
afterAll(async () => {
  await test.close();
  await proxy.stop();
});

/** The pacer's count of places taken, per second. */
async function placesTaken(): Promise<Map<number, number>> {
  const taken = new Map<number, number>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await test.clients.dynamo.send(
      new QueryCommand({
        TableName: test.tableName,
        KeyConditionExpression: 'pk = :pacer',
        ExpressionAttributeValues: { ':pacer': 'PACER#ses' },
        ExclusiveStartKey,
      }),
    );
    for (const item of page.Items ?? []) taken.set(Number(String(item.sk).replace('SECOND#', '')), Number(item.taken));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return taken;
}

it(`makes at most ${CAP} calls to SES in any one second while SES throttles, send after send`, async () => {
  let unknown = 0;
  for (let send = 1; send <= SENDS; send += 1) {
    if (send > 1) await test.mujaz.ingestReport({ title: `Report ${send}`, body: 'One sentence. And another.' });
    expect(await test.mujaz.sendDigest()).toMatchObject({ edition: String(send), recipients: READERS });
    const { counts } = await test.untilDone(String(send), 150_000);
    expect(counts.pending).toBe(0);
    unknown += counts.unknown;
  }
  const taken = await placesTaken();
  const calls = Object.values(proxy.injected).reduce((sum, injected) => sum + injected, 0);
  const held = [...taken.values()].reduce((sum, places) => sum + places, 0);

  // SES throttled and refused for real, and every reader got through it.
  expect(proxy.injected.throttle).toBeGreaterThan(30);
  expect(proxy.injected.unavailable).toBeGreaterThan(10);
  expect(proxy.injected.pass).toBeGreaterThanOrEqual(SENDS * READERS - unknown);
  // No second's places passed the cap…
  expect([...taken].filter(([, places]) => places > CAP)).toEqual([]);
  // …and every call SES got, refused or not, still holds its place: none was given back to be taken again. A call
  // our own timeout gave up on (unknown) may have held a place without reaching SES; none does in a quiet run.
  expect(held - calls).toBeGreaterThanOrEqual(0);
  expect(held - calls).toBeLessThanOrEqual(unknown);
}, 480_000);
