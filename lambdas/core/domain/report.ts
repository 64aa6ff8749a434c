// Core layer: a report as editors submit it, and as we keep it once summarized.
import { createHash } from 'node:crypto';
import { InvalidInputError } from './errors';
import type { LanguageCode } from './language';

/** What an editor hands us, whatever the wire format. */
export interface ReportSubmission {
  title: string;
  lede?: string;
  /** Paragraphs separated by new lines. */
  body: string;
  url?: string;
  /** The editor's word on the language wins over detection. */
  language?: LanguageCode;
  publishedAt?: string;
}

export interface Report {
  /** Derived from the content, so submitting the same report twice stores it once. */
  id: string;
  title: string;
  lede?: string;
  body: string;
  url?: string;
  language: LanguageCode;
  publishedAt?: string;
  receivedAt: string;
  /** ISO week (e.g. 2026-W48) of arrival in the newsletter's time zone: the digest it belongs to. */
  week: string;
  /** The digest's few sentences, in document order. */
  summary: string[];
  keyPhrases: string[];
}

export const MAX_REPORT_CHARACTERS = 1_000_000;

/**
 * Parses the plain-text report format: first line the title, second the lede, then paragraphs.
 * Blank lines are ignored, so editors may separate paragraphs by an empty line or not.
 */
export function parsePlainTextReport(text: string): ReportSubmission {
  const lines = text
    .replace(/^\uFEFF/u, '')
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const [title, lede, ...paragraphs] = lines;
  if (title === undefined) throw new InvalidInputError('The report is empty: expected a title line, a lede line and paragraphs.');
  if (lede === undefined) {
    throw new InvalidInputError('The report has only a title: expected a lede line and paragraphs after it.', [
      { field: 'text', message: 'missing lede and body' },
    ]);
  }
  return paragraphs.length === 0 ? { title, body: lede } : { title, lede, body: paragraphs.join('\n') };
}

export function reportIdFor(submission: Pick<ReportSubmission, 'title' | 'lede' | 'body'>): string {
  const digest = createHash('sha256')
    .update([submission.title, submission.lede ?? '', submission.body].map((part) => part.normalize('NFC').trim()).join('\n\u0000'))
    .digest('hex');
  return digest.slice(0, 24);
}

/** The text we summarize: the lede is the editor's own abstract, so it competes with the body's sentences. */
export function summarizableText(submission: Pick<ReportSubmission, 'lede' | 'body'>): string {
  return submission.lede ? `${submission.lede}\n${submission.body}` : submission.body;
}
