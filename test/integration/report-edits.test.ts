// An editor's corrections on the local stack, through the admin API (DynamoDB Local, SQS, the SES endpoint, the
// real templates): a held report stays out of a sent edition and goes out once after its release; priority orders
// the email; the editor's summary replaces the machine's in the email's HTML and text parts and on the archive page,
// escaped; null restores it; concurrent edits are all kept; bad edits are refused with the problem named.
import type { Hono } from 'hono';
import { escapeHtml } from '../../lambdas/core/domain/html';
import { emailsTo, linkIn, type StoredEmail } from '../../lambdas/local/ses-inbox';
import { apiAppOver, createTestMujaz, localServices, type TestMujaz, uniqueAddress } from '../support/local-services';

const ADMIN_TOKEN = 'report-edits-admin-token';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const json = { 'content-type': 'application/json' };
const { sesEndpoint } = localServices();

const REPORTS = {
  bikes: {
    title: 'City council approves new bicycle lanes',
    text: 'The council approved forty kilometres of protected lanes on Monday. Supporters said cycling would be safer. The first lanes open in spring.',
  },
  harbour: {
    title: 'Harbour reopens after storm repairs',
    text: 'The harbour reopened on Friday after two weeks of repairs. Fishing boats returned the same morning. The port authority thanked the crews.',
  },
  library: {
    title: 'Library extends its opening hours',
    text: 'The city library will open until ten at night from March. Students asked for the change last year. The council pays for two more staff.',
  },
  market: {
    title: 'Night market moves to the old station',
    text: 'The night market moves to the old railway station in May. Traders welcomed the larger space. Parking will be free after six.',
  },
};
/** An editor's summary with markup in it: every page and email must show it as text. */
const EDITED = 'Boats are back <script>alert("x")</script> & the <b>crews</b> are thanked.\nRepairs took two weeks.';

let test: TestMujaz;
let app: Hono;
const reader = uniqueAddress('edits-reader');
/** Report ids by name. */
const ids: Record<string, string> = {};
/** Machine summaries by name. */
const machine: Record<string, string[]> = {};

