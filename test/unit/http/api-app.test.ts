import type { Hono } from 'hono';
import { HmacTokenSigner } from '../../../lambdas/adapters/hmac-token-signer';
import type { ReportRejection } from '../../../lambdas/core/domain/errors';
import { labelsFor } from '../../../lambdas/core/domain/newsletter-labels';
import { parsePlainTextReport, type Report, reportIdFor } from '../../../lambdas/core/domain/report';
import { cleanText, MAX_PAGE_BYTES, MAX_REPORT_BYTES } from '../../../lambdas/core/domain/text-cleaning';
import type { Mujaz } from '../../../lambdas/core/mujaz';
import type { DigestDispatcher, DispatchOutcome } from '../../../lambdas/core/ports/digest-dispatcher';
import { MAX_BATCH_REPORTS } from '../../../lambdas/core/use-cases/ingest-report';
import { createApiApp } from '../../../lambdas/http/api-app';
import {
  createHarness,
  ENGLISH_REPORT,
  expectSummaryOf,
  FIXTURE_BOILERPLATE,
  FRENCH_REPORT,
  type Harness,
  htmlFixture,
  PERSIAN_REPORT,
  SAMPLE_REPORT_AR,
  tokenFromLink,
} from '../mujaz-harness';

const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const html = { accept: 'text/html,application/xhtml+xml' };

class FakeDispatcher implements DigestDispatcher {
  readonly weeks: string[] = [];
  constructor(private readonly answer: (week: string) => Promise<DispatchOutcome>) {}
  async dispatchSend(week: string): Promise<DispatchOutcome> {
    this.weeks.push(week);
    return this.answer(week);
  }
}

interface ErrorJson {
  error: { code: string; message: string; problems?: { field: string; message: string }[]; reason?: string };
}

let h: Harness;
let dispatcher: FakeDispatcher;
let app: Hono;

function build(mujaz: Mujaz = h.mujaz): Hono {
  return createApiApp({ mujaz, dispatcher, adminToken: ADMIN_TOKEN, newsletter: h.newsletter, logger: h.logger });
}

beforeEach(() => {
  h = createHarness();
  dispatcher = new FakeDispatcher(async (week) => ({ status: 'accepted' as const, week }));
  app = build();
});

async function errorOf(response: Response, status: number): Promise<ErrorJson['error']> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/u);
  const body = (await response.json()) as ErrorJson;
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

const postReport = (body: RequestInit['body'], headers: Record<string, string> = { ...admin, ...json }) =>
  app.request('/reports', { method: 'POST', headers, body });
const postDigest = (body: unknown) =>
  app.request('/digests', { method: 'POST', headers: { ...admin, ...json }, body: JSON.stringify(body) });

async function confirmedReader(email: string): Promise<void> {
  await h.addSubscriber(email, 'confirmed');
}

describe('admin routes need the bearer token', () => {
  it.each([
    ['POST /reports', '/reports'],
    ['POST /reports/batch', '/reports/batch'],
    ['POST /digests', '/digests'],
  ])('%s answers 401 without a token or with a wrong one', async (_name, path) => {
    for (const headers of [
      json,
      { ...json, authorization: 'Bearer wrong-token' },
      { ...json, authorization: ADMIN_TOKEN },
      { ...json, authorization: `Basic ${ADMIN_TOKEN}` },
    ]) {
      const response = await app.request(path, { method: 'POST', headers, body: JSON.stringify({ mode: 'preview' }) });
      const error = await errorOf(response, 401);
      expect(error.code).toBe('unauthorized');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/u);
    }
    expect(h.reports.all()).toEqual([]);
  });

  it('checks the token before reading the body', async () => {
    const response = await app.request('/reports', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(2_000_000),
    });
    expect(response.status).toBe(401);
  });
});

