// The ingest use case through the UseCases facade, by the form a report comes in: article pages (with a stub
// extractor: real pages are the HTTP and integration tests' business), the JSON and plain-text forms, and batches.
import {
  type InvalidInputError,
  ReportRejectedError,
  type ReportRejection,
} from '../../../../lambdas/core/domain/errors';
import { MAX_PAGE_BYTES, MAX_PAGE_TAGS } from '../../../../lambdas/core/domain/report-limits';
import type { ReportInput } from '../../../../lambdas/core/domain/report-submission';
import { fieldsOf, reasonOf } from '../../../support/rejections';
import {
  createHarness,
  ENGLISH_REPORT,
  expectSummaryOf,
  type Harness,
  rejection,
} from '../../../support/use-case-harness';

/** What the stub extractor finds in PAGE (the stub never reads the markup). */
const ARTICLE = {
  title: 'Harbour town bets on tidal power to cut bills',
  text: [
    'The harbour town will build a tidal power station at the mouth of the bay.',
    'The council expects the station to cut household energy bills by a third.',
    'Fishermen worry that the turbines will drive fish away from the bay.',
  ].join('\n'),
};
const PAGE = `<html lang="en"><body><nav>Home</nav><h1>${ARTICLE.title}</h1><p>The article.</p></body></html>`;

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

describe('ingestReport: article pages (stub extractor)', () => {
  it("stores the page's article: its headline, its <html lang> over detection, its text, the request's url", async () => {
    h.extractor.returns({ ...ARTICLE, language: 'de' });
    const { report, created } = await h.useCases.ingestReport({ html: PAGE, url: 'https://news.example/article' });
    expect(created).toBe(true);
    expect(h.extractor.pages).toEqual([PAGE]);
    expect(report).toMatchObject({
      title: ARTICLE.title,
      language: 'de',
      body: ARTICLE.text,
      url: 'https://news.example/article',
    });
    expect('original' in report).toBe(false);
    expectSummaryOf(report.summary, ARTICLE.text);
  });

  it('detects the language of a page that names none, or names something that is not an ISO 639 code', async () => {
    h.extractor.returns(ARTICLE);
    expect((await h.useCases.ingestReport({ html: PAGE })).report.language).toBe('en');
    const other = createHarness();
    other.extractor.returns({ ...ARTICLE, language: 'english' });
    expect((await other.useCases.ingestReport({ html: PAGE })).report.language).toBe('en');
  });

  it("takes the request's title, lede and language over the page's", async () => {
    h.extractor.returns({ ...ARTICLE, language: 'fr' });
    const { report } = await h.useCases.ingestReport({
      html: PAGE,
      title: 'Tidal power for the harbour',
      lede: 'The town approves the plan.',
      language: 'en',
    });
    expect(report).toMatchObject({
      title: 'Tidal power for the harbour',
      lede: 'The town approves the plan.',
      language: 'en',
    });
  });

  it("falls back to the page's headline when the request's title is blank", async () => {
    h.extractor.returns(ARTICLE);
    expect((await h.useCases.ingestReport({ html: PAGE, title: ' \u200B ' })).report.title).toBe(ARTICLE.title);
  });

  it('asks for a title when neither the request nor the page gives one', async () => {
    h.extractor.returns({ text: ARTICLE.text });
    const error = await rejection(h.useCases.ingestReport({ html: PAGE }));
    expect((error as InvalidInputError).problems).toEqual([
      { field: 'title', message: 'must be given: the page names no headline' },
    ]);
    expect(h.reports.all()).toEqual([]);
  });

  it("rejects as 'markup_only' a page in which the extractor finds no text", async () => {
    h.extractor.returns({ title: 'Headline', text: '' });
    expect(reasonOf(await rejection(h.useCases.ingestReport({ html: PAGE, title: 'T' })))).toBe('markup_only');
    expect(h.extractor.pages).toEqual([PAGE]);
    expect(h.reports.all()).toEqual([]);
  });

  it("rejects as 'single_sentence' a page whose article is one sentence", async () => {
    h.extractor.returns({ title: 'Headline', text: 'Just one sentence here.' });
    expect(reasonOf(await rejection(h.useCases.ingestReport({ html: PAGE })))).toBe('single_sentence');
  });

  it.each<[string, ReportRejection, string, string, RegExp]>([
    [
      'over MAX_PAGE_BYTES',
      'too_large',
      `<p>${'x'.repeat(MAX_PAGE_BYTES)}</p>`,
      'html',
      /^is 2359303 bytes; the limit is 2359296$/u,
    ],
    [
      'over MAX_PAGE_TAGS',
      'too_large',
      `${'<b>'.repeat(MAX_PAGE_TAGS + 1)}Text.`,
      'html',
      /^has 50001 tags; the limit is 50000$/u,
    ],
    ['of binary data', 'binary', 'PK\u0003\u0004\u0000\u0000<p>x</p>', '', /not text/u],
    ['of white space and invisible characters', 'empty', ' \n\u200B\t ', '', /no text/u],
  ])("rejects a page %s as '%s' without handing it to the extractor", async (_name, reason, html, field, message) => {
    h.extractor.returns(ARTICLE);
    const error = await rejection(h.useCases.ingestReport({ html, title: 'T' }));
    expect(reasonOf(error)).toBe(reason);
    expect((error as InvalidInputError).problems).toEqual([{ field, message: expect.stringMatching(message) }]);
    expect(h.extractor.pages).toEqual([]);
    expect(h.reports.all()).toEqual([]);
  });
});

