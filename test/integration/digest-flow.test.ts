// Flow test: the whole slice through the Hono app, with the real adapters on DynamoDB Local and the SES endpoint.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { emailsTo, linkIn, type StoredEmail, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { apiAppOver, createTestMujaz, localServices, type TestMujaz, uniqueAddress } from '../support/local-services';

const ADMIN_TOKEN = 'flow-test-admin-token';
const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'report-ar.txt'), 'utf8');
const { sesEndpoint } = localServices();

let test: TestMujaz;
let app: Hono;

beforeAll(async () => {
  test = await createTestMujaz('flow');
  app = apiAppOver(test, ADMIN_TOKEN);
});
afterAll(async () => test.close());

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
  const [confirmation] = await untilEmailsTo(sesEndpoint, email);
  const link = confirmation && linkIn(confirmation, '/subscriptions/confirm');
  expect(link).toBeDefined();
  const url = new URL(link!);
  // Opening the link (as a mail scanner would) confirms nothing; the page's button posts it.
  expect(await (await app.request(`${url.pathname}${url.search}`)).json()).toMatchObject({ status: 'pending' });
  const confirmed = await app.request(`${url.pathname}${url.search}`, { method: 'POST' });
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
    expect(sent.status).toBe(202);
    expect(await sent.json()).toMatchObject({ mode: 'send', id: '1' });
    // Composed and queued in the background, delivered by the deliver step through the local SQS queue.
    expect(await test.untilDone('1')).toEqual({
      id: '1',
      state: 'done',
      openedAt: expect.any(String),
      startedBy: { kind: 'api' },
      reports: 1,
      counts: { recipients: 2, sent: 2, pending: 0, failed: 0, unknown: 0, skipped: 0 },
    });
    const progress = await app.request('/digests/1', { headers: admin });
    expect(await progress.json()).toMatchObject({ id: '1', state: 'done', counts: { sent: 2 } });

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
  }, 90_000); // the first MJML render of the run, a send through SQS, on a loaded CI box

  it('sends nobody the same digest twice when the send is triggered again: nothing new came in', async () => {
    const again = await post('/digests', { mode: 'send' }, admin);
    expect(await again.json()).toEqual({ mode: 'send', status: 'no-reports' });
    for (const reader of readers) expect(digestsIn(await emailsTo(sesEndpoint, reader))).toHaveLength(1);
  });

  it('shows the sent edition on its web page, which the email links to', async () => {
    const [digest] = digestsIn(await emailsTo(sesEndpoint, readers[1]!));
    const web = new URL(linkIn(digest!, '/archive/')!);
    expect(web.pathname).toBe('/archive/1');
    const page = await app.request(web.pathname);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('id="report-');
    expect(html).not.toContain('/unsubscribe');
  });

  it('unsubscribes with one click and leaves the reader out of the next edition', async () => {
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
    expect(await preview.json()).toMatchObject({ recipients: 1, reports: 0, frozen: false });
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

describe('the subscriber list on the local stack', () => {
  it('imports a CSV list into DynamoDB Local and exports the confirmed readers back', async () => {
    const [amal, badr] = [uniqueAddress('import-amal'), uniqueAddress('import-badr')];
    const imported = await post(
      '/subscribers/import',
      `email,language,confirmed_at\n${amal},ar,2025-03-01T10:00:00Z\n${badr},en,\nbroken,,\n`,
      { ...admin, 'content-type': 'text/csv' },
    );
    expect(imported.status).toBe(202);
    const { import: id } = (await imported.json()) as { import: string };
    let progress: { state: string } = { state: 'queued' };
    for (let tries = 0; progress.state !== 'done' && tries < 300; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      progress = (await (
        await app.request(`/subscribers/imports/${id}`, { headers: admin })
      ).json()) as typeof progress;
    }
    expect(progress).toEqual({
      id,
      state: 'done',
      rows: 3,
      imported: 2,
      skipped: 0,
      rejected: 1,
      firstRejections: [{ line: 4, reason: 'email is not a valid address' }],
    });
    expect(await untilEmailsTo(sesEndpoint, badr)).toHaveLength(1); // asked to confirm, from the subscription queue
    const exported = await (await app.request('/subscribers.csv', { headers: admin })).text();
    expect(exported).toContain(`${amal},ar,2025-03-01T10:00:00.000Z`);
    expect(exported).not.toContain(badr);
  });
});

describe('editions on the local stack: nothing falls between two sends, and a big one fits in an email', () => {
  let flow: TestMujaz;
  let api: Hono;
  const reader = uniqueAddress('reader');
  /** POST /digests, and for a send that started, its progress once done. */
  const send = async () => {
    const response = await api.request('/digests', {
      method: 'POST',
      headers: { ...json, ...admin },
      body: JSON.stringify({ mode: 'send' }),
    });
    const answer = (await response.json()) as { status?: string; id?: string };
    if (answer.status === 'no-reports') return answer;
    expect(response.status).toBe(202);
    return flow.untilDone(answer.id!, 120_000);
  };

  beforeAll(async () => {
    flow = await createTestMujaz('editions');
    api = apiAppOver(flow, ADMIN_TOKEN);
    await flow.mujaz.subscribe(reader, { via: 'api' });
    const [confirmation] = await emailsTo(sesEndpoint, reader);
    const link = new URL(linkIn(confirmation!, '/subscriptions/confirm')!);
    expect((await api.request(`${link.pathname}${link.search}`, { method: 'POST' })).status).toBe(200);
  });
  afterAll(async () => flow.close());

  it('mails a report that arrives after an empty run in the next send, with the source the editor named', async () => {
    expect(await send()).toEqual({ mode: 'send', status: 'no-reports' });
    const posted = await api.request('/reports', {
      method: 'POST',
      headers: { ...json, ...admin },
      body: JSON.stringify({
        title: 'Arrived after an empty run',
        text: 'The schedule found nothing on Monday. This report came on Tuesday. It goes out next time.',
        source: 'Tuesday <Courier> & Co',
      }),
    });
    expect(posted.status).toBe(201);
    const late = (await posted.json()) as { report: { title: string } };
    expect(await send()).toMatchObject({ state: 'done', id: '1', reports: 1, counts: { sent: 1 } });
    const [digest] = digestsIn(await emailsTo(sesEndpoint, reader));
    expect(digest!.body.html).toContain(late.report.title);
    expect(digest!.body.html).toContain('>Tuesday &lt;Courier&gt; &amp; Co</span>');
    expect(digest!.body.text).toContain('Tuesday <Courier> & Co');
  });

  it('sends a 60-report Arabic edition whose HTML as transmitted stays under Gmail’s 102 KB, every report on its page', async () => {
    const [title, lede, ...paragraphs] = sample.trim().split('\n');
    const batch = Array.from({ length: 60 }, (_, index) => ({
      title: `${title} (${index + 1})`,
      lede,
      text: [...paragraphs.slice(index % 5), ...paragraphs.slice(0, index % 5)].join('\n'),
    }));
    const stored = await flow.mujaz.ingestReportBatch(batch);
    expect(stored.created).toBe(60);

    expect(await send()).toMatchObject({ state: 'done', id: '2', reports: 60, counts: { sent: 1 } });
    const digest = digestsIn(await emailsTo(sesEndpoint, reader)).find((email) => email.body.html?.includes('(60)'));
    const html = digest!.body.html!;
    const base64 = Math.ceil(Buffer.byteLength(html, 'utf8') / 3) * 4;
    expect(base64 + Math.ceil(base64 / 76) * 2).toBeLessThanOrEqual(102_000);
    // The newest reports in full, the others as headlines pointing at the edition page.
    expect(html).toContain('/archive/2#report-');
    const page = await api.request('/archive/2');
    const anchors = (await page.text()).match(/id="report-[0-9a-f]{24}"/gu) ?? [];
    expect(new Set(anchors).size).toBe(60);
  }, 120_000); // 60 reports summarized and the email rendered a few times while fitting it: slow on a loaded CI box
});