const call = (method: string, path: string, body?: unknown) =>
  app.request(path, {
    method,
    headers: { ...admin, ...json },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
const edit = (name: string, body: unknown) => call('PATCH', `/reports/${ids[name]}`, body);

/** POST /digests send, and the edition once every reader's copy is settled. */
async function send(): Promise<{ id?: string; status?: string; reports?: number }> {
  const response = await call('POST', '/digests', { mode: 'send' });
  const answer = (await response.json()) as { status?: string; id?: string };
  if (answer.status === 'no-reports') return answer;
  return test.untilDone(answer.id!, 120_000);
}

async function digests(): Promise<StoredEmail[]> {
  return (await emailsTo(sesEndpoint, reader)).filter((email) => email.body.html?.includes('/unsubscribe?token='));
}

beforeAll(async () => {
  test = await createTestMujaz('edits');
  app = apiAppOver(test, ADMIN_TOKEN);
  await test.mujaz.subscribe(reader, { via: 'api' });
  const [confirmation] = await emailsTo(sesEndpoint, reader);
  const link = new URL(linkIn(confirmation!, '/subscriptions/confirm')!);
  expect((await app.request(`${link.pathname}${link.search}`, { method: 'POST' })).status).toBe(200);
  for (const [name, report] of Object.entries(REPORTS)) {
    const response = await call('POST', '/reports', report);
    expect(response.status).toBe(201);
    const stored = ((await response.json()) as { report: { id: string; summary: string[] } }).report;
    ids[name] = stored.id;
    machine[name] = stored.summary;
  }
}, 60_000);
afterAll(async () => test.close());

describe('editing reports before they go out, on the local stack', () => {
  it('keeps every field of concurrent edits of one report', async () => {
    const answers = await Promise.all([
      edit('bikes', { priority: -2 }),
      edit('bikes', { summary: 'Temporary words.' }),
      edit('bikes', { hold: false }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    const restored = await edit('bikes', { summary: null });
    expect(await restored.json()).toMatchObject({ id: ids.bikes, priority: -2, revision: 4 });
    expect(await (await edit('bikes', { priority: -2 })).json()).not.toHaveProperty('editedSummary');
  });

  it('refuses bad edits with 400 naming the field, and an unknown report with 404', async () => {
    const bad = await edit('harbour', { priority: 50, summary: '' });
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { code: string; problems: Array<{ field: string }> } };
    expect(error.code).toBe('invalid_input');
    expect(error.problems.map((problem) => problem.field)).toEqual(['priority', 'summary']);
    const unknown = await call('PATCH', '/reports/0123456789abcdef01234567', { hold: true });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('sends edition 1 without the held report, by priority, with the editor’s summary escaped in both parts', async () => {
    expect((await edit('market', { hold: true })).status).toBe(200);
    expect((await edit('library', { priority: 4 })).status).toBe(200);
    expect((await edit('harbour', { summary: EDITED, priority: 1 })).status).toBe(200);

    expect(await send()).toMatchObject({ id: '1', state: 'done', reports: 3, counts: { sent: 1 } });
    const [digest, ...more] = await digests();
    expect(more).toEqual([]);
    const html = digest!.body.html!;
    const text = digest!.body.text!;
    expect(html).not.toContain(REPORTS.market.title);
    expect(text).not.toContain(REPORTS.market.title);
    // Higher priority first: library (4), harbour (1), bikes (−2). The preheader lists the titles by arrival before
    // the items: each title's last place is its item's.
    const at = (title: string) => html.lastIndexOf(escapeHtml(title));
    expect(at(REPORTS.library.title)).toBeGreaterThan(-1);
    expect(at(REPORTS.library.title)).toBeLessThan(at(REPORTS.harbour.title));
    expect(at(REPORTS.harbour.title)).toBeLessThan(at(REPORTS.bikes.title));

    // The editor's summary, escaped, in place of the machine's; the bikes' summary restored to the machine's.
    expect(html).toContain(
      'Boats are back &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; the &lt;b&gt;crews&lt;/b&gt; are thanked.',
    );
    expect(html).toContain('Repairs took two weeks.');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>crews');
    for (const sentence of machine.harbour!) expect(html).not.toContain(escapeHtml(sentence));
    for (const sentence of machine.bikes!) expect(html).toContain(escapeHtml(sentence));
    expect(html).not.toContain('Temporary words.');
    // The text part shows the editor's words as written: it is no markup.
    expect(text).toContain('Boats are back <script>alert("x")</script> & the <b>crews</b> are thanked.');
    for (const sentence of machine.harbour!) expect(text).not.toContain(sentence);
  }, 150_000);

  it('shows the editor’s summary, escaped, on the archive page of the edition', async () => {
    const page = await app.request('/archive/1');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(
      'Boats are back &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; the &lt;b&gt;crews&lt;/b&gt; are thanked.',
    );
    expect(html).not.toContain('<script');
    for (const sentence of machine.harbour!) expect(html).not.toContain(escapeHtml(sentence));
    expect(html).not.toContain(escapeHtml(REPORTS.market.title));
  });

  it('refuses with 409 an edit of a report edition 1 took', async () => {
    const late = await edit('harbour', { summary: null });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'in_edition', edition: '1' } });
  });

  it('keeps a held report out of every send until released, then sends it in the next edition, once', async () => {
    expect(await send()).toEqual({ mode: 'send', status: 'no-reports' });
    expect((await edit('market', { hold: false })).status).toBe(200);
    expect(await send()).toMatchObject({ id: '2', state: 'done', reports: 1, counts: { sent: 1 } });
    expect(await send()).toEqual({ mode: 'send', status: 'no-reports' });

    const received = await digests();
    expect(received).toHaveLength(2);
    const [first, second] = received.sort((a, b) => a.at - b.at);
    expect(first!.body.html).not.toContain(REPORTS.market.title);
    expect(second!.body.html).toContain(REPORTS.market.title);
    expect(second!.body.html).not.toContain(REPORTS.library.title);
    expect((await app.request('/archive/2')).status).toBe(200);
  }, 150_000);
});