describe('ingestReport: the JSON and plain-text forms', () => {
  it('stores JSON with text: its text is the body, and every field is kept', async () => {
    const { report } = await h.useCases.ingestReport({
      json: {
        title: ENGLISH_REPORT.title,
        lede: ENGLISH_REPORT.lede,
        text: ENGLISH_REPORT.body,
        url: 'http://example.com/lanes',
        language: 'EN',
        publishedAt: '2026-11-20T10:00:00Z',
      },
    });
    expect(report).toMatchObject({
      title: ENGLISH_REPORT.title,
      lede: ENGLISH_REPORT.lede,
      body: ENGLISH_REPORT.body,
      url: 'http://example.com/lanes',
      language: 'en',
      publishedAt: '2026-11-20T10:00:00Z',
    });
  });

  it('stores JSON with html through the extractor, the page naming the title', async () => {
    h.extractor.returns(ARTICLE);
    const { report } = await h.useCases.ingestReport({ json: { html: PAGE } });
    expect(h.extractor.pages).toEqual([PAGE]);
    expect(report).toMatchObject({ title: ARTICLE.title, body: ARTICLE.text });
  });

  it.each<[string, unknown, string, string]>([
    [
      'both text and html',
      { title: 'T', text: 'A b. C d.', html: '<p>A b. C d.</p>' },
      'text',
      'give exactly one of text and html',
    ],
    ['neither text nor html', { title: 'T' }, 'text', 'give exactly one of text and html'],
    [
      'text without a title',
      { text: 'A b. C d.' },
      'title',
      'is required with text (only an html page can name its own)',
    ],
    ['an unknown key', { title: 'T', text: 'A b. C d.', author: 'Amal' }, '', 'Unrecognized key: "author"'],
    ['not an object', 'A b. C d.', '', 'Invalid input: expected object, received string'],
  ])('rejects JSON with %s, naming the field', async (_name, json, field, message) => {
    const error = await rejection(h.useCases.ingestReport({ json }));
    expect(error).not.toBeInstanceOf(ReportRejectedError);
    expect((error as InvalidInputError).problems).toEqual([{ field, message }]);
  });

  it.each<[string, ReportInput, string]>([
    ['a title over 1000 characters', { title: 'x'.repeat(1001), body: 'A b. C d.' }, 'title'],
    ['a lede over 10,000 characters', { json: { title: 'T', lede: 'l'.repeat(10_001), text: 'A b. C d.' } }, 'lede'],
    ['a url that is not http(s)', { html: PAGE, url: 'ftp://example.com/page' }, 'url'],
    [
      'a url over 2048 characters',
      { title: 'T', body: 'A b. C d.', url: `https://example.com/${'a'.repeat(2030)}` },
      'url',
    ],
    [
      'a publishedAt with no offset',
      { json: { title: 'T', text: 'A b. C d.', publishedAt: '2026-11-20T10:00:00' } },
      'publishedAt',
    ],
  ])('holds every form to the one schema: rejects %s', async (_name, input, field) => {
    h.extractor.returns(ARTICLE);
    expect(fieldsOf(await rejection(h.useCases.ingestReport(input)))).toEqual([field]);
    expect(h.extractor.pages).toEqual([]);
  });

  it('reads the plain-text format: a BOM, CRLF and blank lines aside, title line, lede line, paragraphs', async () => {
    const { report } = await h.useCases.ingestReport({
      plainText: '\uFEFFTitle here\r\n\r\nThe lede sentence.\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n',
    });
    expect(report).toMatchObject({
      title: 'Title here',
      lede: 'The lede sentence.',
      body: 'First paragraph.\nSecond paragraph.',
    });
  });

  it('takes the second line as the body when the plain text has no third', async () => {
    const { report } = await h.useCases.ingestReport({ plainText: 'Title here\nFirst sentence. Second sentence.' });
    expect(report).toMatchObject({ title: 'Title here', body: 'First sentence. Second sentence.' });
    expect('lede' in report).toBe(false);
  });

  it.each<[string, ReportRejection, string, string]>([
    ['only a title', 'empty', 'Only a title', 'text'],
    ['nothing', 'empty', ' \n\u200B\n', ''],
    ['only markup', 'markup_only', '<div>\n<p></p>\n</div>', ''],
    ['binary data', 'binary', 'PK\u0003\u0004\u0000 x', ''],
  ])("rejects plain text holding %s as '%s'", async (_name, reason, plainText, field) => {
    const error = await rejection(h.useCases.ingestReport({ plainText }));
    expect(reasonOf(error)).toBe(reason);
    expect(fieldsOf(error)).toEqual([field]);
  });
});

