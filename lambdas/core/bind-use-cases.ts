// Core: everything Mujaz can do, as one set of use cases bound to the ports it runs on. Lambda, the local runtime
// and the tests all bind it here, each with their own adapters.

import type { DeliveryAttempt, DeliveryRequest, RetriableOutcome } from './domain/delivery';
import type { RenderedEmail } from './domain/digest';
import { publicLinks } from './domain/links';
import type { NewsletterIdentity } from './domain/newsletter-labels';
import type { ReportInput } from './domain/report-submission';
import type { Subscriber, SubscriptionRequest } from './domain/subscriber';
import { type ArchivedEdition, listArchive } from './use-cases/archive';
import { deliverDigest, type TurnResult } from './use-cases/deliver-digest';
import { type DigestProgress, digestProgress, retryDigest } from './use-cases/digest-progress';
import { type DigestWatchResult, watchDigest } from './use-cases/digest-watch';
import { type ImportOutcome, type ImportRow, importSubscribers } from './use-cases/import-subscribers';
import {
  type BatchOutcome,
  type IngestedReport,
  type IngestReportDeps,
  ingestReport,
  ingestReportBatch,
} from './use-cases/ingest-report';
import {
  checkConfirmationLink,
  checkUnsubscribeLink,
  confirmSubscription,
  type LinkedReader,
  requestSubscription,
  resubscribe,
  type SubscribeOutcome,
  type SubscriptionDeps,
  subscribe,
  unsubscribe,
} from './use-cases/manage-subscription';
import { recordDeliveryFeedback } from './use-cases/record-delivery-feedback';
import {
  checkSendRequest,
  type DigestDeps,
  type DigestPreview,
  type DigestSendSummary,
  previewDigest,
  renderEditionPage,
  type SendRequest,
  sendDigest,
  sendTestDigest,
  startDigest,
} from './use-cases/send-digest';

export interface UseCases {
  ingestReport(input: ReportInput): Promise<IngestedReport>;
  /** A JSON array of reports, each on its own: a rejected report does not stop the others. */
  ingestReportBatch(items: unknown): Promise<BatchOutcome>;
  /**
   * A subscribe request from the form or the API: counted against the client's rate (RateLimitedError past it),
   * checked, and queued — the same path whatever the address's state.
   */
  requestSubscription(email: string, request: SubscriptionRequest, client: string): Promise<void>;
  /**
   * A queued subscribe request: starts a subscription (or refreshes a pending one) and mails its confirmation
   * link, at most once a cooldown; MailRefusedError when SES refused it (the request is tried again).
   */
  subscribe(email: string, request: SubscriptionRequest): Promise<SubscribeOutcome>;
  /** Brings a list over: confirmed-elsewhere readers confirmed (consent: imported), the others asked to confirm. */
  importSubscribers(rows: readonly ImportRow[]): Promise<ImportOutcome>;
  /** Applies an SES event: a permanent bounce or a complaint suppresses the address for good. */
  recordDeliveryFeedback(event: unknown): Promise<{ suppressed: number }>;
  /** Every confirmed reader, page by page: the list to export. */
  confirmedSubscribers(): AsyncIterable<Subscriber>;
  /** Every subscriber in any state, with their consent records: the audit export. */
  allSubscribers(): AsyncIterable<Subscriber>;
  confirmSubscription(token: string): Promise<LinkedReader>;
  /** Checks a confirmation link without confirming (GET: mail scanners follow links, and must not confirm). */
  checkConfirmationLink(token: string): Promise<LinkedReader>;
  unsubscribe(token: string): Promise<LinkedReader>;
  /** Checks an unsubscribe link without acting on it (the page that asks "are you sure?"). */
  checkUnsubscribeLink(token: string): Promise<LinkedReader & { subscribed: boolean }>;
  /** The goodbye page's button: a new subscription for the reader who just left, confirmed by a fresh link. */
  resubscribe(token: string): Promise<LinkedReader>;
  /** What the next send would carry, or what the edition being sent carries. */
  previewDigest(request?: SendRequest): Promise<DigestPreview>;
  sendTestDigest(to: string, request?: SendRequest): Promise<{ edition?: string; messageId: string }>;
  /**
   * Resumes the edition being sent, or opens the next one with every report no edition took yet; composes it and
   * hands every confirmed reader to the delivery queue.
   */
  sendDigest(request?: SendRequest): Promise<DigestSendSummary>;
  /** Opens the next edition (or finds the one under way) without composing it; undefined when nothing waits. */
  startDigest(request?: SendRequest): Promise<{ id: string } | undefined>;
  /** One reader's turn from the delivery queue: sends them the edition once, or says why not. */
  deliverDigest(request: DeliveryRequest, attempt: DeliveryAttempt): Promise<TurnResult>;
  /** Where an edition's send stands: its state and how many readers ended in each outcome. */
  digestProgress(id: string): Promise<DigestProgress>;
  /** Sends the edition again to exactly the readers whose copy ended in one of `include`. */
  retryDigest(id: string, include: readonly RetriableOutcome[]): Promise<{ id: string; requeued: number }>;
  /** Throws InvalidInputError for a send request that names no period; sends nothing. */
  checkSendRequest(request: SendRequest): void;
  /** The web page of a sent (or sending) edition, with every report it took. */
  renderEditionPage(id: string): Promise<RenderedEmail>;
  /** Run a day after each scheduled send: whether a send finished since (overdue when none did). */
  watchDigest(): Promise<DigestWatchResult>;
  /** Every sent edition, newest first: the archive page and the Atom feed. */
  listArchive(): Promise<ArchivedEdition[]>;
}

