// Flow test: the whole slice through the Hono app, with the real adapters on DynamoDB Local and the SES endpoint.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiApp } from '../../lambdas/http/api-app';
import { InProcessDigestDispatcher } from '../../lambdas/local/in-process-digest-dispatcher';
import { emailsTo, linkIn, type StoredEmail } from '../../lambdas/local/ses-inbox';
import { createTestMujaz, localServices, type TestMujaz, uniqueAddress } from '../support/local-services';
import { silentLogger } from '../support/silent-logger';

const ADMIN_TOKEN = 'flow-test-admin-token';
const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'report-ar.txt'), 'utf8');
const { sesEndpoint } = localServices();

let test: TestMujaz;
let app: ReturnType<typeof createApiApp>;

beforeAll(async () => {
  test = await createTestMujaz('flow');
  app = createApiApp({
    mujaz: test.mujaz,
    dispatcher: new InProcessDigestDispatcher(test.mujaz),
    adminToken: ADMIN_TOKEN,
    newsletter: test.config.newsletter,
    logger: silentLogger,
  });
});
afterAll(() => test.close());

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const json = { 'content-type': 'application/json' };

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { ...json, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function subscribeAndConfirm(email: string): Promise<void> {
  expect((await post('/subscriptions', { email })).status).toBe(202);
  const [confirmation] = await emailsTo(sesEndpoint, email);
  const link = confirmation && linkIn(confirmation, '/subscriptions/confirm');
  expect(link).toBeDefined();
  const url = new URL(link!);
  const confirmed = await app.request(`${url.pathname}${url.search}`);
  expect(confirmed.status).toBe(200);
  expect(await confirmed.json()).toEqual({ status: 'confirmed' });
}

function digestsIn(emails: StoredEmail[]): StoredEmail[] {
  return emails.filter((email) => email.body.html?.includes('/unsubscribe?token='));
}

describe('the weekly digest, end to end on the local stack', () => {
  const readers = [uniqueAddress('amal'), uniqueAddress('badr')];
  const pendingReader = uniqueAddress('pending');

  it('ingests the Arabic sample, confirms readers, and sends each confirmed reader one right-to-left digest', async () => {
    const ingested = await post('/reports', sample, { ...admin, 'content-type': 'text/plain; charset=utf-8' });
    expect(ingested.status).toBe(201);
    const { report } = (await ingested.json()) as { report: { language: string; summary: string[]; title: string } };
    expect(report.language).toBe('ar');
    expect(report.summary.length).toBeGreaterThan(0);

    for (const reader of readers) await subscribeAndConfirm(reader);
    expect((await post('/subscriptions', { email: pendingReader })).status).toBe(202);

    const sent = await post('/digests', { mode: 'send' }, admin);
    expect(sent.status).toBe(200);
    expect(await sent.json()).toMatchObject({
      mode: 'send',
      status: 'sent',
      sent: 2,
      alreadySent: 0,
      failed: 0,
      reports: 1,
    });

    const unsubscribeLinks = new Set<string>();
    for (const reader of readers) {
      const [digest, ...more] = digestsIn(await emailsTo(sesEndpoint, reader));
      expect(more).toHaveLength(0);
      expect(digest!.subject).toContain('موجز الأسبوع');
      expect(digest!.body.html).toMatch(/<html[^>]*lang="ar"[^>]*dir="rtl"/u);
      expect(digest!.body.html).toContain(report.title);
      for (const sentence of report.summary) {
        expect(digest!.body.html).toContain(sentence);
        expect(digest!.body.text).toContain(sentence.split(' ').slice(0, 3).join(' '));
      }
      const unsubscribe = linkIn(digest!, '/unsubscribe');
      expect(unsubscribe).toMatch(/^https:\/\/api\.mujaz\.test\/unsubscribe\?token=/u);
      expect(digest!.body.text).toContain(unsubscribe);
      unsubscribeLinks.add(unsubscribe!);
    }
    expect(unsubscribeLinks.size).toBe(readers.length);
    expect(digestsIn(await emailsTo(sesEndpoint, pendingReader))).toHaveLength(0);
  });

  it('sends nobody the same digest twice when the send is triggered again', async () => {
    const again = await post('/digests', { mode: 'send' }, admin);
    expect(await again.json()).toMatchObject({ sent: 0, alreadySent: 2, failed: 0 });
    for (const reader of readers) expect(digestsIn(await emailsTo(sesEndpoint, reader))).toHaveLength(1);
  });

  it('unsubscribes with one click and leaves the reader out of the next week', async () => {
    const [digest] = digestsIn(await emailsTo(sesEndpoint, readers[0]!));
    const link = new URL(linkIn(digest!, '/unsubscribe')!);
    const oneClick = await app.request(`${link.pathname}${link.search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.json()).toEqual({ status: 'unsubscribed' });

    const preview = await post('/digests', { mode: 'preview' }, admin);
    expect(await preview.json()).toMatchObject({ recipients: 1, frozen: true });
  });

  it('previews and test-sends without touching the readers', async () => {
    const tester = uniqueAddress('editor');
    const test = await post('/digests', { mode: 'test', to: tester }, admin);
    expect(test.status).toBe(200);
    const [received] = await emailsTo(sesEndpoint, tester);
    expect(received!.subject).toMatch(/^\[تجربة\] /u);
    for (const reader of readers) expect(digestsIn(await emailsTo(sesEndpoint, reader))).toHaveLength(1);
  });
});
