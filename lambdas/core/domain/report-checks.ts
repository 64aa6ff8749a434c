// Core layer: every reason a report is turned away, and what we make of the text that passes — cleaned, its
// language named, summarized. The ingest use case and the `summarize` command both call checkAndSummarize, so
// the command measures exactly what Lambda stores.
import { InvalidInputError, ReportRejectedError } from './errors';
import { detectLanguage } from './language-detection';
import { type LanguageTag, languageTagFrom } from './language-tag';
import { storedTextBytes, summarizableText } from './report';
import { MAX_PAGE_BYTES, MAX_PAGE_TAGS, MAX_REPORT_BYTES } from './report-limits';
import { splitParagraphs, splitSentences } from './sentences';
import { countWords, type SummaryBudget, summarize } from './summarizer';
import { cleanLine, cleanText, countStartTags, isMarkupOnly, looksBinary, utf8ByteLength } from './text-cleaning';

/** A report's text, from whichever form it came in, before any cleaning. */
export interface ReportDraft {
  title: string;
  lede?: string;
  body: string;
  /** The editor's word on the language wins over detection. */
  language?: LanguageTag;
}

export interface ReportSummary {
  language: LanguageTag;
  summary: string[];
  keyPhrases: string[];
}

/** A report's text made ready to store: everything a Report holds that comes from the text. */
export interface CheckedReport extends ReportSummary {
  title: string;
  lede?: string;
  /** Cleaned: NFC, no bidi, zero-width or control characters, one paragraph per line. */
  body: string;
  /** The body as sent, when cleaning changed more than its layout (line ends, blank lines, spaces). */
  original?: string;
}

/**
 * An article page, before anything parses it: over MAX_PAGE_BYTES or MAX_PAGE_TAGS → 'too_large'; binary data
 * → 'binary'; nothing but white space and invisible characters → 'empty'.
 */
export function checkPage(html: string): void {
  const bytes = utf8ByteLength(html);
  if (bytes > MAX_PAGE_BYTES) {
    throw new ReportRejectedError(
      'too_large',
      `The page is too large: ${bytes} bytes; the limit is ${MAX_PAGE_BYTES}.`,
      [{ field: 'html', message: `is ${bytes} bytes; the limit is ${MAX_PAGE_BYTES}` }],
    );
  }
  if (looksBinary(html)) throw new ReportRejectedError('binary');
  if (cleanText(html) === '') throw new ReportRejectedError('empty');
  const tags = countStartTags(html);
  if (tags > MAX_PAGE_TAGS) {
    throw new ReportRejectedError('too_large', `The page has ${tags} tags; at most ${MAX_PAGE_TAGS} are accepted.`, [
      { field: 'html', message: `has ${tags} tags; the limit is ${MAX_PAGE_TAGS}` },
    ]);
  }
}

/**
 * The one path every report's text takes, whichever way it came in:
 *  1. size as sent: over MAX_REPORT_BYTES → 'too_large' (before any work);
 *  2. binary data (NUL bytes, or mostly control or replacement characters) → 'binary';
 *  3. clean (cleanText; title and lede to one line) → nothing left → 'empty'; tags and no text → 'markup_only';
 *  4. fewer than two sentences in lede and body → 'single_sentence' (nothing to summarize);
 *  5. language: the editor's (an ISO 639 code, checked up front: else InvalidInputError on `language`), else detected;
 *  6. summary and key phrases (summarizeCleanText);
 *  7. size as stored (text, original where it differs, summary): over MAX_REPORT_BYTES → 'too_large'.
 * Throws ReportRejectedError (or InvalidInputError for a bad language code). A blank title is the caller's
 * business: the summarize command allows one, a stored report does not.
 */
