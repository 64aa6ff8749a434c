// The ingest use case through the UseCases facade: what a report becomes once stored, how it is cleaned, which
// language it is given, and what is turned away and why. The forms a report comes in: ingest-report-forms.test.ts.
import {
  type InvalidInputError,
  ReportRejectedError,
  type ReportRejection,
} from '../../../../lambdas/core/domain/errors';
import { storedTextBytes } from '../../../../lambdas/core/domain/report';
import { MAX_REPORT_BYTES } from '../../../../lambdas/core/domain/report-limits';
import type { ReportInput } from '../../../../lambdas/core/domain/report-submission';
import { fieldsOf, reasonOf } from '../../../support/rejections';
import {
  createHarness,
  ENGLISH_REPORT,
  expectSummaryOf,
  FRENCH_REPORT,
  type Harness,
  PERSIAN_REPORT,
  rejection,
  SAMPLE_REPORT_AR,
  START,
} from '../../../support/use-case-harness';

const SAMPLE_TITLE = 'مقاتلو داعش يفرون من التنظيم بعدما أوشك على الانهيار';
const SAMPLE_LEDE =
  'طالما كان شعار داعش البقاء والتوسع، وهو ما انخدع به عدد ليس بالقليل من الشباب. ومع تعثر مشروع التنظيم الإرهابي، لم يعد شعاره هذا جذابا';