/** The adapters the core runs on: everything a digest send needs but its settings, and the ingest's extractor. */
export type CorePorts = Omit<DigestDeps, 'links' | 'newsletter' | 'timeZone' | 'featuredReports' | 'staleClaimMs'> &
  Pick<IngestReportDeps, 'extractor'> &
  Pick<SubscriptionDeps, 'subscriptionQueue' | 'limiter'>;

export interface CoreSettings {
  newsletter: NewsletterIdentity;
  timeZone: string;
  publicBaseUrl: string;
  confirmWithinMs: number;
  /** At most one confirmation email per address within this long. */
  confirmationCooldownMs: number;
  /** Subscribe requests one client (network address) may make per minute. */
  subscribesPerClientPerMinute: number;
  /** Reports each email carries in full; the rest are headlines linking to the edition's web page. */
  featuredReports: number;
  /** The longest one delivery attempt may run (the deliver function's timeout). */
  staleClaimMs: number;
}

export function bindUseCases(ports: CorePorts, settings: CoreSettings): UseCases {
  const { extractor, subscriptionQueue, limiter, ...digestPorts } = ports;
  const common = { ...digestPorts, links: publicLinks(settings.publicBaseUrl), newsletter: settings.newsletter };
  const ingest: IngestReportDeps = ports;
  const subscription: SubscriptionDeps = {
    ...common,
    confirmWithinMs: settings.confirmWithinMs,
    confirmationCooldownMs: settings.confirmationCooldownMs,
    subscriptionQueue,
    limiter,
    subscribesPerClientPerMinute: settings.subscribesPerClientPerMinute,
  };
  const digest: DigestDeps = {
    ...common,
    timeZone: settings.timeZone,
    featuredReports: settings.featuredReports,
    staleClaimMs: settings.staleClaimMs,
  };
  return {
    ingestReport: (input) => ingestReport(ingest, input),
    ingestReportBatch: (items) => ingestReportBatch(ingest, items),
    requestSubscription: (email, request, client) => requestSubscription(subscription, email, request, client),
    subscribe: (email, request) => subscribe(subscription, email, request),
    importSubscribers: (rows) => importSubscribers(subscription, rows),
    recordDeliveryFeedback: (event) => recordDeliveryFeedback(subscription, event),
    confirmedSubscribers: () => ports.subscribers.confirmedSubscribers(),
    allSubscribers: () => ports.subscribers.allSubscribers(),
    confirmSubscription: (token) => confirmSubscription(subscription, token),
    checkConfirmationLink: (token) => checkConfirmationLink(subscription, token),
    unsubscribe: (token) => unsubscribe(subscription, token),
    checkUnsubscribeLink: (token) => checkUnsubscribeLink(subscription, token),
    resubscribe: (token) => resubscribe(subscription, token),
    previewDigest: (request) => previewDigest(digest, request),
    sendTestDigest: (to, request) => sendTestDigest(digest, to, request),
    sendDigest: (request) => sendDigest(digest, request),
    startDigest: async (request) => {
      const started = await startDigest(digest, request);
      return started && { id: started.edition.id };
    },
    deliverDigest: (request, attempt) => deliverDigest(digest, request, attempt),
    digestProgress: (id) => digestProgress(digest, id),
    retryDigest: (id, include) => retryDigest(digest, id, include),
    checkSendRequest: (request) => checkSendRequest(digest, request),
    renderEditionPage: (id) => renderEditionPage(digest, id),
    listArchive: () => listArchive(digest),
    watchDigest: () => watchDigest(digest),
  };
}
