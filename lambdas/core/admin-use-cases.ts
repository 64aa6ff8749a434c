// Core: what the operator can do over the admin API — the facade the admin routes call. composeAdminUseCases
// (composition) binds it to the adapters of the admin function, of the local runtime or of a test.
import type { RetriableOutcome } from './domain/delivery';
import type { Report } from './domain/report';
import type { ReportInput } from './domain/report-submission';
import type { Subscriber } from './domain/subscriber';
import type { ReaderRecord, ReportList, ReportListQuery } from './use-cases/console-lists';
import type { ConsoleOverview } from './use-cases/console-overview';
import type { DigestProgress } from './use-cases/digest-progress';
import type { ImportOutcome, ImportRow } from './use-cases/import-subscribers';
import type { BatchOutcome, IngestedReport } from './use-cases/ingest-report';
import type { DigestPreview, SendRequest } from './use-cases/send-digest';

export interface AdminUseCases {
  ingestReport(input: ReportInput): Promise<IngestedReport>;
  /**
   * An editor's correction of a waiting report (`{"hold"?, "priority"?, "summary"?}`, report-edit.ts): the report as
   * stored after it.
   */
  editReport(id: string, input: unknown): Promise<Report>;
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
  startDigest(request?: SendRequest): Promise<{ id: string } | undefined>;
  /** Where an edition's send stands: its state and how many readers ended in each outcome. */
  digestProgress(id: string): Promise<DigestProgress>;
  /** Sends the edition again to exactly the readers whose copy ended in one of `include`. */
  retryDigest(id: string, include: readonly RetriableOutcome[]): Promise<{ id: string; requeued: number }>;
  /** Throws InvalidInputError for a send request that names no period; sends nothing. */
  checkSendRequest(request: SendRequest): void;
  /** The console's first page: every figure from counters and bounded reads, at most five table requests. */
  consoleOverview(): Promise<ConsoleOverview>;
  /** The console's reports, newest first, a page at a time, or searched by title within a bounded window. */
  listReports(query: ReportListQuery): Promise<ReportList>;
  /** One report in any state; NotFoundError when none has this id. */
  findReport(id: string): Promise<Report>;
  /** One reader by address (InvalidInputError for no address): state, consent, their last editions' copies. */
  lookUpReader(email: string): Promise<ReaderRecord>;
}