export function checkAndSummarize(draft: ReportDraft, budget: SummaryBudget): CheckedReport {
  const sentBytes = utf8ByteLength(draft.title) + utf8ByteLength(draft.lede ?? '') + utf8ByteLength(draft.body);
  if (sentBytes > MAX_REPORT_BYTES) throw tooLarge(sentBytes, 'as sent');
  const language = draft.language === undefined ? undefined : editorLanguage(draft.language);
  if (looksBinary(`${draft.title}\n${draft.lede ?? ''}\n${draft.body}`)) throw new ReportRejectedError('binary');

  const title = cleanLine(draft.title);
  const lede = cleanLine(draft.lede ?? '') || undefined;
  const body = cleanText(draft.body);
  if (body === '') throw new ReportRejectedError('empty', undefined, [{ field: 'text', message: 'must not be empty' }]);
  if (isMarkupOnly(body)) {
    throw new ReportRejectedError('markup_only', undefined, [{ field: 'text', message: 'holds only markup' }]);
  }
  const sentences = splitParagraphs(summarizableText({ lede, body }))
    .flatMap(splitSentences)
    .filter((sentence) => countWords(sentence) > 0);
  if (sentences.length < 2) {
    throw new ReportRejectedError('single_sentence', undefined, [
      { field: 'text', message: `has ${sentences.length} sentence(s); at least 2 are needed` },
    ]);
  }

  const summarized = summarizeCleanText(
    { title, ...(lede ? { lede } : {}), body, ...(language ? { language } : {}) },
    budget,
  );
  const checked: CheckedReport = {
    title,
    ...(lede ? { lede } : {}),
    body,
    ...(sameBeyondLayout(draft.body, body) ? {} : { original: draft.body }),
    ...summarized,
  };
  const storedBytes = storedTextBytes(checked);
  if (storedBytes > MAX_REPORT_BYTES) throw tooLarge(storedBytes, 'to store');
  return checked;
}

/**
 * Language, summary and key phrases of text that is already clean: checkAndSummarize's last step, and what the
 * bench times.
 */
export function summarizeCleanText(report: ReportDraft, budget: SummaryBudget): ReportSummary {
  const language = report.language ?? detectLanguage(`${report.title}\n${report.lede ?? ''}\n${report.body}`);
  const { sentences, keyPhrases } = summarize(summarizableText(report), { language, title: report.title, budget });
  return { language, summary: sentences, keyPhrases };
}

/**
 * Whether cleaning changed nothing but layout — line ends, blank lines, spaces and tabs around and between
 * words — which displays the same once paragraphs are a line each: then the original is not worth keeping.
 */
function sameBeyondLayout(sent: string, cleaned: string): boolean {
  // Stryker disable next-line ConditionalExpression: a shortcut: the layout of clean text is the text itself
  if (sent === cleaned) return true;
  const layout = sent
    .split(/\r\n?|\n/u)
    .map((line) => line.replace(/[ \t]+/gu, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
  return layout === cleaned;
}

/** An editor's language code, lower-cased ('FR' → 'fr'); anything but an ISO 639 code is refused. */
function editorLanguage(given: string): LanguageTag {
  const tag = languageTagFrom(given);
  if (tag !== undefined) return tag;
  throw new InvalidInputError(
    `The language "${given.slice(0, 40)}" is not an ISO 639 language code such as "ar", "en" or "fr".`,
    [{ field: 'language', message: 'must be an ISO 639 language code (two or three letters, e.g. "ar", "en", "fr")' }],
  );
}

function tooLarge(bytes: number, measured: 'as sent' | 'to store'): ReportRejectedError {
  const what =
    measured === 'as sent'
      ? `its text is ${bytes} bytes of UTF-8`
      : `with its original text and summary, it takes ${bytes} bytes to store`;
  return new ReportRejectedError('too_large', `The report is too large: ${what}; the limit is ${MAX_REPORT_BYTES}.`, [
    { field: 'text', message: `is ${bytes} bytes ${measured}; the limit is ${MAX_REPORT_BYTES}` },
  ]);
}
