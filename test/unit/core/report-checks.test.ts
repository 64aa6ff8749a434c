// The one path every report's text takes (checkAndSummarize) and the checks on an article page before it is
// parsed (checkPage), called directly: exact limits, and exactly what a caller is told when a text is refused.
// What the ingest use case makes of them: use-cases/ingest-report*.test.ts.
import { InvalidInputError, ReportRejectedError } from '../../../lambdas/core/domain/errors';
import { checkAndSummarize, checkPage, summarizeCleanText } from '../../../lambdas/core/domain/report-checks';
import { MAX_PAGE_BYTES, MAX_PAGE_TAGS, MAX_REPORT_BYTES } from '../../../lambdas/core/domain/report-limits';
import { DIGEST_BUDGET } from '../../../lambdas/core/domain/summarizer';
import { thrownBy } from '../../support/rejections';
import { ENGLISH_REPORT, expectSummaryOf, FRENCH_REPORT } from '../../support/use-case-harness';

describe('checkPage', () => {
  it('accepts a page of exactly MAX_PAGE_BYTES bytes, and refuses one byte more, saying how large it is', () => {
    expect(MAX_PAGE_BYTES).toBe(2_359_296);
    expect(() => checkPage(`<p>${'x'.repeat(MAX_PAGE_BYTES - 7)}</p>`)).not.toThrow();
    const error = thrownBy(() => checkPage(`<p>${'x'.repeat(MAX_PAGE_BYTES - 6)}</p>`));
    expect(error).toBeInstanceOf(ReportRejectedError);
    expect(error).toMatchObject({
      reason: 'too_large',
      message: 'The page is too large: 2359297 bytes; the limit is 2359296.',
      problems: [{ field: 'html', message: 'is 2359297 bytes; the limit is 2359296' }],
    });
  });

  it('measures a page in UTF-8 bytes, not characters: Arabic letters take two each', () => {
    // 4 + 2 × 1,179,644 + 4 = 2,359,296 bytes, in 1,179,652 characters.
    const page = `<p>x${'ع'.repeat(1_179_644)}</p>`;
    expect(() => checkPage(page)).not.toThrow();
    expect(thrownBy(() => checkPage(`${page}.`))).toMatchObject({
      reason: 'too_large',
      message: 'The page is too large: 2359297 bytes; the limit is 2359296.',
    });
  });

  it('accepts exactly MAX_PAGE_TAGS start tags, and refuses one more, saying how many it counted', () => {
    expect(MAX_PAGE_TAGS).toBe(50_000);
    expect(() => checkPage(`${'<b>'.repeat(MAX_PAGE_TAGS)}Text.`)).not.toThrow();
    const error = thrownBy(() => checkPage(`${'<b>'.repeat(MAX_PAGE_TAGS + 1)}Text.`));
    expect(error).toBeInstanceOf(ReportRejectedError);
    expect(error).toMatchObject({
      reason: 'too_large',
      message: 'The page has 50001 tags; at most 50000 are accepted.',
      problems: [{ field: 'html', message: 'has 50001 tags; the limit is 50000' }],
    });
  });
});

