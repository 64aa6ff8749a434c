// Core: everything Mujaz can do, as one set of use cases bound to the ports it runs on. Lambda, the local runtime
// and the tests all bind it here, each with their own adapters.

import { subscriptionLinks } from './domain/links';
import type { NewsletterIdentity } from './domain/newsletter-labels';
import type { ReportInput } from './domain/report-submission';
import type { Subscriber } from './domain/subscriber';
import {
  type BatchOutcome,
  type IngestedReport,
  type IngestReportDeps,
  ingestReport,
  ingestReportBatch,
} from './use-cases/ingest-report';
import {
  checkUnsubscribeLink,
  confirmSubscription,
  type SubscribeOutcome,
  type SubscriptionDeps,
  subscribe,
  unsubscribe,
} from './use-cases/manage-subscription';
import {
  type DigestDeps,
  type DigestPreview,
  type DigestSendSummary,
  previewDigest,
  resolveWeek,
  sendDigest,
  sendTestDigest,
} from './use-cases/send-digest';

export interface UseCases {
  ingestReport(input: ReportInput): Promise<IngestedReport>;
  /** A JSON array of reports, each on its own: a rejected report does not stop the others. */
  ingestReportBatch(items: unknown): Promise<BatchOutcome>;
  subscribe(email: string): Promise<SubscribeOutcome>;
  confirmSubscription(token: string): Promise<Subscriber>;
  unsubscribe(token: string): Promise<void>;
  /** Checks an unsubscribe link without acting on it (the page that asks "are you sure?"). */
  checkUnsubscribeLink(token: string): void;
  previewDigest(week?: string): Promise<DigestPreview>;
  sendTestDigest(to: string, week?: string): Promise<{ week: string; messageId: string }>;
  sendDigest(week?: string): Promise<DigestSendSummary>;
  /** The week a request names, or the current one: "2026-W48". */
  weekId(week?: string): string;
}

/** The adapters the core runs on: everything a digest send needs but its settings, and the ingest's extractor. */
export type CorePorts = Omit<DigestDeps, 'links' | 'newsletter' | 'timeZone' | 'sendConcurrency'> &
  Pick<IngestReportDeps, 'extractor'>;

export interface CoreSettings {
  newsletter: NewsletterIdentity;
  timeZone: string;
  publicBaseUrl: string;
  confirmWithinMs: number;
  sendConcurrency: number;
}

export function bindUseCases(ports: CorePorts, settings: CoreSettings): UseCases {
  const { extractor, ...digestPorts } = ports;
  const common = { ...digestPorts, links: subscriptionLinks(settings.publicBaseUrl), newsletter: settings.newsletter };
  const ingest: IngestReportDeps = { ...ports, timeZone: settings.timeZone };
  const subscription: SubscriptionDeps = { ...common, confirmWithinMs: settings.confirmWithinMs };
  const digest: DigestDeps = { ...common, timeZone: settings.timeZone, sendConcurrency: settings.sendConcurrency };
  return {
    ingestReport: (input) => ingestReport(ingest, input),
    ingestReportBatch: (items) => ingestReportBatch(ingest, items),
    subscribe: (email) => subscribe(subscription, email),
    confirmSubscription: (token) => confirmSubscription(subscription, token),
    unsubscribe: (token) => unsubscribe(subscription, token),
    checkUnsubscribeLink: (token) => checkUnsubscribeLink(subscription, token),
    previewDigest: (week) => previewDigest(digest, week),
    sendTestDigest: (to, week) => sendTestDigest(digest, to, week),
    sendDigest: (week) => sendDigest(digest, week),
    weekId: (week) => resolveWeek(digest, week).id,
  };
}