describe('POST /reports', () => {
  it('accepts the sample as text/plain with 201, then the same again with 200 created:false', async () => {
    const first = await postReport(SAMPLE_REPORT_AR, { ...admin, 'content-type': 'text/plain; charset=utf-8' });
    expect(first.status).toBe(201);
    const created = (await first.json()) as { created: boolean; report: Record<string, unknown> };
    const submission = parsePlainTextReport(SAMPLE_REPORT_AR);
    expect(created.created).toBe(true);
    expect(created.report).toMatchObject({
      id: reportIdFor(submission),
      title: submission.title,
      language: 'ar',
      week: '2026-W48',
    });
    expect(created.report).not.toHaveProperty('body');
    expect((created.report.summary as string[]).length).toBeGreaterThan(0);

    const second = await postReport(SAMPLE_REPORT_AR, { ...admin, 'content-type': 'text/plain' });
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ ...created, created: false });
    expect(h.reports.all()).toHaveLength(1);
  });

  it('accepts a UTF-8 byte-order mark before the title', async () => {
    const response = await postReport(`\uFEFF${SAMPLE_REPORT_AR}`, { ...admin, 'content-type': 'text/plain' });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { report: { title: string } }).report.title).toBe(
      parsePlainTextReport(SAMPLE_REPORT_AR).title,
    );
  });

  it('accepts a JSON report with 201', async () => {
    const response = await postReport(
      JSON.stringify({
        title: ENGLISH_REPORT.title,
        lede: ENGLISH_REPORT.lede,
        text: ENGLISH_REPORT.body,
        url: 'https://news.example/bikes',
        publishedAt: '2026-11-20T10:00:00+03:00',
      }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      created: true,
      report: {
        title: ENGLISH_REPORT.title,
        language: 'en',
        url: 'https://news.example/bikes',
        publishedAt: '2026-11-20T10:00:00+03:00',
      },
    });
  });

  it('takes a body without content type as JSON', async () => {
    // A string body would get "text/plain;charset=UTF-8" from the Request constructor; bytes get no type.
    const bytes = new TextEncoder().encode(
      JSON.stringify({ title: 'T', text: 'Some text here. And a second sentence.' }),
    );
    const response = await app.request('/reports', { method: 'POST', headers: admin, body: bytes });
    expect(response.status).toBe(201);
  });

  it.each<[string, string, string]>([
    ['an unknown field', JSON.stringify({ title: 'T', text: 'Body.', author: 'someone' }), 'author'],
    ['a missing title', JSON.stringify({ text: 'Body.' }), 'title'],
    ['a missing text', JSON.stringify({ title: 'T' }), 'text'],
    [
      'a url that is not http(s)',
      JSON.stringify({ title: 'T', text: 'Body.', url: 'ftp://files.example/report' }),
      'url',
    ],
    ['a javascript: url', JSON.stringify({ title: 'T', text: 'Body.', url: 'javascript:alert(1)' }), 'url'],
    [
      'a publishedAt that is not a date-time',
      JSON.stringify({ title: 'T', text: 'Body.', publishedAt: 'last Tuesday' }),
      'publishedAt',
    ],
    [
      'a language that is not an ISO 639 code',
      JSON.stringify({ title: 'T', text: 'Body one. Body two.', language: 'French' }),
      'language',
    ],
    [
      'a BCP 47 tag rather than an ISO 639 code',
      JSON.stringify({ title: 'T', text: 'Body one. Body two.', language: 'fr-CA' }),
      'language',
    ],
    [
      'both text and html',
      JSON.stringify({ title: 'T', text: 'Body one. Body two.', html: '<p>Body one. Body two.</p>' }),
      'html',
    ],
    ['neither text nor html', JSON.stringify({ title: 'T', lede: 'A lede.' }), 'text'],
    ['a title that is only spaces', JSON.stringify({ title: '   ', text: 'Body.' }), 'title'],
    ['a body that is not an object', JSON.stringify(['T', 'Body.']), ''],
  ])('answers 400 naming the problem for %s', async (_name, body, field) => {
    const error = await errorOf(await postReport(body), 400);
    expect(error.code).toBe('invalid_input');
    const mentioned = JSON.stringify(error.problems ?? []) + error.message;
    if (field) expect(mentioned).toContain(field);
    expect(h.reports.all()).toEqual([]);
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const error = await errorOf(await postReport('{"title": "T", "text": '), 400);
    expect(error.code).toBe('invalid_json');
  });

  it('answers 400 for empty text/plain and for a title without lede or body', async () => {
    for (const body of ['', '\n\n', 'العنوان وحده']) {
      const error = await errorOf(await postReport(body, { ...admin, 'content-type': 'text/plain' }), 400);
      expect(error.code).toBe('invalid_input');
    }
  });

  it('answers 4xx (not 5xx) for bytes that are not UTF-8', async () => {
    const windows1256 = new Uint8Array([0xe3, 0xd1, 0xcd, 0xc8, 0xc7, 0x0a, 0xe3, 0xd1, 0xcd, 0xc8, 0xc7]); // "مرحبا" in Windows-1256
    const response = await postReport(windows1256, { ...admin, 'content-type': 'text/plain' });
    expect([400, 415]).toContain(response.status);
    const error = await errorOf(response, response.status);
    expect(error.code).toBe('invalid_encoding');
  });

  it('answers 413 for a body over the limit', async () => {
    const big = `Title\nLede\n${'كلمة '.repeat(400_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_PAGE_BYTES);
    const error = await errorOf(await postReport(big, { ...admin, 'content-type': 'text/plain' }), 413);
    expect(error.code).toBe('payload_too_large');
    expect(error.reason).toBe('too_large');
    // The same with a declared Content-Length.
    const declared = await postReport(big, {
      ...admin,
      'content-type': 'text/plain',
      'content-length': String(Buffer.byteLength(big)),
    });
    expect(declared.status).toBe(413);
    expect(h.reports.all()).toEqual([]);
  });

  it('answers 413 too_large (not 5xx) for JSON within the body limit whose text is over the report limit', async () => {
    const long = JSON.stringify({ title: 'Title', lede: 'Lede.', text: 'a'.repeat(MAX_REPORT_BYTES) });
    expect(Buffer.byteLength(long)).toBeLessThan(MAX_PAGE_BYTES);
    const error = await errorOf(await postReport(long), 413);
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'too_large' });
    expect(error.problems?.[0]?.field).toBe('text');
    expect(h.reports.all()).toEqual([]);
  });

  it('answers 415 for a content type it does not read', async () => {
    for (const type of ['application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded']) {
      const error = await errorOf(await postReport('title=T&text=B', { ...admin, 'content-type': type }), 415);
      expect(error.code).toBe('unsupported_media_type');
    }
  });
});

describe('POST /reports: every rejection reason, with its status', () => {
  const text = (body: string) => ({ body, headers: { ...admin, 'content-type': 'text/plain; charset=utf-8' } });
  const asJson = (report: unknown) => ({ body: JSON.stringify(report), headers: { ...admin, ...json } });
  const page = (body: string) => ({ body, headers: { ...admin, 'content-type': 'text/html; charset=utf-8' } });

  it.each<[string, ReportRejection, number, { body: string; headers: Record<string, string> }]>([
    ['empty text/plain', 'empty', 400, text(' \n\u200B\n ')],
    ['a title with nothing after it', 'empty', 400, text('العنوان وحده')],
    ['JSON with an empty text', 'empty', 400, asJson({ title: 'T', text: '' })],
    ['an empty page', 'empty', 400, page('   ')],
    ['a single sentence as text/plain', 'single_sentence', 400, text('Title\nThe only sentence there is.')],
    ['a single sentence as JSON', 'single_sentence', 400, asJson({ title: 'T', text: 'One sentence.' })],
    [
      'a page with one sentence',
      'single_sentence',
      400,
      page('<html><head><title>T</title></head><body><p>One sentence only.</p></body></html>'),
    ],
    // text/plain over the body limit (which is the report limit): HTTP answers before the core sees it.
    ['text/plain over the limit', 'too_large', 413, text(`Title\nLede.\n${'word. '.repeat(MAX_REPORT_BYTES / 6)}`)],
    // Within the body limit, over the report limit: the core answers.
    ['JSON text over the limit', 'too_large', 413, asJson({ title: 'T', text: 'word. '.repeat(MAX_REPORT_BYTES / 6) })],
    [
      'text/plain within the body limit whose summary takes it over',
      'too_large',
      413,
      text(`T\n${'a'.repeat(MAX_REPORT_BYTES / 2 - 4)}.\n${'b'.repeat(MAX_REPORT_BYTES / 2 - 4)}.`),
    ],
    // Over the page limit: HTTP answers.
    ['a page over the limit', 'too_large', 413, page(`<p>${'word. '.repeat(MAX_PAGE_BYTES / 6)}</p>`)],
    [
      'a page within the page limit whose text is over the report limit',
      'too_large',
      413,
      page(
        `<html><head><title>T</title></head><body><p>${'word. '.repeat(MAX_REPORT_BYTES / 6 + 1)}</p></body></html>`,
      ),
    ],
    ['NUL bytes as text/plain', 'binary', 400, text('Title\nLede.\nPK\u0003\u0004\u0000\u0000 not text. At all.')],
    ['NUL bytes as JSON', 'binary', 400, asJson({ title: 'T', text: 'First\u0000 sentence. Second\u0000 one.' })],
    ['a page of binary data', 'binary', 400, page('\u0000\u0001\u0002<p>x</p>')],
    ['tags without text as text/plain', 'markup_only', 400, text('<html>\n<body>\n<p></p>\n</body>\n</html>')],
    ['tags without text as JSON', 'markup_only', 400, asJson({ title: 'T', text: '<div><p>&nbsp;</p></div>' })],
    ['a page without text', 'markup_only', 400, page(htmlFixture('markup-only.html'))],
  ])("answers %s with reason '%s' (%s)", async (_name, reason, status, request) => {
    const error = await errorOf(await app.request('/reports', { method: 'POST', ...request }), status);
    expect(error.reason).toBe(reason);
    // A body over its limit is 'payload_too_large' before anything reads it; the core's answers are 'invalid_input'.
    const overBodyLimit =
      Buffer.byteLength(request.body) >
      (request.headers['content-type']!.startsWith('text/plain') ? MAX_REPORT_BYTES : MAX_PAGE_BYTES);
    expect(error.code).toBe(overBodyLimit ? 'payload_too_large' : 'invalid_input');
    expect(h.reports.all()).toEqual([]);
    expect(h.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('answers JSON over the page limit with 413 too_large before reading it', async () => {
    const error = await errorOf(
      await postReport(JSON.stringify({ title: 'T', text: 'x'.repeat(MAX_PAGE_BYTES) })),
      413,
    );
    expect(error).toMatchObject({ code: 'payload_too_large', reason: 'too_large' });
  });
});

describe('POST /reports: article pages', () => {
  const postPage = (html: string, type = 'text/html; charset=utf-8') =>
    postReport(html, { ...admin, 'content-type': type });

  it.each([
    ['arabic-news-article.html', 'محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي', 'ar'],
    ['english-news-article.html', 'Harbour town bets on tidal power to cut bills', 'en'],
  ] as const)(
    'ingests %s as text/html: title and language from the page, summary from the article alone',
    async (name, title, language) => {
      const html = htmlFixture(name);
      const response = await postPage(html);
      expect(response.status).toBe(201);
      const { report } = (await response.json()) as { report: Report };
      expect(report).toMatchObject({ title, language, week: '2026-W48' });
      expect(report).not.toHaveProperty('body');
      expect(report).not.toHaveProperty('original');
      const article = h.extractor.extract(html).text;
      expect(h.reports.all()[0]!.body).toBe(article);
      expectSummaryOf(report.summary, article);
      for (const boilerplate of FIXTURE_BOILERPLATE[name])
        for (const sentence of report.summary) expect(sentence).not.toContain(boilerplate);
    },
  );

  it('accepts application/xhtml+xml too, and answers the same page again with 200 created:false', async () => {
    expect((await postPage(htmlFixture('english-news-article.html'), 'application/xhtml+xml')).status).toBe(201);
    const again = await postPage(htmlFixture('english-news-article.html'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false });
    expect(h.reports.all()).toHaveLength(1);
  });

  it('detects the language of a page without <html lang>', async () => {
    const response = await postPage(htmlFixture('arabic-news-article.html').replace(/<html[^>]*>/u, '<html>'));
    expect(((await response.json()) as { report: Report }).report.language).toBe('ar');
  });

  it('accepts JSON with html: the page gives the title, the request its url, lede and language', async () => {
    const response = await postReport(
      JSON.stringify({
        html: htmlFixture('english-news-article.html'),
        url: 'https://ledger.example/tidal',
        lede: 'Port Wenlow votes for a tidal array.',
        language: 'en',
      }),
    );
    expect(response.status).toBe(201);
    const { report } = (await response.json()) as { report: Report };
    expect(report).toMatchObject({
      title: 'Harbour town bets on tidal power to cut bills',
      url: 'https://ledger.example/tidal',
      lede: 'Port Wenlow votes for a tidal array.',
      language: 'en',
    });
    expectSummaryOf(
      report.summary,
      `${report.lede}\n${h.extractor.extract(htmlFixture('english-news-article.html')).text}`,
    );
  });

  it("takes the request's title and language over the page's", async () => {
    const response = await postReport(
      JSON.stringify({ html: htmlFixture('short-paragraphs.html'), title: 'Library hours', language: 'fr' }),
    );
    expect(await response.json()).toMatchObject({ report: { title: 'Library hours', language: 'fr' } });
  });

  it('answers 400 naming the title for JSON html whose page names no headline', async () => {
    const error = await errorOf(
      await postReport(JSON.stringify({ html: '<p>First sentence here.</p><p>Second sentence here.</p>' })),
      400,
    );
    expect(error.problems?.map((problem) => problem.field)).toEqual(['title']);
  });

  it('answers 400 invalid_encoding for a page that is not UTF-8', async () => {
    const windows1256 = new Uint8Array([0x3c, 0x70, 0x3e, 0xe3, 0xd1, 0xcd, 0xc8, 0xc7, 0x3c, 0x2f, 0x70, 0x3e]);
    expect((await errorOf(await postReport(windows1256, { ...admin, 'content-type': 'text/html' }), 400)).code).toBe(
      'invalid_encoding',
    );
  });
});

describe('POST /reports: language and the original text', () => {
  it("keeps an editor's 'fr' (left to right) and 'fa' (right to left), and the digest marks each item so", async () => {
    for (const [report, language] of [
      [FRENCH_REPORT, 'fr'],
      [PERSIAN_REPORT, 'fa'],
    ] as const) {
      const response = await postReport(JSON.stringify({ title: report.title, text: report.body, language }));
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ report: { language } });
    }
    const preview = (await (await postDigest({ mode: 'preview' })).json()) as { html: string };
    expect(preview.html).toContain('dir="ltr" lang="fr"');
    expect(preview.html).toContain('dir="rtl" lang="fa"');
  });

  it('keeps the text as sent next to the cleaned body when cleaning changed it, and answers with neither', async () => {
    const response = await postReport(
      JSON.stringify({ title: PERSIAN_REPORT.title, text: PERSIAN_REPORT.body, language: 'fa' }),
    );
    const answered = (await response.json()) as { report: Record<string, unknown> };
    expect(answered.report).not.toHaveProperty('body');
    expect(answered.report).not.toHaveProperty('original');
    const [stored] = h.reports.all();
    expect(stored!.original).toBe(PERSIAN_REPORT.body);
    expect(stored!.body).toBe(cleanText(PERSIAN_REPORT.body));
  });
});

describe('POST /reports/batch', () => {
  const postBatch = (body: unknown, headers: Record<string, string> = { ...admin, ...json }) =>
    app.request('/reports/batch', {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  interface BatchAnswer {
    results: {
      index: number;
      status: 'created' | 'exists' | 'rejected';
      report?: Record<string, unknown>;
      error?: ErrorJson['error'];
    }[];
    created: number;
    existing: number;
    rejected: number;
  }

  it('answers 200 with a result per item: good ones stored, bad ones not, one bad item failing nothing else', async () => {
    const response = await postBatch([
      { title: ENGLISH_REPORT.title, lede: ENGLISH_REPORT.lede, text: ENGLISH_REPORT.body },
      { title: 'T', text: 'Only one sentence.' },
      { html: htmlFixture('arabic-news-article.html'), url: 'https://news.example/water' },
      { title: 'T', text: 'x'.repeat(MAX_REPORT_BYTES + 1) },
      { title: 'No text' },
      'not an object',
      { title: 'T', text: 'Body one. Body two.', language: 'Klingon' },
      {
        title: ENGLISH_REPORT.title,
        lede: ENGLISH_REPORT.lede,
        text: ENGLISH_REPORT.body,
        url: 'https://news.example/again',
      },
      { title: 'T', text: 'Bad\u0000 bytes. More\u0000 here.' },
      { html: htmlFixture('markup-only.html'), title: 'Empty page' },
    ]);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as BatchAnswer;
    expect(answer.results.map(({ index, status }) => [index, status])).toEqual([
      [0, 'created'],
      [1, 'rejected'],
      [2, 'created'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'exists'],
      [8, 'rejected'],
      [9, 'rejected'],
    ]);
    expect(answer).toMatchObject({ created: 2, existing: 1, rejected: 7 });
    expect(answer.results.map((result) => result.error?.reason)).toEqual([
      undefined,
      'single_sentence',
      undefined,
      'too_large',
      undefined,
      undefined,
      undefined,
      undefined,
      'binary',
      'markup_only',
    ]);
    expect(answer.results[4]!.error).toMatchObject({ code: 'invalid_input', problems: [{ field: 'text' }] });
    expect(answer.results[5]!.error).toMatchObject({ code: 'invalid_input' });
    expect(answer.results[6]!.error?.problems?.map((problem) => problem.field)).toEqual(['language']);
    expect(answer.results[0]!.report).toMatchObject({ title: ENGLISH_REPORT.title, language: 'en' });
    expect(answer.results[0]!.report).not.toHaveProperty('body');
    expect(answer.results[2]!.report).toMatchObject({
      title: 'محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي',
      language: 'ar',
      url: 'https://news.example/water',
    });
    expect(answer.results[7]!.report).toEqual(answer.results[0]!.report);
    expect(
      h.reports
        .all()
        .map((report) => report.title)
        .sort(),
    ).toEqual([ENGLISH_REPORT.title, 'محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي'].sort());
    expect(h.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('answers 200 with zero counts for an empty batch', async () => {
    expect(await (await postBatch([])).json()).toEqual({ results: [], created: 0, existing: 0, rejected: 0 });
  });

  it(`answers 400 for more than ${MAX_BATCH_REPORTS} items, storing none`, async () => {
    const items = Array.from({ length: MAX_BATCH_REPORTS + 1 }, (_, index) => ({
      title: `Report ${index}`,
      text: 'First sentence. Second sentence.',
    }));
    const error = await errorOf(await postBatch(items), 400);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(String(MAX_BATCH_REPORTS));
    expect(h.reports.all()).toEqual([]);
    const full = (await (await postBatch(items.slice(0, MAX_BATCH_REPORTS))).json()) as BatchAnswer;
    expect(full.created).toBe(MAX_BATCH_REPORTS);
  });

  it('answers 400 for a body that is not an array, 400 invalid_json for one that is not JSON, 415 for one that is not JSON at all', async () => {
    expect((await errorOf(await postBatch({ title: 'T', text: 'One. Two.' }), 400)).code).toBe('invalid_input');
    expect((await errorOf(await postBatch('[{"title": '), 400)).code).toBe('invalid_json');
    expect(
      (await errorOf(await postBatch('Title\nLede\nBody.', { ...admin, 'content-type': 'text/plain' }), 415)).code,
    ).toBe('unsupported_media_type');
  });

  it('answers 401 to anonymous callers and to a wrong token, before reading the body', async () => {
    for (const headers of [json, { ...json, authorization: 'Bearer wrong-token' }]) {
      const error = await errorOf(
        await postBatch([{ title: ENGLISH_REPORT.title, text: ENGLISH_REPORT.body }], headers),
        401,
      );
      expect(error.code).toBe('unauthorized');
    }
    expect(
      (await app.request('/reports/batch', { method: 'POST', headers: json, body: 'x'.repeat(5_000_000) })).status,
    ).toBe(401);
    expect(h.reports.all()).toEqual([]);
  });

  it('answers 413 too_large for a body over the batch limit', async () => {
    const error = await errorOf(await postBatch([{ title: 'T', text: 'x'.repeat(5 * 1_048_576) }]), 413);
    expect(error).toMatchObject({ code: 'payload_too_large', reason: 'too_large' });
  });
});

describe('POST /subscriptions', () => {
  it('answers 202 and mails a confirmation for a JSON body', async () => {
    const response = await app.request('/subscriptions', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'Reader@Example.com' }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'pending' });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['reader@example.com']);
  });

  it('answers the same 202 for an address that is already confirmed, and mails nothing', async () => {
    await confirmedReader('reader@example.com');
    const response = await app.request('/subscriptions', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'reader@example.com' }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'pending' });
    expect(h.mailer.sent).toEqual([]);
  });

  it('accepts a form-encoded body', async () => {
    const response = await app.request('/subscriptions', {
      method: 'POST',
      headers: form,
      body: 'email=reader%40example.com',
    });
    expect(response.status).toBe(202);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
  });

  it('answers 400 with problems[0].field "email" for a bad address', async () => {
    for (const [headers, body] of [
      [json, JSON.stringify({ email: 'not-an-address' })],
      [form, 'email=not-an-address'],
    ] as const) {
      const error = await errorOf(await app.request('/subscriptions', { method: 'POST', headers, body }), 400);
      expect(error.problems?.[0]?.field).toBe('email');
    }
    expect(h.mailer.sent).toEqual([]);
  });

  it('answers 400 (not 5xx) for a multipart body that cannot be parsed', async () => {
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=abc']) {
      const error = await errorOf(
        await app.request('/subscriptions', {
          method: 'POST',
          headers: { 'content-type': type },
          body: 'email=reader@example.com',
        }),
        400,
      );
      expect(error.code).toBe('invalid_form');
    }
    expect(h.subscribers.all()).toEqual([]);
  });

  it('accepts a well-formed multipart body', async () => {
    const body = new FormData();
    body.set('email', 'reader@example.com');
    const response = await app.request('/subscriptions', { method: 'POST', body });
    expect(response.status).toBe(202);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
  });

  it('answers 400 naming the field when the email is missing or not a string', async () => {
    const missing = await errorOf(
      await app.request('/subscriptions', { method: 'POST', headers: json, body: '{}' }),
      400,
    );
    expect(missing.problems?.[0]?.field).toBe('email');
    const wrongType = await errorOf(
      await app.request('/subscriptions', { method: 'POST', headers: json, body: '{"email": 42}' }),
      400,
    );
    expect(wrongType.problems?.[0]?.field).toBe('email');
  });

  it('answers 413 for a body over the small limit', async () => {
    const response = await app.request('/subscriptions', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'a@example.com', pad: 'x'.repeat(20_000) }),
    });
    expect(response.status).toBe(413);
  });
});

describe('GET /subscriptions/confirm', () => {
  async function pendingToken(): Promise<string> {
    await app.request('/subscriptions', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ email: 'reader@example.com' }),
    });
    return tokenFromLink(h.mailer.sent.at(-1)!.html, '/subscriptions/confirm');
  }

  it('answers 400 naming the token when there is none', async () => {
    const error = await errorOf(await app.request('/subscriptions/confirm'), 400);
    expect(error.problems?.[0]?.field).toBe('token');
  });

  it('answers 400 invalid_token for a bad token', async () => {
    const error = await errorOf(await app.request('/subscriptions/confirm?token=v1.abc.def'), 400);
    expect(error.code).toBe('invalid_token');
    expect(error.reason).toBe('bad_signature');
  });

  it('answers 400 with the reason expired for a link used too late', async () => {
    const token = await pendingToken();
    h.clock.advance(49 * 3_600_000);
    const error = await errorOf(await app.request(`/subscriptions/confirm?token=${encodeURIComponent(token)}`), 400);
    expect(error).toMatchObject({ code: 'invalid_token', reason: 'expired' });
  });

  it('confirms with the token from the email: 200 {status:"confirmed"}', async () => {
    const token = await pendingToken();
    const response = await app.request(`/subscriptions/confirm?token=${encodeURIComponent(token)}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'confirmed' });
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('confirmed');
  });

  it('answers a browser with an HTML page in the newsletter language', async () => {
    const token = await pendingToken();
    const response = await app.request(`/subscriptions/confirm?token=${encodeURIComponent(token)}`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    const page = await response.text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain(labelsFor('ar').pages.confirmedTitle);
  });

  it('answers a browser with an HTML problem page for a bad token', async () => {
    const response = await app.request('/subscriptions/confirm?token=v1.abc.def', { headers: html });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    expect(await response.text()).toContain(labelsFor('ar').pages.problemTitle);
  });

  it('answers 404 when the subscription is gone', async () => {
    const token = h.tokens.sign({
      purpose: 'confirm-subscription',
      email: 'ghost@example.com',
      expiresAt: h.clock.now().getTime() + 60_000,
    });
    const error = await errorOf(await app.request(`/subscriptions/confirm?token=${encodeURIComponent(token)}`), 404);
    expect(error.code).toBe('not_found');
  });
});

