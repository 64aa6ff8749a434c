// Core: what the operator can do over the admin API — the facade the admin routes call. composeAdminUseCases
// (composition) binds it to the adapters of the admin function, of the local runtime or of a test. Each change names
// its actor last, optional: the admin token's (`{kind: 'api'}`) when none is named — the API and the CLI.
import type { ActivityPage, Actor } from './domain/activity';
import type { RetriableOutcome } from './domain/delivery';
import type { Report } from './domain/report';
import type { ReportInput } from './domain/report-submission';
import type { Subscriber } from './domain/subscriber';
import type { ReaderRecord, ReportList, ReportListQuery } from './use-cases/console-lists';
import type { ConsoleOverview } from './use-cases/console-overview';
import type { DigestProgress, EditionSummary } from './use-cases/digest-progress';
import type { ImportOutcome, ImportRow } from './use-cases/import-subscribers';
import type { BatchOutcome, IngestedReport } from './use-cases/ingest-report';
import type { DigestPreview, NextEditionDraft, SendRequest } from './use-cases/send-digest';

export interface AdminUseCases {
  ingestReport(input: ReportInput): Promise<IngestedReport>;
  /**
   * An editor's correction of a waiting report (`{"hold"?, "priority"?, "summary"?}`, report-edit.ts): the report as
   * stored after it.
   */
  editReport(id: string, input: unknown, actor?: Actor): Promise<Report>;
  /** A JSON array of reports, each on its own: a rejected report does not stop the others. */
  ingestReportBatch(items: unknown): Promise<BatchOutcome>;
  /** Brings a list over: confirmed-elsewhere readers confirmed (consent: imported), the others asked to confirm. */
  importSubscribers(rows: readonly ImportRow[]): Promise<ImportOutcome>;
  /** Every confirmed reader, page by page: the list to export. */
  confirmedSubscribers(): AsyncIterable<Subscriber>;
  /** Every subscriber in any state, with their consent records: the audit export. */
  allSubscribers(): AsyncIterable<Subscriber>;
  /** What the next send would carry, or what the edition being sent carries. */
  previewDigest(request?: SendRequest): Promise<DigestPreview>;
  sendTestDigest(to: string, request?: SendRequest): Promise<{ edition?: string; messageId: string }>;
  /** Opens the next edition (or finds the one under way) without composing it; undefined when nothing waits. */
  startDigest(request?: SendRequest, actor?: Actor): Promise<{ id: string } | undefined>;
  /** Where an edition's send stands: its state and how many readers ended in each outcome. */
  digestProgress(id: string): Promise<DigestProgress>;
  /** Sends the edition again to exactly the readers whose copy ended in one of `include`. */
  retryDigest(
    id: string,
    include: readonly RetriableOutcome[],
    actor?: Actor,
  ): Promise<{ id: string; requeued: number }>;
  /** A page of editions, newest first, with their state and counts; `before` (a number) for older ones. */
  listEditions(before?: number): Promise<{ editions: EditionSummary[]; before?: number }>;
  /** A page of the activity log, newest first; `before` is the cursor a page gave as `next`. */
  activity(before?: string): Promise<ActivityPage>;
  /** Throws InvalidInputError for a send request that names no period; sends nothing. */
  checkSendRequest(request: SendRequest): void;
  /** The console's first page: every figure from counters and bounded reads, at most five table requests. */
  consoleOverview(): Promise<ConsoleOverview>;
  /**
   * The next edition as a send would make it now: its reports in the email's order, the held ones, its email (in
   * the newsletter's language alone unless `translations`, which is the default).
   */
  draftNextEdition(options?: { translations?: boolean }): Promise<NextEditionDraft>;
  /** A waiting report's priority one step up (+1) or down (−1), through editReport's rules (edit-report.ts). */
  moveReport(id: string, step: 1 | -1, actor?: Actor): Promise<Report>;
  /** The console's reports, newest first, a page at a time, or searched by title within a bounded window. */
  listReports(query: ReportListQuery): Promise<ReportList>;
  /** One report in any state; NotFoundError when none has this id. */
  findReport(id: string): Promise<Report>;
  /** One reader by address (InvalidInputError for no address): state, consent, their last editions' copies. */
  lookUpReader(email: string): Promise<ReaderRecord>;
}
