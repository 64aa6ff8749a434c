// The subscribe endpoint under attack and under faults, on the real local services (DynamoDB Local, local SQS, the
// SES endpoint behind a fault-injecting proxy): one answer for every address, one email per mailbox, a per-client
// limit that holds across instances, and an SES outage that changes neither the answer nor the count of emails.
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Hono } from 'hono';
import { DynamoSubscriberRepository } from '../../lambdas/adapters/dynamo-subscriber-repository';
import { awsMujazDeps } from '../../lambdas/composition/aws-mail-adapters';
import { composeUseCases } from '../../lambdas/composition/compose-use-cases';
import { emailsTo, linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { InMemoryMetrics } from '../support/in-memory-metrics';
import {
  apiAppOver,
  createTestMujaz,
  localClients,
  localServices,
  TEST_TOKEN_SECRET,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';
import { confirmedReader } from '../support/readers';
import { compiledTemplates } from '../support/real-renderer';
import { type Fault, SesFaultProxy } from '../support/ses-fault-proxy';
import { silentLogger } from '../support/silent-logger';

const { sesEndpoint } = localServices();
let proxy: SesFaultProxy;
let test: TestMujaz;
let app: Hono;
let sesDown = false;
const resetOnce = new Set<string>();

beforeAll(async () => {
  proxy = await SesFaultProxy.start(sesEndpoint, ({ recipient }): Fault => {
    if (recipient !== undefined && resetOnce.delete(recipient)) return 'reset-after-send';
    return sesDown ? 'unavailable' : 'pass';
  });
  test = await createTestMujaz('abuse', {
    sesEndpoint: proxy.endpoint,
    environment: { MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE: '5', MUJAZ_SES_TIMEOUT_MS: '4000' },
  });
  app = apiAppOver(test, 'abuse-admin-token');
});
afterAll(async () => {
  await test.close();
  await proxy.stop();
});

let clients = 0;
const nextClient = () => {
  clients += 1;
  return `198.51.100.${clients % 250}`;
};
/** POST /subscriptions from a client of its own, unless one is named. */
const subscribe = (email: string, client = nextClient()) =>
  app.request('/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test-client': client },
    body: JSON.stringify({ email }),
  });
const answerOf = async (response: Response) => ({ status: response.status, body: await response.text() });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('answers 202 with one body for new and confirmed addresses while SES is down, and mails once it is back', async () => {
  const [fresh, known] = [uniqueAddress('outage-new'), uniqueAddress('outage-known')];
  const subscribers = new DynamoSubscriberRepository(test.clients.dynamo, test.tableName);
  await subscribers.replace(confirmedReader(known, new Date()), undefined);
  sesDown = true;
  try {
    const answers = [await answerOf(await subscribe(fresh)), await answerOf(await subscribe(known))];
    expect(answers[0]?.status).toBe(202);
    expect(answers[1]).toEqual(answers[0]);
    // The consumer meets the outage: SES refuses three tries, and the cooldown is given back for the next turn.
    for (let waited = 0; ; waited += 100) {
      const stored = await subscribers.find(fresh);
      if (proxy.injected.unavailable >= 3 && stored?.status === 'pending' && !stored.confirmationSentAt) break;
      if (waited > 20_000) throw new Error(`the refusal was not recorded: ${JSON.stringify(stored?.status)}`);
      await pause(100);
    }
  } finally {
    sesDown = false;
  }
  expect(await untilEmailsTo(sesEndpoint, fresh, { timeoutMs: 30_000 })).toHaveLength(1);
  await pause(2_500);
  expect(await emailsTo(sesEndpoint, fresh)).toHaveLength(1);
  expect(await emailsTo(sesEndpoint, known)).toHaveLength(0);
}, 60_000);

it('mails one confirmation for fifty subscribes of one mailbox at once, in any case and spacing, from fifty clients', async () => {
  const address = uniqueAddress('bomb');
  const spellings = Array.from({ length: 50 }, (_, index) =>
    index % 3 === 0
      ? ` ${address.toUpperCase()} `
      : index % 3 === 1
        ? address
        : `${address.replace(/^./u, (first) => first.toUpperCase())}\t`,
  );
  const answers = await Promise.all(spellings.map(async (spelling) => answerOf(await subscribe(spelling))));
  for (const answer of answers) expect(answer).toEqual(answers[0]);
  expect(answers[0]?.status).toBe(202);
  await untilEmailsTo(sesEndpoint, address);
  await pause(2_000);
  expect(await emailsTo(sesEndpoint, address)).toHaveLength(1);
}, 60_000);

