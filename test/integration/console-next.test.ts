// The console's overview and next-edition pages on the local services (DynamoDB Local, local SQS, the SES endpoint),
// driven in process as a signed-in operator's browser would: each action on a report changes what it should and
// nothing else, through the use case PATCH /reports/{id} uses; a report an edition took is refused with a page; a
// form without the session's `_csrf` is a 403; HTML in a title or an edited summary is text on both pages and in the
// preview; a send asks first, and one with no report or no reader says so instead of failing.
import type { Hono } from 'hono';
import { DynamoReportRepository } from '../../lambdas/adapters/dynamo-report-repository';
import { operatorActor } from '../../lambdas/core/domain/activity';
import { consoleLabels } from '../../lambdas/core/domain/console-labels';
import { escapeHtml } from '../../lambdas/core/domain/html';
import type { Report } from '../../lambdas/core/domain/report';
import { MAX_EDITED_SUMMARY_LENGTH } from '../../lambdas/core/domain/report-edit';
import { emailsTo, linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { apiAppOver, createTestMujaz, localServices, type TestMujaz, uniqueAddress } from '../support/local-services';

const { sesEndpoint } = localServices();
const OWN_ORIGIN = 'http://localhost';
const operator = uniqueAddress('next-operator');
const MARKUP_TITLE = 'Council <script>alert(1)</script> & "budget" vote';
const MARKUP_SUMMARY = 'Edited <img src=x onerror=alert(2)> & <b>bold</b> words.\nA second paragraph.';

let test: TestMujaz;
let app: Hono;
let reports: DynamoReportRepository;
let session: { cookie: string; csrf: string };
const ids: Record<string, string> = {};

async function signIn(): Promise<{ cookie: string; csrf: string }> {
  const before = (await emailsTo(sesEndpoint, operator)).length;
  const asked = await app.request('/console/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: OWN_ORIGIN },
    body: new URLSearchParams({ email: operator, language: 'en' }).toString(),
  });
  expect(asked.status).toBe(200);
  const emails = await untilEmailsTo(sesEndpoint, operator, { count: before + 1 });
  const link = new URL(linkIn(emails[before]!, '/console/sign-in/confirm')!);
  const pressed = await app.request(`${link.pathname}${link.search}`, {
    method: 'POST',
    headers: { origin: OWN_ORIGIN },
  });
  expect(pressed.status).toBe(303);
  const cookie = /__Host-mujaz_session=([^;]+)/u.exec(pressed.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  const page = await (await get('/console', cookie)).text();
  const csrf = /name="_csrf" value="([^"]+)"/u.exec(page)?.[1];
  if (!csrf) throw new Error('no _csrf on the console page');
  return { cookie, csrf };
}

const get = (path: string, cookie = session.cookie) =>
  app.request(path, { headers: { cookie: `__Host-mujaz_session=${cookie}`, accept: 'text/html' } });

function post(path: string, fields: Record<string, string>, options: { csrf?: boolean } = {}) {
  const body = new URLSearchParams(options.csrf === false ? fields : { _csrf: session.csrf, ...fields });
  return app.request(path, {
    method: 'POST',
    headers: {
      cookie: `__Host-mujaz_session=${session.cookie}`,
      'content-type': 'application/x-www-form-urlencoded',
      origin: OWN_ORIGIN,
      accept: 'text/html',
    },
    body: body.toString(),
  });
}

const act = (name: string, action: string, extra: Record<string, string> = {}) =>
  post(`/console/reports/${ids[name]}`, { action, ...extra });

async function stored(name: string): Promise<Report> {
  const report = await reports.findById(ids[name]!);
  if (!report) throw new Error(`no report ${name}`);
  return report;
}

/** What an action may change: the rest of the report must be as it was. */
function withoutEditFields(report: Report) {
  const { held: _held, priority: _priority, editedSummary: _summary, revision: _revision, ...rest } = report;
  return rest;
}

async function ingest(name: string, title: string, body: string, extra: { source?: string; priority?: number } = {}) {
  const { report } = await test.mujaz.ingestReport({ title, body, ...extra });
  ids[name] = report.id;
}

