// POST /reports: the wire (media types, encodings, body limits) and what the core's answers look like in HTTP —
// 201/200 for a stored report, 400 naming the field, 413 for anything too large, every rejection reason.
import type { Hono } from 'hono';
import type { ReportRejection } from '../../../lambdas/core/domain/errors';
import { reportIdFor } from '../../../lambdas/core/domain/report';
import { MAX_PAGE_BYTES, MAX_PAGE_TAGS, MAX_REPORT_BYTES } from '../../../lambdas/core/domain/report-limits';
import { parsePlainTextReport } from '../../../lambdas/core/domain/report-submission';
import { htmlFixture } from '../../support/html-fixtures';
import { ENGLISH_REPORT, SAMPLE_REPORT_AR } from '../../support/use-case-harness';
import { admin, apiAppFor, createHttpHarness, errorOf, type HttpHarness, json, loggedErrors } from './http-harness';

let h: HttpHarness;
let app: Hono;

beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

const postReport = (body: RequestInit['body'], headers: Record<string, string> = { ...admin, ...json }) =>
  app.request('/reports', { method: 'POST', headers, body });
const plainText = { ...admin, 'content-type': 'text/plain' };

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
      receivedAt: '2026-11-24T09:00:00.000Z',
    });
    expect(created.report).not.toHaveProperty('body');
    expect((created.report.summary as string[]).length).toBeGreaterThan(0);

    const second = await postReport(SAMPLE_REPORT_AR, plainText);
    expect(second.status).toBe(200);
    expect(await second.json()).toEqual({ ...created, created: false });
    expect(h.reports.all()).toHaveLength(1);
  });

  it('accepts a UTF-8 byte-order mark before the title', async () => {
    const response = await postReport(`\uFEFF${SAMPLE_REPORT_AR}`, plainText);
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
        source: ' Harbour Gazette ',
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
        source: 'Harbour Gazette',
      },
    });
    expect(h.reports.all()[0]!.source).toBe('Harbour Gazette');
  });

  it('answers 415 naming the problem for a body without a media type, or of one it does not read', async () => {
    // A string body would get "text/plain;charset=UTF-8" from the Request constructor; bytes get no type.
    const bytes = new TextEncoder().encode(
      JSON.stringify({ title: 'T', text: 'Some text here. And a second sentence.' }),
    );
    const untyped = await errorOf(await app.request('/reports', { method: 'POST', headers: admin, body: bytes }), 415);
    expect(untyped).toEqual({
      code: 'unsupported_media_type',
      message: 'The request names no media type (Content-Type): send text/plain, text/html or application/json.',
    });
    const csv = await app.request('/reports', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/csv' },
      body: bytes,
    });
    expect((await errorOf(csv, 415)).message).toMatch(/^This media type is not read here/u);
    expect(h.reports.all()).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ['an unknown field', { title: 'T', text: 'Body.', author: 'someone' }, ''],
    ['a missing title', { text: 'Body.' }, 'title'],
    ['a missing text', { title: 'T' }, 'text'],
    ['a url that is not http(s)', { title: 'T', text: 'Body.', url: 'ftp://files.example/report' }, 'url'],
    ['a javascript: url', { title: 'T', text: 'Body.', url: 'javascript:alert(1)' }, 'url'],
    [
      'a publishedAt that is not a date-time',
      { title: 'T', text: 'Body.', publishedAt: 'last Tuesday' },
      'publishedAt',
    ],
    [
      'a language that is not an ISO 639 code',
      { title: 'T', text: 'Body one. Body two.', language: 'French' },
      'language',
    ],
    [
      'a BCP 47 tag rather than an ISO 639 code',
      { title: 'T', text: 'Body one. Body two.', language: 'fr-CA' },
      'language',
    ],
    ['both text and html', { title: 'T', text: 'Body one. Body two.', html: '<p>Body one. Body two.</p>' }, 'text'],
    ['neither text nor html', { title: 'T', lede: 'A lede.' }, 'text'],
    ['a title that is only spaces', { title: '   ', text: 'Body.' }, 'title'],
    ['a source that is only spaces', { title: 'T', text: 'Body one. Body two.', source: '   ' }, 'source'],
    ['a source over 100 characters', { title: 'T', text: 'Body one. Body two.', source: 'x'.repeat(101) }, 'source'],
    [
      'a source with a control character',
      { title: 'T', text: 'Body one. Body two.', source: 'BBC\u0007 News' },
      'source',
    ],
    ['a body that is not an object', ['T', 'Body.'], ''],
  ])('answers 400 naming the problem for %s', async (_name, body, field) => {
    const error = await errorOf(await postReport(JSON.stringify(body)), 400);
    expect(error.code).toBe('invalid_input');
    expect(error.problems?.map((problem) => problem.field)).toEqual([field]);
    expect(h.reports.all()).toEqual([]);
  });

  it('names the unknown field and says why both text and html are refused', async () => {
    const unknown = await errorOf(
      await postReport(JSON.stringify({ title: 'T', text: 'Body.', author: 'someone' })),
      400,
    );
    expect(unknown.message).toContain('author');
    const both = await errorOf(
      await postReport(JSON.stringify({ title: 'T', text: 'A. B.', html: '<p>A. B.</p>' })),
      400,
    );
    expect(both.problems?.[0]?.message).toContain('html');
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const error = await errorOf(await postReport('{"title": "T", "text": '), 400);
    expect(error.code).toBe('invalid_json');
  });

  it('answers 400 for empty text/plain and for a title without lede or body', async () => {
    for (const body of ['', '\n\n', 'العنوان وحده']) {
      const error = await errorOf(await postReport(body, plainText), 400);
      expect(error).toMatchObject({ code: 'invalid_input', reason: 'empty' });
    }
  });

  it('answers 400 invalid_encoding (not 5xx) for bytes that are not UTF-8', async () => {
    const windows1256 = new Uint8Array([0xe3, 0xd1, 0xcd, 0xc8, 0xc7, 0x0a, 0xe3, 0xd1, 0xcd, 0xc8, 0xc7]); // "مرحبا" in Windows-1256
    const error = await errorOf(await postReport(windows1256, plainText), 400);
    expect(error.code).toBe('invalid_encoding');
  });

  it('answers 413 for a body over the limit, with or without a declared Content-Length', async () => {
    const big = `Title\nLede\n${'كلمة '.repeat(400_000)}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(MAX_PAGE_BYTES);
    const error = await errorOf(await postReport(big, plainText), 413);
    expect(error).toMatchObject({ code: 'payload_too_large', reason: 'too_large' });
    const declared = await postReport(big, { ...plainText, 'content-length': String(Buffer.byteLength(big)) });
    expect((await errorOf(declared, 413)).code).toBe('payload_too_large');
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
  type Sent = { body: string; headers: Record<string, string> };
  const text = (body: string): Sent => ({ body, headers: { ...admin, 'content-type': 'text/plain; charset=utf-8' } });
  const asJson = (report: unknown): Sent => ({ body: JSON.stringify(report), headers: { ...admin, ...json } });
  const page = (body: string): Sent => ({ body, headers: { ...admin, 'content-type': 'text/html; charset=utf-8' } });

  // 'payload_too_large' when HTTP answers before anything reads the body; 'invalid_input' when the core answers.
  it.each<[string, ReportRejection, number, 'payload_too_large' | 'invalid_input', Sent]>([
    ['empty text/plain', 'empty', 400, 'invalid_input', text(' \n\u200B\n ')],
    ['a title with nothing after it', 'empty', 400, 'invalid_input', text('العنوان وحده')],
    ['JSON with an empty text', 'empty', 400, 'invalid_input', asJson({ title: 'T', text: '' })],
    ['an empty page', 'empty', 400, 'invalid_input', page('   ')],
    [
      'a single sentence as text/plain',
      'single_sentence',
      400,
      'invalid_input',
      text('Title\nThe only sentence there is.'),
    ],
    [
      'a single sentence as JSON',
      'single_sentence',
      400,
      'invalid_input',
      asJson({ title: 'T', text: 'One sentence.' }),
    ],
    [
      'a page with one sentence',
      'single_sentence',
      400,
      'invalid_input',
      page('<html><head><title>T</title></head><body><p>One sentence only.</p></body></html>'),
    ],
    // text/plain over the body limit (which is the report limit): HTTP answers before the core sees it.
    [
      'text/plain over the limit',
      'too_large',
      413,
      'payload_too_large',
      text(`Title\nLede.\n${'word. '.repeat(MAX_REPORT_BYTES / 6)}`),
    ],
    // Within the body limit, over the report limit: the core answers.
    [
      'JSON text over the limit',
      'too_large',
      413,
      'invalid_input',
      asJson({ title: 'T', text: 'word. '.repeat(MAX_REPORT_BYTES / 6) }),
    ],
    [
      'text/plain within the body limit whose summary takes it over',
      'too_large',
      413,
      'invalid_input',
      text(`T\n${'a'.repeat(MAX_REPORT_BYTES / 2 - 4)}.\n${'b'.repeat(MAX_REPORT_BYTES / 2 - 4)}.`),
    ],
    // Over the page limit: HTTP answers.
    [
      'a page over the limit',
      'too_large',
      413,
      'payload_too_large',
      page(`<p>${'word. '.repeat(MAX_PAGE_BYTES / 6)}</p>`),
    ],
    [
      'a page within the page limit whose text is over the report limit',
      'too_large',
      413,
      'invalid_input',
      page(
        `<html><head><title>T</title></head><body><p>${'word. '.repeat(MAX_REPORT_BYTES / 6 + 1)}</p></body></html>`,
      ),
    ],
    [
      'a page within the page limit with too many tags to parse',
      'too_large',
      413,
      'invalid_input',
      page(`<html><body>${'<b>'.repeat(MAX_PAGE_TAGS + 1)}text</body></html>`),
    ],
    [
      'NUL bytes as text/plain',
      'binary',
      400,
      'invalid_input',
      text('Title\nLede.\nPK\u0003\u0004\u0000\u0000 not text. At all.'),
    ],
    [
      'NUL bytes as JSON',
      'binary',
      400,
      'invalid_input',
      asJson({ title: 'T', text: 'First\u0000 sentence. Second\u0000 one.' }),
    ],
    ['a page of binary data', 'binary', 400, 'invalid_input', page('\u0000\u0001\u0002<p>x</p>')],
    [
      'tags without text as text/plain',
      'markup_only',
      400,
      'invalid_input',
      text('<html>\n<body>\n<p></p>\n</body>\n</html>'),
    ],
    [
      'tags without text as JSON',
      'markup_only',
      400,
      'invalid_input',
      asJson({ title: 'T', text: '<div><p>&nbsp;</p></div>' }),
    ],
    ['a page without text', 'markup_only', 400, 'invalid_input', page(htmlFixture('markup-only.html'))],
  ])("answers %s with reason '%s' (%s %s)", async (_name, reason, status, code, sent) => {
    const error = await errorOf(await app.request('/reports', { method: 'POST', ...sent }), status);
    expect(error).toMatchObject({ code, reason });
    expect(h.reports.all()).toEqual([]);
    expect(loggedErrors(h)).toEqual([]);
  });

  it('answers JSON over the page limit with 413 too_large before reading it', async () => {
    const error = await errorOf(
      await postReport(JSON.stringify({ title: 'T', text: 'x'.repeat(MAX_PAGE_BYTES) })),
      413,
    );
    expect(error).toMatchObject({ code: 'payload_too_large', reason: 'too_large' });
  });
});