describe('/unsubscribe', () => {
  const token = (email = 'reader@example.com') => h.tokens.sign({ purpose: 'unsubscribe', email });

  it('GET with a browser shows a page with a POST form and does not unsubscribe', async () => {
    await confirmedReader('reader@example.com');
    const t = token();
    const response = await app.request(`/unsubscribe?token=${encodeURIComponent(t)}`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    const page = await response.text();
    expect(page).toMatch(/<form method="post" action="\?token=[^"]+">/u);
    expect(tokenFromLink(page.replace('action="?', 'action="/unsubscribe?'), '/unsubscribe')).toBe(t);
    expect(page).toContain(labelsFor('ar').pages.unsubscribeButton);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('confirmed');
  });

  it('GET without a browser answers JSON and does not unsubscribe', async () => {
    await confirmedReader('reader@example.com');
    const response = await app.request(`/unsubscribe?token=${encodeURIComponent(token())}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'subscribed' });
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('confirmed');
  });

  it('GET with a bad token answers 400', async () => {
    const error = await errorOf(await app.request('/unsubscribe?token=nonsense'), 400);
    expect(error.code).toBe('invalid_token');
    const confirmToken = h.tokens.sign({ purpose: 'confirm-subscription', email: 'reader@example.com' });
    expect((await errorOf(await app.request(`/unsubscribe?token=${confirmToken}`), 400)).reason).toBe('wrong_purpose');
  });

  it('POST with the RFC 8058 one-click body unsubscribes: 200', async () => {
    await confirmedReader('reader@example.com');
    await confirmedReader('other@example.com');
    const response = await app.request(`/unsubscribe?token=${encodeURIComponent(token())}`, {
      method: 'POST',
      headers: form,
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'unsubscribed' });
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('unsubscribed');
    expect((await h.subscribers.find('other@example.com'))?.status).toBe('confirmed');
    // Mail clients may retry: still 200.
    const again = await app.request(`/unsubscribe?token=${encodeURIComponent(token())}`, {
      method: 'POST',
      headers: form,
      body: 'List-Unsubscribe=One-Click',
    });
    expect(again.status).toBe(200);
  });

  it("POST from the page's form answers a browser with a page", async () => {
    await confirmedReader('reader@example.com');
    const response = await app.request(`/unsubscribe?token=${encodeURIComponent(token())}`, {
      method: 'POST',
      headers: { ...form, ...html },
      body: '',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(labelsFor('ar').pages.unsubscribedTitle);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('unsubscribed');
  });

  it('POST with a forged token answers 400 and unsubscribes nobody', async () => {
    await confirmedReader('reader@example.com');
    const forged = new HmacTokenSigner('another-secret-another-secret-another').sign({
      purpose: 'unsubscribe',
      email: 'reader@example.com',
    });
    const error = await errorOf(
      await app.request(`/unsubscribe?token=${forged}`, {
        method: 'POST',
        headers: form,
        body: 'List-Unsubscribe=One-Click',
      }),
      400,
    );
    expect(error.reason).toBe('bad_signature');
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('confirmed');
  });

  it('works end to end with the link in a sent digest', async () => {
    await confirmedReader('reader@example.com');
    await h.mujaz.ingestReport(ENGLISH_REPORT);
    await h.mujaz.sendDigest();
    const link = h.mailer.sent[0]!.headers!['List-Unsubscribe']!.slice(1, -1);
    const path = new URL(link).pathname.replace(/^\/api/u, '') + new URL(link).search;
    const response = await app.request(path, { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' });
    expect(response.status).toBe(200);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('unsubscribed');
  });
});

describe('POST /digests', () => {
  beforeEach(async () => {
    await h.mujaz.ingestReport(ENGLISH_REPORT);
    await confirmedReader('reader@example.com');
  });

  it('previews: 200 with the html, sending nothing', async () => {
    const response = await postDigest({ mode: 'preview' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ mode: 'preview', week: '2026-W48', reports: 1, recipients: 1, frozen: false });
    expect(body.html).toEqual(expect.stringContaining('<html lang="ar" dir="rtl"'));
    expect(body.html).toEqual(expect.stringContaining(ENGLISH_REPORT.title));
    expect(h.mailer.sent).toEqual([]);
    expect(dispatcher.weeks).toEqual([]);
  });

  it('previews a named week', async () => {
    const response = await postDigest({ mode: 'preview', week: '2026-W40' });
    expect(await response.json()).toMatchObject({ week: '2026-W40', reports: 0 });
  });

  it('sends a test: 200, one email to that address', async () => {
    const response = await postDigest({ mode: 'test', to: 'editor@example.com' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      mode: 'test',
      to: 'editor@example.com',
      week: '2026-W48',
      messageId: expect.any(String),
    });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['editor@example.com']);
    expect(h.mailer.sent[0]!.subject.startsWith(labelsFor('ar').testSubjectPrefix)).toBe(true);
  });

  it('answers 400 for a test without an address or with a bad one', async () => {
    expect((await errorOf(await postDigest({ mode: 'test' }), 400)).problems?.[0]?.field).toBe('to');
    expect((await errorOf(await postDigest({ mode: 'test', to: 'nobody' }), 400)).problems?.[0]?.field).toBe('email');
  });

  it('hands a send to the dispatcher: 202 when it runs in the background', async () => {
    const response = await postDigest({ mode: 'send' });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ mode: 'send', week: '2026-W48', status: 'accepted' });
    expect(dispatcher.weeks).toEqual(['2026-W48']);
    expect(h.mailer.sent).toEqual([]);
  });

  it('answers 200 with the summary when the dispatcher ran the send', async () => {
    dispatcher = new FakeDispatcher(async (week) => ({ status: 'completed', summary: await h.mujaz.sendDigest(week) }));
    app = build();
    const response = await postDigest({ mode: 'send', week: '2026-W48' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      mode: 'send',
      week: '2026-W48',
      status: 'sent',
      reports: 1,
      sent: 1,
      alreadySent: 0,
      failed: 0,
    });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['reader@example.com']);
  });

  it.each([
    ['an unknown mode', { mode: 'bogus' }, 'mode'],
    ['no mode', {}, 'mode'],
    ['a week of the wrong shape', { mode: 'preview', week: '2026-48' }, 'week'],
    ['a week that does not exist', { mode: 'preview', week: '2026-W99' }, 'week'],
    ['a send for a week that does not exist', { mode: 'send', week: '2026-W99' }, 'week'],
    ['an unknown field', { mode: 'preview', force: true }, 'force'],
  ])('answers 400 for %s', async (_name, body, field) => {
    const error = await errorOf(await postDigest(body), 400);
    expect(JSON.stringify(error.problems ?? []) + error.message).toContain(field);
    expect(dispatcher.weeks).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await app.request('/digests', {
      method: 'POST',
      headers: { ...admin, ...form },
      body: 'mode=preview',
    });
    expect((await errorOf(response, 415)).code).toBe('unsupported_media_type');
  });
});

describe('routing and failures', () => {
  it('answers GET /health', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 404 JSON for an unknown route', async () => {
    const error = await errorOf(await app.request('/no/such/route'), 404);
    expect(error.code).toBe('not_found');
  });

  it.each([
    ['GET', '/reports'],
    ['GET', '/reports/batch'],
    ['GET', '/digests'],
    ['GET', '/subscriptions'],
    ['DELETE', '/unsubscribe'],
    ['POST', '/health'],
    ['PUT', '/subscriptions/confirm'],
  ])('answers 405 JSON for %s %s', async (method, path) => {
    const error = await errorOf(await app.request(path, { method }), 405);
    expect(error.code).toBe('method_not_allowed');
  });

  it('answers 500 with a generic body when a use case throws a plain Error, and logs it', async () => {
    const secret = 'connection to db-internal.example:5432 refused for user admin';
    const broken: Mujaz = {
      ...h.mujaz,
      ingestReport: async () => {
        throw new Error(secret);
      },
    };
    app = build(broken);
    const response = await postReport(JSON.stringify({ title: 'T', text: 'Body.' }));
    const error = await errorOf(response, 500);
    expect(error.code).toBe('internal');
    const raw = JSON.stringify(error);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain('db-internal');
    expect(raw).not.toMatch(/\bat \S+ \(|\.ts:\d+/u); // no stack frames
    expect(
      h.logger.entries.some((entry) => entry.level === 'error' && JSON.stringify(entry.attributes).includes(secret)),
    ).toBe(true);
  });

  it('answers 500 JSON (not a page) to a browser when a GET fails unexpectedly', async () => {
    const broken: Mujaz = {
      ...h.mujaz,
      confirmSubscription: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    app = build(broken);
    const response = await app.request('/subscriptions/confirm?token=x', { headers: html });
    const error = await errorOf(response, 500);
    expect(error.message).not.toContain('undefined');
  });
});