/** The titles of the next-edition page's report items, in the page's order, within the section `id`. */
function titlesIn(page: string, id: string): string[] {
  const start = page.indexOf(`<h2 id="${id}">`);
  if (start < 0) return [];
  const end = page.indexOf('</section>', start);
  return [...page.slice(start, end).matchAll(/<h3 id="title-[0-9a-f]+"[^>]*>([^<]*)<\/h3>/gu)].map(
    (match) => match[1]!,
  );
}

beforeAll(async () => {
  test = await createTestMujaz('console-next', {
    environment: { MUJAZ_OPERATORS: operator, MUJAZ_FEATURED_REPORTS: '2' },
  });
  app = apiAppOver(test, 'console-next-admin-token');
  reports = new DynamoReportRepository(test.clients.dynamo, test.tableName);
  session = await signIn();
}, 60_000);
afterAll(async () => test.close());

describe('with nothing to send', () => {
  it('shows the next edition as empty, and a send or a test says there is nothing to send (no 5xx)', async () => {
    const page = await get('/console/next');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('No report is waiting');
    for (const mode of ['test', 'send']) {
      const answer = await post('/console/send', { mode });
      expect([mode, answer.status]).toEqual([mode, 409]);
      expect(await answer.text()).toContain('No report is waiting: there is nothing to send.');
    }
    expect((await get('/console/next/preview')).status).toBe(404);
    expect(await test.mujaz.consoleOverview()).toMatchObject({ editions: [] });
  });

  it('with reports but no reader, asks nothing and opens no edition', async () => {
    await ingest('lonely', 'A report with no one to read it', 'Nobody has confirmed yet. The list is empty today.');
    const answer = await post('/console/send', { mode: 'send', confirm: 'yes' });
    expect(answer.status).toBe(409);
    expect(await answer.text()).toContain('No reader has confirmed yet');
    expect((await test.mujaz.consoleOverview()).editions).toEqual([]);
    expect((await stored('lonely')).editionId).toBeUndefined();
    expect((await act('lonely', 'exclude')).status).toBe(303);
  });
});