describe('checkAndSummarize: what a refused text is told', () => {
  it('counts the lede in the size as sent, and says so in bytes of UTF-8', () => {
    expect(MAX_REPORT_BYTES).toBe(393_216);
    // 1 + 7 + 393,209 = 393,217 bytes.
    const draft = { title: 'T', lede: 'A lede.', body: 'a'.repeat(MAX_REPORT_BYTES - 7) };
    const error = thrownBy(() => checkAndSummarize(draft, DIGEST_BUDGET));
    expect(error).toBeInstanceOf(ReportRejectedError);
    expect(error).toMatchObject({
      reason: 'too_large',
      message: 'The report is too large: its text is 393217 bytes of UTF-8; the limit is 393216.',
      problems: [{ field: 'text', message: 'is 393217 bytes as sent; the limit is 393216' }],
    });
  });

  describe('the size as stored: title, body and summary (figures make no key phrases)', () => {
    // Two sentences of 98,303 bytes in a body of 196,607; the digest budget of three sentences takes both.
    const body = `${'1'.repeat(98_302)}.\n${'2'.repeat(98_302)}.`;

    it('stores a report of exactly MAX_REPORT_BYTES: 3 + 196,607 + 2 × 98,303', () => {
      const checked = checkAndSummarize({ title: 'Tit', body }, DIGEST_BUDGET);
      expect(checked.summary).toEqual(body.split('\n'));
      expect(checked.keyPhrases).toEqual([]);
      expect('original' in checked).toBe(false);
    });

    it('refuses one byte more, saying what it would take to store', () => {
      const error = thrownBy(() => checkAndSummarize({ title: 'Titl', body }, DIGEST_BUDGET));
      expect(error).toBeInstanceOf(ReportRejectedError);
      expect(error).toMatchObject({
        reason: 'too_large',
        message:
          'The report is too large: with its original text and summary, it takes 393217 bytes to store; the limit is 393216.',
        problems: [{ field: 'text', message: 'is 393217 bytes to store; the limit is 393216' }],
      });
    });
  });

  it.each([
    ['nothing but white space', ' \n\t\u200B\n', 'empty', 'The report has no text.', 'must not be empty'],
    [
      'only tags',
      '<div>\n<p></p>\n</div>',
      'markup_only',
      'The report holds only markup (HTML or XML tags) and no text.',
      'holds only markup',
    ],
    [
      'one sentence',
      'The only sentence of this report.',
      'single_sentence',
      'The report is a single sentence: there is nothing to summarize.',
      'has 1 sentence(s); at least 2 are needed',
    ],
    [
      'no sentence with a word in it',
      '...\n—',
      'single_sentence',
      'The report is a single sentence: there is nothing to summarize.',
      'has 0 sentence(s); at least 2 are needed',
    ],
  ])('refuses a body of %s, naming the problem with the text', (_name, body, reason, message, problem) => {
    const error = thrownBy(() => checkAndSummarize({ title: 'T', body }, DIGEST_BUDGET));
    expect(error).toBeInstanceOf(ReportRejectedError);
    expect(error).toMatchObject({ reason, message, problems: [{ field: 'text', message: problem }] });
  });

  it("checks the lede for binary data, though cleaning would strip a lede's control characters", () => {
    const draft = { title: 'T', lede: 'PK\u0003\u0004\u0000\u0000', body: 'One sentence here. Another one there.' };
    expect(thrownBy(() => checkAndSummarize(draft, DIGEST_BUDGET))).toMatchObject({
      reason: 'binary',
      message: 'The report is not text: it looks like binary data.',
    });
  });

  it('takes a short text for binary when its control characters are over a tenth of title and body', () => {
    // "Title", two line breaks, "One. Two." and two control characters: 2 in 18 characters.
    const draft = { title: 'Title', body: 'One. Two.\u0001\u0002' };
    expect(thrownBy(() => checkAndSummarize(draft, DIGEST_BUDGET))).toMatchObject({ reason: 'binary' });
  });

  it("refuses a language that is not an ISO 639 code, quoting the editor's", () => {
    const error = thrownBy(() => checkAndSummarize({ ...FRENCH_REPORT, language: 'french' }, DIGEST_BUDGET));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).not.toBeInstanceOf(ReportRejectedError);
    expect(error).toMatchObject({
      message: 'The language "french" is not an ISO 639 language code such as "ar", "en" or "fr".',
      problems: [
        {
          field: 'language',
          message: 'must be an ISO 639 language code (two or three letters, e.g. "ar", "en", "fr")',
        },
      ],
    });
  });

  it('quotes at most 40 characters of a language it refuses', () => {
    const language = 'French, as spoken in Quebec and in the rest of Canada';
    expect(thrownBy(() => checkAndSummarize({ ...FRENCH_REPORT, language }, DIGEST_BUDGET))).toMatchObject({
      message:
        'The language "French, as spoken in Quebec and in the r" is not an ISO 639 language code such as "ar", "en" or "fr".',
    });
  });
});

describe('checkAndSummarize: what it makes of a text that passes', () => {
  it("takes an editor's language code with spaces around it, lower-cased", () => {
    expect(checkAndSummarize({ ...FRENCH_REPORT, language: ' FR ' }, DIGEST_BUDGET).language).toBe('fr');
  });

  it('keeps no original when the text only had old Mac line ends (a lone \\r) between its paragraphs', () => {
    const checked = checkAndSummarize({ title: 'T', body: 'First paragraph here.\rSecond paragraph.' }, DIGEST_BUDGET);
    expect(checked.body).toBe('First paragraph here.\nSecond paragraph.');
    expect('original' in checked).toBe(false);
  });

  it('summarizes within the budget it is given', () => {
    const checked = checkAndSummarize(ENGLISH_REPORT, { sentences: 1 });
    expectSummaryOf(checked.summary, `${ENGLISH_REPORT.lede}\n${ENGLISH_REPORT.body}`, 1);
  });
});

describe('summarizeCleanText', () => {
  it('detects Arabic in a report as short as a headline and one sentence', () => {
    expect(summarizeCleanText({ title: 'عاجل', body: 'وصل الوفد.' }, DIGEST_BUDGET).language).toBe('ar');
  });

  it('detects the language of the lede above a body of figures', () => {
    const report = { title: 'Q3', lede: 'ارتفعت الأسعار في الربع الثالث.', body: '2024: 3.5%\n2025: 4.1%' };
    expect(summarizeCleanText(report, DIGEST_BUDGET).language).toBe('ar');
  });

  it('summarizes within the budget it is given', () => {
    expect(summarizeCleanText(ENGLISH_REPORT, { sentences: 1 }).summary).toHaveLength(1);
    expect(summarizeCleanText(ENGLISH_REPORT, { sentences: 2 }).summary).toHaveLength(2);
  });
});
