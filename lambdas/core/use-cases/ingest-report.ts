// Core use case: a report comes in; it is checked, its language named, summarized and stored once.
import { InvalidInputError, type InputProblem } from '../domain/errors';
import { followingWeek, isoWeekOf } from '../domain/iso-week';
import { MAX_REPORT_CHARACTERS, reportIdFor, type Report, type ReportSubmission } from '../domain/report';
import { analyzeReport } from '../domain/report-analysis';
import { DIGEST_BUDGET } from '../domain/summarizer';
import type { Clock } from '../ports/clock';
import type { DigestArchive } from '../ports/digest-ledger';
import type { ReportRepository } from '../ports/report-repository';

export interface IngestReportDeps {
  reports: ReportRepository;
  /** Tells whether this week's edition is already frozen, in which case the report goes to next week's. */
  archive: Pick<DigestArchive, 'findEdition'>;
  clock: Clock;
  /** The newsletter's time zone decides which week a report arriving near midnight belongs to. */
  timeZone: string;
}

export interface IngestedReport {
  report: Report;
  created: boolean;
}

export async function ingestReport(deps: IngestReportDeps, submission: ReportSubmission): Promise<IngestedReport> {
  const title = submission.title.trim();
  const lede = submission.lede?.trim() || undefined;
  const body = submission.body.trim();
  assertAcceptable(title, lede, body);

  const id = reportIdFor({ title, lede, body });
  const existing = await deps.reports.findById(id);
  if (existing) return { report: existing, created: false };

  const now = deps.clock.now();
  const { language, summary, keyPhrases } = analyzeReport({ title, lede, body, language: submission.language }, DIGEST_BUDGET);
  const report: Report = {
    id,
    title,
    ...(lede ? { lede } : {}),
    body,
    ...(submission.url ? { url: submission.url } : {}),
    language,
    ...(submission.publishedAt ? { publishedAt: submission.publishedAt } : {}),
    receivedAt: now.toISOString(),
    week: await openWeek(deps, now),
    summary,
    keyPhrases,
  };
  return deps.reports.saveIfAbsent(report);
}

/**
 * The week whose digest will carry a report arriving now: the current one, unless its edition was already
 * sent, in which case the next one — a report that misses this week's digest is never lost.
 */
async function openWeek(deps: IngestReportDeps, now: Date): Promise<string> {
  const current = isoWeekOf(now, deps.timeZone);
  return (await deps.archive.findEdition(current.id)) ? followingWeek(current).id : current.id;
}

function assertAcceptable(title: string, lede: string | undefined, body: string): void {
  const problems: InputProblem[] = [];
  if (title.length === 0) problems.push({ field: 'title', message: 'must not be empty' });
  if (body.length === 0) problems.push({ field: 'text', message: 'must not be empty' });
  const size = title.length + (lede?.length ?? 0) + body.length;
  if (size > MAX_REPORT_CHARACTERS) problems.push({ field: 'text', message: `is ${size} characters; the limit is ${MAX_REPORT_CHARACTERS}` });
  if (problems.length > 0) throw new InvalidInputError(`The report cannot be accepted: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}.`, problems);
}