describe('the next edition', () => {
  beforeAll(async () => {
    await test.mujaz.importSubscribers([
      { line: 1, email: uniqueAddress('next-reader'), confirmedAt: new Date().toISOString(), language: 'ar' },
      { line: 2, email: uniqueAddress('next-reader'), confirmedAt: new Date().toISOString(), language: 'en' },
    ]);
    await ingest(
      'budget',
      MARKUP_TITLE,
      'The council voted on the budget on Monday. The vote was close. Schools get more.',
      {
        source: 'City <Herald>',
      },
    );
    await ingest(
      'harbour',
      'Harbour reopens after storm repairs',
      'The harbour reopened on Friday after repairs. Boats returned the same morning. Crews were thanked.',
    );
    await ingest(
      'library',
      'Library extends its opening hours',
      'The city library will open until ten at night. Students asked for it. Two more staff are paid for.',
    );
  });

  it('lists every report it would take in the email’s order, with source, dates, summary and key phrases', async () => {
    const page = await (await get('/console/next')).text();
    // Two go in full (MUJAZ_FEATURED_REPORTS), the newest first chosen, each list then by arrival.
    expect(titlesIn(page, 'featured')).toEqual([
      'Harbour reopens after storm repairs',
      'Library extends its opening hours',
    ]);
    expect(titlesIn(page, 'headlines')).toEqual([escapeHtml(MARKUP_TITLE)]);
    expect(titlesIn(page, 'held')).toEqual(['A report with no one to read it']);
    expect(page).toContain(escapeHtml('City <Herald>'));
    const harbour = await stored('harbour');
    for (const sentence of harbour.summary) expect(page).toContain(escapeHtml(sentence));
    for (const phrase of harbour.keyPhrases) expect(page).toContain(`<li>${escapeHtml(phrase)}</li>`);
    expect(page).toContain('<dt>Received</dt>');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain(`action="/console/reports/${ids.harbour}"`);
  });

  it('exclude holds the report and include releases it, changing nothing else', async () => {
    const before = await stored('harbour');
    expect((await act('harbour', 'exclude')).headers.get('location')).toBe(`/console/next#report-${ids.harbour}`);
    const held = await stored('harbour');
    expect(held.held).toBe(true);
    expect(withoutEditFields(held)).toEqual(withoutEditFields(before));
    expect(held.priority).toBe(before.priority);
    expect(titlesIn(await (await get('/console/next')).text(), 'held')).toContain(
      'Harbour reopens after storm repairs',
    );

    expect((await act('harbour', 'include')).status).toBe(303);
    const released = await stored('harbour');
    expect(released.held).toBeUndefined();
    expect(withoutEditFields(released)).toEqual(withoutEditFields(before));
    // The activity log names the signed-in operator, not the API token, for both.
    const { entries } = await test.mujaz.activity();
    expect(entries.slice(0, 2).map(({ actor, action, detail }) => ({ actor, action, detail }))).toEqual([
      { actor: operatorActor(operator), action: 'report-edit', detail: { held: false } },
      { actor: operatorActor(operator), action: 'report-edit', detail: { held: true } },
    ]);
  });

  it('up and down move the priority by one, within −10 and 10, and the page’s order follows', async () => {
    expect((await act('budget', 'up')).status).toBe(303);
    expect((await stored('budget')).priority).toBe(1);
    const page = await (await get('/console/next')).text();
    expect(titlesIn(page, 'featured')[0]).toBe(escapeHtml(MARKUP_TITLE));
    expect((await act('budget', 'down')).status).toBe(303);
    expect((await act('budget', 'down')).status).toBe(303);
    expect((await stored('budget')).priority).toBe(-1);
    expect((await test.mujaz.activity()).entries[0]).toMatchObject({
      actor: operatorActor(operator),
      action: 'report-edit',
      detail: { priority: -1 },
    });
    await test.mujaz.editReport(ids.budget!, { priority: 10 });
    expect((await act('budget', 'up')).status).toBe(303);
    expect((await stored('budget')).priority).toBe(10);
    await test.mujaz.editReport(ids.budget!, { priority: 0 });
    expect(withoutEditFields(await stored('budget')).summary).toEqual((await stored('budget')).summary);
  });

  it('save puts the editor’s summary in, escaped on the page and in the preview; restore brings the machine’s back', async () => {
    const before = await stored('library');
    expect((await act('library', 'save', { summary: MARKUP_SUMMARY })).status).toBe(303);
    const edited = await stored('library');
    expect(edited.editedSummary).toBe(MARKUP_SUMMARY);
    expect(edited.summary).toEqual(before.summary);
    expect(withoutEditFields(edited)).toEqual(withoutEditFields(before));

    const page = await (await get('/console/next')).text();
    expect(page).toContain(`<p>${escapeHtml('Edited <img src=x onerror=alert(2)> & <b>bold</b> words.')}</p>`);
    expect(page).toContain('Edited by an editor');
    expect(page).not.toContain('<img src=x');

    const preview = await get('/console/next/preview');
    expect(preview.status).toBe(200);
    const csp = preview.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
    const email = await preview.text();
    expect(email).toContain(escapeHtml('<b>bold</b>'));
    expect(email).not.toContain('<img src=x');
    expect(email).toContain(escapeHtml(MARKUP_TITLE));
    expect(email).not.toContain('<script>alert(1)');

    expect((await act('library', 'restore')).status).toBe(303);
    const restored = await stored('library');
    expect(restored.editedSummary).toBeUndefined();
    expect(withoutEditFields(restored)).toEqual(withoutEditFields(before));
  });

  it('refuses an empty summary with a page naming the problem, and an unknown report with 404', async () => {
    const empty = await act('library', 'save', { summary: '   ' });
    expect(empty.status).toBe(400);
    const englishPage = await empty.text();
    expect(englishPage).toContain(escapeHtml(consoleLabels('en', 'x').refusalSummaryEmpty));
    // The operator's words, chosen by the field and the rule it broke, not the core's English for the API.
    expect(englishPage).not.toContain('The request is not valid');
    expect((await stored('library')).editedSummary).toBeUndefined();
    expect((await post('/console/language', { language: 'ar' })).status).toBe(303);
    try {
      const arabic = consoleLabels('ar', 'x');
      const emptyInArabic = await (await act('library', 'save', { summary: '   ' })).text();
      expect(emptyInArabic).toContain(escapeHtml(arabic.refusalSummaryEmpty));
      expect(emptyInArabic).not.toContain('must hold some text');
      const long = await act('library', 'save', { summary: 'و'.repeat(MAX_EDITED_SUMMARY_LENGTH + 1) });
      expect(long.status).toBe(400);
      const longPage = await long.text();
      expect(longPage).toContain(escapeHtml(arabic.refusalSummaryTooLong.replace('{max}', '2000')));
      expect(longPage).not.toContain('Too big');
    } finally {
      await post('/console/language', { language: 'en' });
    }
    const unknown = await post('/console/reports/0123456789abcdef01234567', { action: 'exclude' });
    expect(unknown.status).toBe(404);
    expect((await act('library', 'fly')).status).toBe(400);
  });

  it('refuses every form without the session’s _csrf with 403, changing nothing', async () => {
    const before = await stored('harbour');
    for (const action of ['exclude', 'include', 'up', 'down', 'save', 'restore']) {
      const answer = await post(`/console/reports/${ids.harbour}`, { action, summary: 'x y z' }, { csrf: false });
      expect([action, answer.status]).toEqual([action, 403]);
    }
    for (const mode of ['test', 'send']) {
      const answer = await post('/console/send', { mode, confirm: 'yes' }, { csrf: false });
      expect([mode, answer.status]).toEqual([mode, 403]);
    }
    expect(await stored('harbour')).toEqual(before);
    expect((await test.mujaz.consoleOverview()).editions).toEqual([]);
  });

  it('sends a test to the signed-in operator', async () => {
    const before = (await emailsTo(sesEndpoint, operator)).length;
    const answer = await post('/console/send', { mode: 'test' });
    expect(answer.status).toBe(303);
    expect(answer.headers.get('location')).toBe('/console/next?done=test');
    const emails = await untilEmailsTo(sesEndpoint, operator, { count: before + 1 });
    expect(emails[before]!.subject).toMatch(/^\[/u);
    expect(emails[before]!.body.html).toContain(escapeHtml(MARKUP_TITLE));
    expect(await (await get('/console/next?done=test')).text()).toContain(
      `The test email went to ${escapeHtml(operator)}`,
    );
  });

  it('asks before sending, naming readers and reports in full and as headlines; the confirmed send starts it', async () => {
    const asked = await post('/console/send', { mode: 'send' });
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('It goes to 2 readers: 2 reports in full and 1 as headlines.');
    expect((await test.mujaz.consoleOverview()).editions).toEqual([]);

    const confirmed = await post('/console/send', { mode: 'send', confirm: 'yes' });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe('/console/editions/1');
    expect(await test.untilDone('1', 60_000)).toMatchObject({ state: 'done', reports: 3, counts: { sent: 2 } });
    expect((await test.mujaz.digestProgress('1')).startedBy).toEqual(operatorActor(operator));
  });

  it('refuses an action on a report the edition took with a page that says so (409)', async () => {
    const before = await stored('harbour');
    const answer = await act('harbour', 'exclude');
    expect(answer.status).toBe(409);
    expect(await answer.text()).toContain('Edition 1 has already taken this report');
    expect((await act('harbour', 'up')).status).toBe(409);
    expect(await stored('harbour')).toEqual(before);
  });
});

describe('the overview', () => {
  it('shows readers by state and language, the edition with its outcomes, the rates and the next send', async () => {
    const response = await get('/console');
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toMatch(/<dt>Confirmed<\/dt><dd>2<\/dd>/u);
    expect(page).toMatch(/<th scope="row">Arabic<\/th><td>1<\/td>/u);
    expect(page).toMatch(/<th scope="row">English<\/th><td>1<\/td>/u);
    expect(page).toContain('<a href="/console/editions/1">1</a>');
    expect(page).toMatch(/<td>handed to delivery<\/td><td>2<\/td><td>2<\/td><td>0<\/td><td>0<\/td>/u);
    expect(page).toContain('<svg viewBox="0 0 600 160" role="img" aria-labelledby="net-chart-title"');
    expect(page).toContain('Over 30 days: 2 joined, 0 left, net +2.');
    expect(page).toMatch(/<th scope="row">Bounce rate<\/th><td>0\.00%<\/td><td>5\.00%<\/td>/u);
    expect(page).toContain('No schedule sends the digest here');
    expect(page).not.toContain('<script');
  });
});
