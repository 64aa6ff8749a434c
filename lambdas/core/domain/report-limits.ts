// Core layer: how large a report and the page it comes in may be — the limits every entry point and the stored item
// answer to. checkAndSummarize (report-checks.ts) measures against them; the HTTP edge reads bodies up to them.

/**
 * The one size limit of a report, in UTF-8 bytes, measured twice by checkAndSummarize: as sent (title, lede and
 * text) and as stored (title, lede, cleaned text, the original as sent where cleaning changed it, summary and
 * key phrases). A report is one DynamoDB item, and an item holds at most 400 KB; 384 KiB leaves 16 KiB for the
 * keys, url, dates and attribute names, and an editor's summary (MAX_EDITED_SUMMARY_LENGTH, at most 8 KB). Over it,
 * the report is rejected as 'too_large' (HTTP 413).
 */
export const MAX_REPORT_BYTES = 393_216;

/**
 * An article page wraps its text in markup, scripts and styles, and JSON may escape every character as
 * \uXXXX (6 bytes for what UTF-8 writes in 1 to 3): such inputs may be this many times MAX_REPORT_BYTES
 * before the text they carry answers to MAX_REPORT_BYTES.
 */
export const MARKUP_ALLOWANCE = 6;

/** The largest HTML page we read for a report: MARKUP_ALLOWANCE × MAX_REPORT_BYTES. */
export const MAX_PAGE_BYTES = MARKUP_ALLOWANCE * MAX_REPORT_BYTES;

/**
 * The most start tags a page may have: the HTML parser's time grows with them (50,000 tags nested as deep as
 * they go take it 0.5–2.5 s); a long article page has a few thousand.
 */
export const MAX_PAGE_TAGS = 50_000;
