// Core use case, the one way reports come in: a report — the plain-text format, an article page or JSON, alone or
// in a batch — is checked, its language named, summarized and stored once. Every reason a report is turned away
// is decided here or in the domain functions this calls; callers only decode bytes and map errors.
import * as z from 'zod';
import { InvalidInputError, ReportRejectedError } from '../domain/errors';
import { isLanguageTag } from '../domain/language-tag';
import { METRIC_NAMES } from '../domain/metric-names';
import { isHtmlSubmission, type Report, type ReportSubmission, reportIdFor } from '../domain/report';
import { checkAndSummarize, checkPage, type ReportDraft } from '../domain/report-checks';
import { type ReportInput, submissionFrom } from '../domain/report-submission';
import { DIGEST_BUDGET } from '../domain/summarizer';
import { cleanLine } from '../domain/text-cleaning';
import { parseInput } from '../domain/validation';
import type { ArticleExtractor } from '../ports/article-extractor';
import type { Clock } from '../ports/clock';
import type { Metrics } from '../ports/metrics';
import type { ReportRepository } from '../ports/report-repository';

export interface IngestReportDeps {
  reports: ReportRepository;
  /** Finds the article in a page submitted as HTML. */
  extractor: ArticleExtractor;
  clock: Clock;
  metrics: Metrics;
}

export interface IngestedReport {
  report: Report;
  created: boolean;
}

/** The most reports one batch may carry. */
export const MAX_BATCH_REPORTS = 100;

/** One report of a batch, by its position: stored now, stored before, or turned away (with why). */
export type BatchItemResult =
  | { index: number; status: 'created' | 'exists'; report: Report }
  | { index: number; status: 'rejected'; error: InvalidInputError };

export interface BatchOutcome {
  results: BatchItemResult[];
  created: number;
  existing: number;
  rejected: number;
}

const batchItems = z.array(z.unknown()).max(MAX_BATCH_REPORTS, `a batch holds at most ${MAX_BATCH_REPORTS} reports`);

/** Throws InvalidInputError, or ReportRejectedError (an InvalidInputError) naming why the report can never be stored. */
export async function ingestReport(
  deps: IngestReportDeps,
  input: ReportInput,
  /** What the caller knows of where the report came from, which no editor's input may claim (a feed's poll). */
  provenance: Pick<Report, 'textFrom'> = {},
): Promise<IngestedReport> {
  const submission = submissionFrom(input);
  const draft = draftOf(deps.extractor, submission);
  if (cleanLine(draft.title) === '') {
    const message = isHtmlSubmission(submission) ? 'must be given: the page names no headline' : 'must not be empty';
    throw new InvalidInputError('The report cannot be accepted: title must not be empty.', [
      { field: 'title', message },
    ]);
  }
  const { original, ...checked } = checkAndSummarize(draft, DIGEST_BUDGET);

  const id = reportIdFor(checked);
  const existing = await deps.reports.findById(id);
  if (existing) return { report: existing, created: false };

  const report: Report = {
    id,
    title: checked.title,
    ...(checked.lede ? { lede: checked.lede } : {}),
    body: checked.body,
    ...(original !== undefined ? { original } : {}),
    ...(submission.url ? { url: submission.url } : {}),
    language: checked.language,
    ...(submission.publishedAt ? { publishedAt: submission.publishedAt } : {}),
    ...(submission.priority ? { priority: submission.priority } : {}),
    ...(submission.source !== undefined ? { source: submission.source } : {}),
    ...(provenance.textFrom ? { textFrom: provenance.textFrom } : {}),
    receivedAt: deps.clock.now().toISOString(),
    summary: checked.summary,
    keyPhrases: checked.keyPhrases,
  };
  const saved = await deps.reports.saveIfAbsent(report);
  // Stored by this request: the same report arriving twice at once is counted by the one that stored it.
  if (saved.created) deps.metrics.count(METRIC_NAMES.reportsIngested);
  return saved;
}

/**
 * A JSON array of reports, each ingested on its own, in order (so a report repeated within the batch is
 * 'created' then 'exists'): invalid input is that report's result, never the batch's. Anything else (the table
 * being unreachable) stops the batch; the reports stored until then stay, and sending the batch again is safe,
 * since a report's id is its content.
 */
export async function ingestReportBatch(deps: IngestReportDeps, items: unknown): Promise<BatchOutcome> {
  const results: BatchItemResult[] = [];
  for (const [index, json] of parseInput(batchItems, items).entries()) {
    try {
      const { report, created } = await ingestReport(deps, { json });
      results.push({ index, status: created ? 'created' : 'exists', report });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      results.push({ index, status: 'rejected', error });
    }
  }
  const count = (status: BatchItemResult['status']) => results.filter((result) => result.status === status).length;
  return { results, created: count('created'), existing: count('exists'), rejected: count('rejected') };
}

/**
 * The text of a submission: as given, or the article of a page. For a page, the request's title and language
 * win over the page's headline and <html lang>; detection comes last (in checkAndSummarize).
 */
function draftOf(extractor: ArticleExtractor, submission: ReportSubmission): ReportDraft {
  // Stryker disable next-line ConditionalExpression: lede: undefined reads the same: every use is draft.lede ?? ''
  const lede = submission.lede !== undefined ? { lede: submission.lede } : {};
  const language = submission.language !== undefined ? { language: submission.language } : {};
  if (!isHtmlSubmission(submission)) return { title: submission.title, ...lede, body: submission.body, ...language };

  checkPage(submission.html);
  const article = extractor.extract(submission.html, submission.url);
  if (article.text === '') throw new ReportRejectedError('markup_only');
  const given = submission.title !== undefined && cleanLine(submission.title) !== '' ? submission.title : undefined;
  const pageLanguage =
    // Stryker disable next-line ConditionalExpression: isLanguageTag(undefined) is false anyway
    article.language !== undefined && isLanguageTag(article.language) ? { language: article.language } : {};
  return { title: given ?? article.title ?? '', ...lede, body: article.text, ...pageLanguage, ...language };
}