describe('ingestReportBatch', () => {
  it('answers each report on its own, in order: stored, stored before, or rejected with why', async () => {
    h.extractor.returns(ARTICLE);
    const english = { title: ENGLISH_REPORT.title, lede: ENGLISH_REPORT.lede, text: ENGLISH_REPORT.body };
    const outcome = await h.useCases.ingestReportBatch([
      english,
      { title: 'T', text: 'Only one sentence.' },
      { html: PAGE, url: 'https://news.example/article' },
      english,
      { title: ' ', text: 'One. Two.' },
      { title: 'T', text: 'Body one. Body two.', language: 'not a code' },
      { html: ' \n ', title: 'T' },
      { title: 'T', text: 'Body one. Body two.', author: 'Amal' },
      'not an object',
    ]);
    expect(outcome).toMatchObject({ created: 2, existing: 1, rejected: 6 });
    expect(outcome.results.map((result) => [result.index, result.status])).toEqual([
      [0, 'created'],
      [1, 'rejected'],
      [2, 'created'],
      [3, 'exists'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'rejected'],
      [8, 'rejected'],
    ]);
    const why = outcome.results.flatMap((result) =>
      result.status === 'rejected'
        ? [
            [
              (result.error as Partial<ReportRejectedError>).reason,
              result.error.problems.map((problem) => problem.field),
            ],
          ]
        : [],
    );
    expect(why).toEqual([
      ['single_sentence', ['text']],
      [undefined, ['title']],
      [undefined, ['language']],
      ['empty', ['']],
      [undefined, ['']],
      [undefined, ['']],
    ]);
    expect(outcome.results[3]).toEqual({
      index: 3,
      status: 'exists',
      report: (outcome.results[0] as { report: unknown }).report,
    });
    expect(h.reports.all().map((report) => report.title)).toEqual([ENGLISH_REPORT.title, ARTICLE.title]);
  });

  it('takes at most 100 reports, and a JSON array only', async () => {
    const many = Array.from({ length: 101 }, (_, index) => ({
      title: `Report ${index}`,
      text: 'First one. Second one.',
    }));
    expect(fieldsOf(await rejection(h.useCases.ingestReportBatch(many)))).toEqual(['']);
    expect(fieldsOf(await rejection(h.useCases.ingestReportBatch({ title: 'T', text: 'One. Two.' })))).toEqual(['']);
    expect(h.reports.all()).toEqual([]);
    const full = await h.useCases.ingestReportBatch(many.slice(0, 100));
    expect(full).toMatchObject({ created: 100, existing: 0, rejected: 0 });
    expect(h.reports.all()).toHaveLength(100);
  });

  it('stops on a failure that is not about the input (the store is down), keeping what was stored', async () => {
    const save = h.reports.saveIfAbsent.bind(h.reports);
    h.reports.saveIfAbsent = async (report) => {
      if (report.title === 'Second') throw new Error('table unreachable');
      return save(report);
    };
    const items = ['First', 'Second', 'Third'].map((title) => ({
      title,
      text: `${title} sentence one. ${title} sentence two.`,
    }));
    await expect(h.useCases.ingestReportBatch(items)).rejects.toThrow('table unreachable');
    expect(h.reports.all().map((report) => report.title)).toEqual(['First']);
  });
});