it('holds the per-client limit across two API instances sharing the table, storing no network address', async () => {
  const secondClients = localClients();
  const second = composeUseCases(
    awsMujazDeps(test.config, { tokenSecret: TEST_TOKEN_SECRET }, secondClients, {
      logger: silentLogger,
      metrics: new InMemoryMetrics(),
      emailTemplates: await compiledTemplates(),
    }),
    test.config,
  );
  const otherApp = apiAppOver({ ...test, mujaz: second }, 'abuse-admin-token');
  const client = '192.0.2.77';
  const from = (instance: Hono, email: string) =>
    instance.request('/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-test-client': client },
      body: JSON.stringify({ email }),
    });
  const statuses = [];
  for (let request = 0; request < 5; request += 1) {
    statuses.push((await from(request % 2 ? otherApp : app, uniqueAddress(`limit${request}`))).status);
  }
  expect(statuses).toEqual([202, 202, 202, 202, 202]);
  const refused = await from(otherApp, uniqueAddress('limit-late'));
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
  expect((await from(app, uniqueAddress('other'))).status).toBe(429);
  const { Items = [] } = await test.clients.dynamo.send(
    new ScanCommand({
      TableName: test.tableName,
      FilterExpression: 'entity = :rate',
      ExpressionAttributeValues: { ':rate': 'rate' },
    }),
  );
  expect(Items.length).toBeGreaterThan(0);
  for (const item of Items) expect(typeof item.expiresAt).toBe('number');
  expect(JSON.stringify(Items)).not.toMatch(/192\.0\.2|198\.51\.100/u);
  for (const client of Object.values(secondClients)) client.destroy();
}, 45_000);

it('records a confirmation whose answer was lost after SES took it as sent: the reader gets exactly one', async () => {
  const address = uniqueAddress('lost-answer');
  resetOnce.add(address);
  expect((await subscribe(address)).status).toBe(202);
  await untilEmailsTo(sesEndpoint, address);
  await pause(2_500);
  expect(await emailsTo(sesEndpoint, address)).toHaveLength(1);
  expect(resetOnce.has(address)).toBe(false);
}, 30_000);

it('refuses a form posted from another site and addresses that alias one mailbox, storing and mailing nothing', async () => {
  const victim = uniqueAddress('crosssite');
  const crossSite = await app.request('/subscriptions', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: 'https://attacker.example',
      'sec-fetch-site': 'cross-site',
      'x-test-client': nextClient(),
    },
    body: `email=${encodeURIComponent(victim)}`,
  });
  expect(crossSite.status).toBe(403);
  const [local, domain] = uniqueAddress('alias').split('@');
  for (const alias of [
    `${local}\u0000@${domain}`,
    `${local}(x)@${domain}`,
    `${local}\u200b@${domain}`,
    `\u202e${local}@${domain}`,
    `"${local}"@${domain}`,
    `${local}@${domain}, other@${domain}`,
  ]) {
    const response = await subscribe(alias);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toContain(local!);
  }
  await pause(1_500);
  expect(await emailsTo(sesEndpoint, victim)).toHaveLength(0);
  expect(await emailsTo(sesEndpoint, `${local}@${domain}`)).toHaveLength(0);
  const subscribers = new DynamoSubscriberRepository(test.clients.dynamo, test.tableName);
  expect(await subscribers.find(victim)).toBeUndefined();
});

it('takes a link only in its one spelling, and never one that names an address', async () => {
  const reader = uniqueAddress('links');
  await subscribe(reader);
  const [confirmation] = await untilEmailsTo(sesEndpoint, reader);
  const link = new URL(linkIn(confirmation!, '/subscriptions/confirm')!);
  const token = link.searchParams.get('token')!;
  expect(token).toMatch(/^[A-Za-z0-9_-]{51}$/u);
  expect(Buffer.from(token, 'base64url').toString('latin1')).not.toContain(reader.split('@')[0]!);
  for (const spelling of [`${token}A`, `${token}=`, `${token.slice(0, -1)}${token.at(-1) === 'A' ? 'B' : 'A'}`]) {
    const response = await app.request(`/subscriptions/confirm?token=${encodeURIComponent(spelling)}`, {
      method: 'POST',
    });
    expect(response.status).toBe(400);
  }
  const subscribers = new DynamoSubscriberRepository(test.clients.dynamo, test.tableName);
  expect((await subscribers.find(reader))?.status).toBe('pending');
  const scanned = await app.request(`${link.pathname}${link.search}`, { method: 'HEAD' });
  expect(scanned.status).toBe(200);
  expect((await subscribers.find(reader))?.status).toBe('pending');
  expect((await app.request(`${link.pathname}${link.search}`, { method: 'POST' })).status).toBe(200);
  expect((await subscribers.find(reader))?.status).toBe('confirmed');
});
