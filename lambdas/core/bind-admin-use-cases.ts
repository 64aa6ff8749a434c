// Core: what the operator does over the admin API — reports in, the digest previewed, tested and started, a send's
// progress and its retries, the list imported and exported — bound to the ports it runs on. Only the admin function
// (and the local runtime) binds it: report intake brings the summarizer, its stop words and the article extractor.
import type { CoreSettings } from './core-settings';
import type { RetriableOutcome } from './domain/delivery';
import { publicLinks } from './domain/links';
import type { ReportInput } from './domain/report-submission';
import type { Subscriber } from './domain/subscriber';
import { type DigestProgress, digestProgress, retryDigest } from './use-cases/digest-progress';
import { type ImportOutcome, type ImportRow, importSubscribers } from './use-cases/import-subscribers';
import {
  type BatchOutcome,
  type IngestedReport,
  type IngestReportDeps,
  ingestReport,
  ingestReportBatch,
} from './use-cases/ingest-report';
import type { SubscriptionDeps } from './use-cases/manage-subscription';
import {
  checkSendRequest,
  type DigestDeps,
  type DigestPreview,
  previewDigest,
  type SendRequest,
  sendTestDigest,
  startDigest,
} from './use-cases/send-digest';

export interface AdminUseCases {
  ingestReport(input: ReportInput): Promise<IngestedReport>;
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
}

/** The adapters the operator's requests run on: everything a digest needs, the extractor, the subscribe queue. */
export type AdminPorts = Omit<DigestDeps, 'links' | 'newsletter' | 'timeZone' | 'featuredReports' | 'staleClaimMs'> &
  Pick<IngestReportDeps, 'extractor'> &
  Pick<SubscriptionDeps, 'subscriptionQueue'>;

export type AdminSettings = Pick<
  CoreSettings,
  'newsletter' | 'timeZone' | 'publicBaseUrl' | 'featuredReports' | 'staleClaimMs'
>;

export function bindAdminUseCases(ports: AdminPorts, settings: AdminSettings): AdminUseCases {
  const ingest: IngestReportDeps = ports;
  const digest: DigestDeps = {
    ...ports,
    links: publicLinks(settings.publicBaseUrl),
    newsletter: settings.newsletter,
    timeZone: settings.timeZone,
    featuredReports: settings.featuredReports,
    staleClaimMs: settings.staleClaimMs,
  };
  return {
    ingestReport: (input) => ingestReport(ingest, input),
    ingestReportBatch: (items) => ingestReportBatch(ingest, items),
    importSubscribers: (rows) => importSubscribers(ports, rows),
    confirmedSubscribers: () => ports.subscribers.confirmedSubscribers(),
    allSubscribers: () => ports.subscribers.allSubscribers(),
    previewDigest: (request) => previewDigest(digest, request),
    sendTestDigest: (to, request) => sendTestDigest(digest, to, request),
    startDigest: async (request) => {
      const started = await startDigest(digest, request);
      return started && { id: started.edition.id };
    },
    digestProgress: (id) => digestProgress(digest, id),
    retryDigest: (id, include) => retryDigest(digest, id, include),
    checkSendRequest: (request) => checkSendRequest(digest, request),
  };
}