/** Distinct English sentences, one paragraph each, up to about `bytes` of UTF-8. */
function manySentences(bytes: number): string {
  const lines: string[] = [];
  for (let index = 0, size = 0; size < bytes; index += 1) {
    const line = `Paragraph ${index} reports that the council met on day ${index} and agreed on measure ${index * 7}. The vote on item ${index} was close.`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

describe('ingestReport: what is stored', () => {
  it('stores the sample (plain-text format) with its title, lede, body, language, summary and arrival', async () => {
    const { report, created } = await h.useCases.ingestReport({ plainText: SAMPLE_REPORT_AR });
    expect(created).toBe(true);
    expect(report).toMatchObject({
      title: SAMPLE_TITLE,
      lede: SAMPLE_LEDE,
      language: 'ar',
      receivedAt: START,
    });
    const paragraphs = report.body.split('\n');
    expect(paragraphs).toHaveLength(14);
    expect(paragraphs[0]).toMatch(/^طالما كان شعار تنظيم داعش الإرهابي هو البقاء والتوسع/u);
    expect(paragraphs[13]).toMatch(/إذا ثبتت إدانتهما\.$/u);
    expect(report.id).toMatch(/^[0-9a-f]{24}$/u);
    expectSummaryOf(report.summary, `${SAMPLE_LEDE}\n${report.body}`);
    expect(report.keyPhrases).toContain('داعش');
    expect(h.reports.all()).toEqual([report]);
  });

  it('stamps the arrival from the clock, and leaves the report for the next edition to take', async () => {
    h.clock.set('2026-11-22T23:30:00Z');
    const { report } = await h.useCases.ingestReport(ENGLISH_REPORT);
    expect(report.receivedAt).toBe('2026-11-22T23:30:00.000Z');
    expect((await h.reports.listUntaken({ until: '2026-11-23T00:00:00.000Z' })).map((entry) => entry.id)).toEqual([
      report.id,
    ]);
  });

  it('stores a second identical submission once, answering created:false with the first one, and writes nothing', async () => {
    const first = await h.useCases.ingestReport({ plainText: SAMPLE_REPORT_AR });
    h.clock.advance(8 * 86_400_000); // a week later: the stored arrival must not move
    // A conditional write that fails still costs a write the size of the report: a known report is not written at all.
    const writes = jest.spyOn(h.reports, 'saveIfAbsent');
    const second = await h.useCases.ingestReport({
      title: `  ${SAMPLE_TITLE}  `,
      lede: SAMPLE_LEDE,
      body: first.report.body,
      url: 'https://example.com/other',
    });
    expect(second).toEqual({ created: false, report: first.report });
    expect(h.reports.all()).toHaveLength(1);
    expect(writes).not.toHaveBeenCalled();
  });

  it('gives the same text sent clean and sent with invisible characters one id, so it is stored once', async () => {
    const first = await h.useCases.ingestReport(ENGLISH_REPORT);
    const again = await h.useCases.ingestReport({
      ...ENGLISH_REPORT,
      body: `\u200F${ENGLISH_REPORT.body.replace(/ /gu, '\u00A0')}`,
    });
    expect(again).toEqual({ created: false, report: first.report });
  });

  it('keeps the url and publishedAt it was given, and drops a blank lede', async () => {
    const { report } = await h.useCases.ingestReport({
      ...ENGLISH_REPORT,
      lede: '   ',
      url: 'https://example.com/r',
      publishedAt: '2026-11-20T10:00:00+03:00',
    });
    expect(report).toMatchObject({ url: 'https://example.com/r', publishedAt: '2026-11-20T10:00:00+03:00' });
    expect('lede' in report).toBe(false);
  });

  it('keeps an editor’s priority for the digest’s order, and stores none for 0, the default', async () => {
    const { report } = await h.useCases.ingestReport({ ...ENGLISH_REPORT, priority: 4 });
    expect(report.priority).toBe(4);
    const { report: plain } = await h.useCases.ingestReport({
      json: { title: 'Other', text: 'One here. Two there.', priority: 0 },
    });
    expect('priority' in plain).toBe(false);
  });

  it('keeps the source’s name it was given, and stores none when there is none', async () => {
    const { report } = await h.useCases.ingestReport({ ...ENGLISH_REPORT, source: 'BBC News' });
    expect(report.source).toBe('BBC News');
    expect(h.reports.all()[0]!.source).toBe('BBC News');
    const { report: plain } = await h.useCases.ingestReport({
      json: { title: 'Other', text: 'One here. Two there.', url: 'https://www.bbc.co.uk/news/x' },
    });
    // The URL's host is for display (sourceNameOf): it is not stored as the source.
    expect('source' in plain).toBe(false);
  });

  it('counts the sentences of lede and body together: one each is enough', async () => {
    const { report } = await h.useCases.ingestReport({
      title: 'T',
      lede: 'The lede is one sentence.',
      body: 'The body is another.',
    });
    expect(report.summary).toEqual(['The lede is one sentence.', 'The body is another.']);
  });
});

describe('ingestReport: cleaning, and the original kept', () => {
  it('stores the cleaned title, lede and body and, because cleaning changed it, the body exactly as sent', async () => {
    const sent = 'Cafe\u0301 owners \u202Bmet\u202C on\u00A0Monday.\u200B\n\n  They agreed\u0007 to open later.  ';
    const { report } = await h.useCases.ingestReport({
      title: '  \u200FCafé\u00A0owners  ',
      lede: ' A\u200B lede. ',
      body: sent,
    });
    expect(report).toMatchObject({
      title: 'Café owners',
      lede: 'A lede.',
      body: 'Café owners met on Monday.\nThey agreed to open later.',
      original: sent,
      summary: ['A lede.', 'Café owners met on Monday.', 'They agreed to open later.'],
    });
    expect((await h.reports.findById(report.id))?.original).toBe(sent);
  });

  it("keeps a Persian text's zero-width non-joiners in the original, which cleaning takes out of the body", async () => {
    const { report } = await h.useCases.ingestReport({ ...PERSIAN_REPORT, language: 'fa' });
    expect(report.original).toBe(PERSIAN_REPORT.body);
    expect(report.body.split('\n')[1]).toBe('این مسیرها تا سال ۲۰۲۸ ساخته میشوند و از کنار رودخانه میگذرند.');
  });

  it('keeps no original for clean text, nor when cleaning changed only line ends, blank lines and spaces', async () => {
    expect('original' in (await h.useCases.ingestReport({ plainText: SAMPLE_REPORT_AR })).report).toBe(false);
    const { report } = await h.useCases.ingestReport({
      title: 'T',
      body: '  First  paragraph\there.\r\n\r\n\n   Second paragraph.  \r\n',
    });
    expect(report.body).toBe('First paragraph here.\nSecond paragraph.');
    expect('original' in report).toBe(false);
  });
});

describe('ingestReport: language', () => {
  async function itemLayout(input: ReportInput) {
    await h.useCases.ingestReport(input);
    await h.useCases.previewDigest();
    return h.renderer.digests.at(-1)!.items[0];
  }

  it("keeps an editor's 'fr', and the digest shows it left to right with its language", async () => {
    expect(await itemLayout({ ...FRENCH_REPORT, language: 'fr' })).toMatchObject({
      title: FRENCH_REPORT.title,
      language: 'fr',
      direction: 'ltr',
      align: 'left',
    });
  });

  it("keeps an editor's 'fa', and the digest shows it right to left", async () => {
    expect(await itemLayout({ ...PERSIAN_REPORT, language: 'fa' })).toMatchObject({
      language: 'fa',
      direction: 'rtl',
      align: 'right',
    });
  });

  it("detects English, and takes the editor's code over detection, lower-cased, 'und' included", async () => {
    expect((await h.useCases.ingestReport(ENGLISH_REPORT)).report.language).toBe('en');
    expect((await createHarness().useCases.ingestReport({ ...ENGLISH_REPORT, language: 'ar' })).report.language).toBe(
      'ar',
    );
    expect((await createHarness().useCases.ingestReport({ ...ENGLISH_REPORT, language: 'CKB' })).report.language).toBe(
      'ckb',
    );
    expect((await createHarness().useCases.ingestReport({ ...FRENCH_REPORT, language: 'und' })).report.language).toBe(
      'und',
    );
  });

  it("says 'und' for French when the editor says nothing: Mujaz does not name it on its own", async () => {
    expect((await h.useCases.ingestReport(FRENCH_REPORT)).report.language).toBe('und');
  });

  it.each(['french', 'fr-CA', 'f', '12', ''])(
    "rejects the language code '%s' with an InvalidInputError on 'language'",
    async (language) => {
      const error = await rejection(h.useCases.ingestReport({ ...ENGLISH_REPORT, language }));
      expect(fieldsOf(error)).toEqual(['language']);
      expect(error).not.toBeInstanceOf(ReportRejectedError);
      expect(h.reports.all()).toEqual([]);
    },
  );
});

describe('ingestReport: what it turns away', () => {
  it.each([
    ['an empty title', { title: '  ', body: 'Body one. Body two.' }, 'title'],
    ['a title of invisible characters only', { title: '\u200F\u200B', body: 'Body one. Body two.' }, 'title'],
    ['a blank title with an empty text: the title is checked first', { title: ' \u200B ', body: '' }, 'title'],
  ])('rejects %s with an InvalidInputError on the title, not a rejection of the text', async (_name, input, field) => {
    const error = await rejection(h.useCases.ingestReport(input));
    expect(fieldsOf(error)).toEqual([field]);
    expect(error).not.toBeInstanceOf(ReportRejectedError);
    expect((error as InvalidInputError).message).toBe('The report cannot be accepted: title must not be empty.');
    expect((error as InvalidInputError).problems[0]!.message).toBe('must not be empty');
    expect(h.reports.all()).toEqual([]);
  });

  it.each<[string, ReportRejection, ReportInput, string]>([
    ['an empty text', 'empty', { title: 'Title', body: '\n \n' }, 'text'],
    ['nothing but invisible characters', 'empty', { title: 'T', body: ' \u200B\n\t\u200F ' }, 'text'],
    ['a lede with no text', 'empty', { title: 'T', lede: 'A lede alone.', body: '' }, 'text'],
    ['one sentence', 'single_sentence', { title: 'T', body: 'The only sentence of this report.' }, 'text'],
    [
      'one sentence and lines of punctuation',
      'single_sentence',
      { title: 'T', body: 'The only sentence.\n...\n—' },
      'text',
    ],
    ['one Arabic sentence', 'single_sentence', { title: 'عنوان', body: 'هذه هي الجملة الوحيدة في التقرير.' }, 'text'],
    ['NUL bytes', 'binary', { title: 'T', body: 'PK\u0003\u0004\u0000\u0000 zipped. More bytes.' }, ''],
    [
      'mostly replacement characters',
      'binary',
      { title: 'T', body: '\uFFFD\uFFFD\uFFFD text. \uFFFD\uFFFD more.' },
      '',
    ],
    ['tags with no text', 'markup_only', { title: 'T', body: '<div>\n<p> </p>\n<br/>\n</div>' }, 'text'],
  ])("rejects %s as '%s' and stores nothing", async (_name, reason, input, field) => {
    const error = await rejection(h.useCases.ingestReport(input));
    expect(reasonOf(error)).toBe(reason);
    expect(fieldsOf(error)).toEqual([field]);
    expect(h.reports.all()).toEqual([]);
  });

  it('rejects a text over MAX_REPORT_BYTES as sent, and one exactly at it once measured as stored', async () => {
    const over = await rejection(h.useCases.ingestReport({ title: 'T', body: 'a'.repeat(MAX_REPORT_BYTES) }));
    expect(reasonOf(over)).toBe('too_large');
    expect((over as InvalidInputError).problems).toEqual([
      { field: 'text', message: `is ${MAX_REPORT_BYTES + 1} bytes as sent; the limit is ${MAX_REPORT_BYTES}` },
    ]);
    // Title and body come to exactly MAX_REPORT_BYTES, which passes as sent; their summary then takes the
    // stored report over it.
    const half = 'a'.repeat(MAX_REPORT_BYTES / 2 - 2);
    const atLimit = await rejection(h.useCases.ingestReport({ title: 'T', body: `${half}.\n${half}.` }));
    expect(reasonOf(atLimit)).toBe('too_large');
    expect((atLimit as InvalidInputError).problems[0]!.message).toMatch(
      /^is \d+ bytes to store; the limit is 393216$/u,
    );
    expect(h.reports.all()).toEqual([]);
  });

  it("rejects as 'too_large' a text that fits as sent but not stored next to its original", async () => {
    // A zero-width space makes the cleaned body differ from what was sent, so both would be stored.
    const sentences = manySentences(MAX_REPORT_BYTES * 0.6);
    expect(reasonOf(await rejection(h.useCases.ingestReport({ title: 'Long', body: `\u200B${sentences}` })))).toBe(
      'too_large',
    );
    // The same text without the invisible character is stored once, and fits.
    const { report } = await h.useCases.ingestReport({ title: 'Long', body: sentences });
    expect('original' in report).toBe(false);
    expect(storedTextBytes(report)).toBeLessThanOrEqual(MAX_REPORT_BYTES);
  });
});
