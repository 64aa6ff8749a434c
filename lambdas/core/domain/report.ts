// Core layer: a report as editors submit it, and as we keep it once summarized.
import { createHash } from 'node:crypto';
import { domainToUnicode } from 'node:url';
import { withoutInvisibleCharacters } from './invisible-characters';
import type { LanguageTag } from './language-tag';
import { utf8ByteLength } from './text-cleaning';

/** What an editor may say about a report besides its text, whatever the wire format. */
export interface ReportMetadata {
  url?: string;
  /**
   * The editor's word on the language wins over the page's <html lang> and over detection: an ISO 639 code
   * ('fr', 'fa', 'ckb'; see isLanguageTag), checked by the core.
   */
  language?: LanguageTag;
  publishedAt?: string;
  /** The editor's word on where the report goes in the digest: higher first (−10 to 10; 0 when not given). */
  priority?: number;
  /** The publication's name as the editor writes it ("الجزيرة", "BBC News"): trimmed, one line. */
  source?: string;
}

/** A report as text: the plain-text format, or JSON with `text`. */
export interface TextReportSubmission extends ReportMetadata {
  title: string;
  lede?: string;
  /** Paragraphs separated by new lines, as the editor sent them: the core cleans them. */
  body: string;
}

/** A report as an article page (text/html, or JSON with `html`): the ArticleExtractor finds its text. */
export interface HtmlReportSubmission extends ReportMetadata {
  html: string;
  /** When absent or blank, the page's own headline (or <title>) is the title. */
  title?: string;
  lede?: string;
}

/** What an editor hands us: text, or an HTML page. */
export type ReportSubmission = TextReportSubmission | HtmlReportSubmission;

export function isHtmlSubmission(submission: ReportSubmission): submission is HtmlReportSubmission {
  return 'html' in submission && typeof submission.html === 'string';
}

export interface Report {
  /** Derived from the content, so submitting the same report twice stores it once. */
  id: string;
  title: string;
  lede?: string;
  /** The text as summarized and shown: cleaned (see cleanText), one paragraph per line. */
  body: string;
  /**
   * The text exactly as the editor sent it (for a page: as the extractor gave it), kept for display only when
   * cleaning changed more than its layout (line ends, blank lines, spaces) — e.g. a Persian text's zero-width
   * non-joiners, which cleaning removes. Absent means `body` shows what was sent.
   */
  original?: string;
  url?: string;
  language: LanguageTag;
  publishedAt?: string;
  /** The editor's override of the digest's order (ReportMetadata.priority); absent means 0. */
  priority?: number;
  /** The publication's name as the editor gave it (ReportMetadata.source); sourceNameOf says what a digest shows. */
  source?: string;
  /**
   * For a report from a feed entry: whether its text is the entry's page's article or, when the page could not be
   * fetched or gave too little, the feed's own content. Set by feed polling alone (ingestReport's provenance).
   */
  textFrom?: 'feed' | 'page';
  /** When we stored it: the next edition to open after this takes it (see edition.ts). */
  receivedAt: string;
  /** The digest's few sentences, in document order: the machine's, kept when an editor replaces them. */
  summary: string[];
  keyPhrases: string[];
  /**
   * The editor's text in place of `summary`, wherever the report is shown (shownSummary): cleaned,
   * one paragraph per line. Absent: the machine's summary is shown.
   */
  editedSummary?: string;
  /** Held out of every edition by an editor until released (report-edit.ts); absent when not held. */
  held?: boolean;
  /** Edits made to the report so far (absent: none); what an edition takes must be the report as last edited. */
  revision?: number;
  /** The edition that took the report; absent while it waits for one. Set by the edition alone, never edited. */
  editionId?: string;
}

/**
 * The name a digest shows for where a report comes from: the editor's, else its URL's host as a reader would
 * say it (`https://www.bbc.co.uk/news/x` is bbc.co.uk; an IDN in its own script, not punycode); else none.
 */
export function sourceNameOf(report: Pick<Report, 'source' | 'url'>): string | undefined {
  if (report.source !== undefined) return report.source;
  if (report.url === undefined || !URL.canParse(report.url)) return undefined;
  const { hostname } = new URL(report.url);
  // domainToUnicode gives '' for what is no domain name (an IP address, say): that is shown as written.
  // IDNA lets a joiner into some labels: the name shown is the one a reader sees, without it.
  const host = withoutInvisibleCharacters(domainToUnicode(hostname) || hostname)
    .replace(/\.$/u, '')
    .replace(/^www\./u, '');
  return host === '' ? undefined : host;
}

/** The summary a digest shows of a report: the editor's paragraphs when there are, else the machine's sentences. */
export function shownSummary(report: Pick<Report, 'summary' | 'editedSummary'>): string[] {
  return report.editedSummary === undefined ? report.summary : report.editedSummary.split('\n');
}

export function reportIdFor(submission: Pick<Report, 'title' | 'lede' | 'body'>): string {
  const digest = createHash('sha256')
    .update(
      [submission.title, submission.lede ?? '', submission.body]
        .map((part) => part.normalize('NFC').trim())
        .join('\n\u0000'),
    )
    .digest('hex');
  return digest.slice(0, 24);
}

/** The text we summarize: the lede is the editor's own abstract, so it competes with the body's sentences. */
export function summarizableText(submission: { lede?: string; body: string }): string {
  return submission.lede ? `${submission.lede}\n${submission.body}` : submission.body;
}

/**
 * The UTF-8 bytes a stored report spends on text: title, lede, body, original, summary and key phrases —
 * everything that grows with the report. MAX_REPORT_BYTES caps it.
 */
export function storedTextBytes(
  report: Pick<Report, 'title' | 'lede' | 'body' | 'original' | 'summary' | 'keyPhrases'>,
): number {
  const parts = [
    report.title,
    report.lede ?? '',
    report.body,
    report.original ?? '',
    ...report.summary,
    ...report.keyPhrases,
  ];
  return parts.reduce((sum, part) => sum + utf8ByteLength(part), 0);
}
