// Core layer: what an editor sends, in each of the forms we take it — the plain-text format, an article page, a
// JSON object, or already structured — turned into one checked ReportSubmission. The HTTP edge only decodes
// bytes; the rules live here.
import * as z from 'zod';
import { ReportRejectedError } from './errors';
import { INSTANT_RULE, isInstant } from './instant';
import type { HtmlReportSubmission, ReportSubmission, TextReportSubmission } from './report';
import { cleanLine, hasControlOrInvisibleCharacters, unusableTextReason } from './text-cleaning';
import { parseInput } from './validation';

/**
 * A report as it arrives, before any of our rules: structured by the caller (an article page is `{ html }`), the
 * plain-text format (title line, lede line, paragraphs), or a JSON value of any shape.
 */
export type ReportInput = ReportSubmission | { plainText: string } | { json: unknown };

/** The range of an editor's priority: enough to lift one report to the top or push one to the end. */
export const MIN_PRIORITY = -10;
export const MAX_PRIORITY = 10;

/** The longest publication name we take: a name, not a sentence; it sits on one line next to a date. */
export const MAX_SOURCE_LENGTH = 100;

/** The longest title we take. */
export const MAX_TITLE_LENGTH = 1000;

/**
 * A publication's name, as a report's `source` and a feed source's `name` are written: trimmed, in NFC, one line of
 * at most MAX_SOURCE_LENGTH characters, nothing that renders as nothing.
 */
export const sourceName = z
  .string()
  .trim()
  // As titles are (cleanLine): one spelling of "آ" or "é", so the same name looks and compares the same.
  .normalize('NFC')
  .min(1)
  .max(MAX_SOURCE_LENGTH)
  .refine(
    (name) => !hasControlOrInvisibleCharacters(name),
    'must not hold control characters, line breaks or invisible characters (zero-width, bidi controls, fillers…)',
  );

/** The longest link we take, a report's `url` or a feed's. */
export const MAX_LINK_LENGTH = 2048;

/** A link to the web: an absolute http: or https: URL (a report's page, a feed), at most MAX_LINK_LENGTH long. */
export const webLink = z
  .url({ protocol: /^https?$/u, error: 'must be an absolute http or https URL' })
  .max(MAX_LINK_LENGTH);

/** A report as JSON: exactly one of `text` and `html`; the title may be left to the page's own headline. */
const reportJson = z
  .object({
    title: z.string().max(MAX_TITLE_LENGTH).optional(),
    lede: z.string().max(10_000).optional(),
    text: z.string().optional(),
    html: z.string().optional(),
    url: webLink.optional(),
    /** Any ISO 639 code; checkAndSummarize checks it (isLanguageTag). */
    language: z.string().max(35).optional(),
    publishedAt: z.string().refine(isInstant, INSTANT_RULE).optional(),
    // Coerced: a form sends it as text.
    priority: z.coerce.number().int().min(MIN_PRIORITY).max(MAX_PRIORITY).optional(),
    source: sourceName.optional(),
  })
  .strict()
  .superRefine((report, context) => {
    if ((report.text === undefined) === (report.html === undefined)) {
      // Stryker disable next-line StringLiteral: the issue code is never read: problems carry path and message only
      context.addIssue({ code: 'custom', path: ['text'], message: 'give exactly one of text and html' });
    } else if (report.text !== undefined && report.title === undefined) {
      context.addIssue({
        // Stryker disable next-line StringLiteral: the issue code is never read: problems carry path and message only
        code: 'custom',
        path: ['title'],
        message: 'is required with text (only an html page can name its own)',
      });
    }
  });

/**
 * Every form checked by the one schema of a report's fields. Throws InvalidInputError (fields of the wrong shape)
 * or ReportRejectedError (plain text with no report in it).
 */
export function submissionFrom(input: ReportInput): ReportSubmission {
  if ('plainText' in input) return parsePlainTextReport(input.plainText);
  if ('json' in input) return submissionFromJson(parseInput(reportJson, input.json));
  // Stryker disable next-line ConditionalExpression,StringLiteral: a page parses the same below (no body, so no text)
  if ('html' in input) return submissionFromJson(parseInput(reportJson, input));
  const { body, ...fields } = input;
  return submissionFromJson(parseInput(reportJson, { ...fields, text: body }));
}

function submissionFromJson({ title, text, html, ...metadata }: z.infer<typeof reportJson>): ReportSubmission {
  // A JSON report with text names its paragraphs `text`; the core calls them `body`.
  if (html !== undefined)
    return { ...metadata, html, ...(title !== undefined ? { title } : {}) } satisfies HtmlReportSubmission;
  // Stryker disable next-line StringLiteral: unreachable: the schema requires a title with text, and text without html
  return { ...metadata, title: title ?? '', body: text ?? '' } satisfies TextReportSubmission;
}

const EMPTY_TEXT_REPORT = 'The report is empty: expected a title line, a lede line and paragraphs.';

/**
 * The plain-text report format: first line the title, second the lede, then paragraphs. Blank lines (and lines of
 * nothing but invisible characters) are ignored, so editors may separate paragraphs by an empty line or not. The
 * text as a whole is first checked for binary data, markup without text and emptiness (ReportRejectedError).
 */
export function parsePlainTextReport(text: string): TextReportSubmission {
  const unusable = unusableTextReason(text);
  if (unusable) throw new ReportRejectedError(unusable, unusable === 'empty' ? EMPTY_TEXT_REPORT : undefined);
  // Stryker disable next-line StringLiteral: unreachable: text that passed unusableTextReason has a line
  const [title = '', lede, ...paragraphs] = text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    // A line of nothing but invisible characters looks blank to the editor who wrote it: it is one.
    .filter((line) => cleanLine(line) !== '');
  if (lede === undefined) {
    throw new ReportRejectedError(
      'empty',
      'The report has only a title: expected a lede line and paragraphs after it.',
      [{ field: 'text', message: 'missing lede and body' }],
    );
  }
  return paragraphs.length === 0 ? { title, body: lede } : { title, lede, body: paragraphs.join('\n') };
}
