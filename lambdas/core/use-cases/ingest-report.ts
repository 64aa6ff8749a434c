// Core use case: a report comes in — as text or as an article page — and is checked, its language named,
// summarized and stored once. A batch takes each report on its own: one bad report never fails the others.
import { InvalidInputError, ReportRejectedError } from '../domain/errors';
import { followingWeek, isoWeekOf } from '../domain/iso-week';
import { isLanguageTag } from '../domain/language';
import { isHtmlSubmission, type Report, type ReportSubmission, reportIdFor } from '../domain/report';
import { prepareReport, type ReportText } from '../domain/report-analysis';
import { DIGEST_BUDGET } from '../domain/summarizer';
import { cleanLine, MAX_PAGE_BYTES, utf8ByteLength } from '../domain/text-cleaning';
import type { ArticleExtractor } from '../ports/article-extractor';
import type { Clock } from '../ports/clock';
import type { DigestArchive } from '../ports/digest-ledger';
import type { ReportRepository } from '../ports/report-repository';

export interface IngestReportDeps {
  reports: ReportRepository;
  /** Tells whether this week's edition is already frozen, in which case the report goes to next week's. */
  archive: Pick<DigestArchive, 'findEdition'>;
  /** Finds the article in a page submitted as HTML. */
  extractor: ArticleExtractor;
  clock: Clock;
  /** The newsletter's time zone decides which week a report arriving near midnight belongs to. */
  timeZone: string;
}

export interface IngestedReport {
  report: Report;
  created: boolean;
}

/** The most reports one batch may carry. */
export const MAX_BATCH_REPORTS = 100;

/** One report of a batch: stored now, stored before, or turned away (with why). */
export type BatchItemOutcome =
  | { status: 'created' | 'exists'; report: Report }
  | { status: 'rejected'; error: InvalidInputError };

export async function ingestReport(deps: IngestReportDeps, submission: ReportSubmission): Promise<IngestedReport> {
  const draft = reportText(deps.extractor, submission);
  if (cleanLine(draft.title) === '') {
    throw new InvalidInputError('The report cannot be accepted: title must not be empty.', [
      {
        field: 'title',
        message: isHtmlSubmission(submission) ? 'must be given: the page names no headline' : 'must not be empty',
      },
    ]);
  }
  const { original, ...prepared } = prepareReport(draft, DIGEST_BUDGET);

  const id = reportIdFor(prepared);
  const existing = await deps.reports.findById(id);
  if (existing) return { report: existing, created: false };

  const now = deps.clock.now();
  const report: Report = {
    id,
    title: prepared.title,
    ...(prepared.lede ? { lede: prepared.lede } : {}),
    body: prepared.body,
    ...(original !== undefined ? { original } : {}),
    ...(submission.url ? { url: submission.url } : {}),
    language: prepared.language,
    ...(submission.publishedAt ? { publishedAt: submission.publishedAt } : {}),
    receivedAt: now.toISOString(),
    week: await openWeek(deps, now),
    summary: prepared.summary,
    keyPhrases: prepared.keyPhrases,
  };
  return deps.reports.saveIfAbsent(report);
}

/**
 * Ingests each report on its own, in order (so a report repeated within the batch is 'created' then
 * 'exists'): invalid input is that report's outcome, never the batch's. Anything else (the table being
 * unreachable) stops the batch; the reports stored until then stay, and sending the batch again is safe,
 * since a report's id is its content.
 */
export async function ingestReports(
  deps: IngestReportDeps,
  submissions: readonly ReportSubmission[],
): Promise<BatchItemOutcome[]> {
  if (submissions.length > MAX_BATCH_REPORTS) {
    throw new InvalidInputError(
      `A batch holds at most ${MAX_BATCH_REPORTS} reports; this one has ${submissions.length}.`,
      [{ field: '', message: `must hold at most ${MAX_BATCH_REPORTS} reports` }],
    );
  }
  const outcomes: BatchItemOutcome[] = [];
  for (const submission of submissions) {
    try {
      const { report, created } = await ingestReport(deps, submission);
      outcomes.push({ status: created ? 'created' : 'exists', report });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      outcomes.push({ status: 'rejected', error });
    }
  }
  return outcomes;
}

/**
 * The text of a submission: as given, or the article of a page. For a page, the request's title and language
 * win over the page's headline and <html lang>; detection comes last (in prepareReport).
 */
function reportText(extractor: ArticleExtractor, submission: ReportSubmission): ReportText {
  const language = submission.language !== undefined ? { language: submission.language } : {};
  if (!isHtmlSubmission(submission)) {
    return {
      title: submission.title,
      ...(submission.lede !== undefined ? { lede: submission.lede } : {}),
      body: submission.body,
      ...language,
    };
  }
  const pageBytes = utf8ByteLength(submission.html);
  if (pageBytes > MAX_PAGE_BYTES) {
    throw new ReportRejectedError(
      'too_large',
      `The page is too large: ${pageBytes} bytes; the limit is ${MAX_PAGE_BYTES}.`,
      [{ field: 'html', message: `is ${pageBytes} bytes; the limit is ${MAX_PAGE_BYTES}` }],
    );
  }
  const article = extractor.extract(submission.html, submission.url);
  const given = submission.title !== undefined && cleanLine(submission.title) !== '' ? submission.title : undefined;
  const pageLanguage =
    article.language !== undefined && isLanguageTag(article.language) ? { language: article.language } : {};
  return {
    title: given ?? article.title ?? '',
    ...(submission.lede !== undefined ? { lede: submission.lede } : {}),
    body: article.text,
    ...pageLanguage,
    ...language,
  };
}

/**
 * The week whose digest will carry a report arriving now: the current one, unless its edition was already
 * sent, in which case the next one — a report that misses this week's digest is never lost.
 */
async function openWeek(deps: IngestReportDeps, now: Date): Promise<string> {
  const current = isoWeekOf(now, deps.timeZone);
  return (await deps.archive.findEdition(current.id)) ? followingWeek(current).id : current.id;
}
