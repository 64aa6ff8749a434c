// Core: everything Mujaz can do, as one facade bound to its ports. Lambda, the local runtime and the tests
// all bind it through useCaseDeps() + bindMujaz(), each with their own adapters.
import type { NewsletterIdentity } from './domain/digest';
import { subscriptionLinks } from './domain/links';
import type { ReportSubmission } from './domain/report';
import type { Subscriber } from './domain/subscriber';
import {
  type BatchItemOutcome,
  type IngestedReport,
  type IngestReportDeps,
  ingestReport,
  ingestReports,
} from './use-cases/ingest-report';
import {
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

export interface Mujaz {
  ingestReport(submission: ReportSubmission): Promise<IngestedReport>;
  /** Each report on its own: the outcomes, in order; a rejected report does not stop the others. */
  ingestReports(submissions: readonly ReportSubmission[]): Promise<BatchItemOutcome[]>;
  subscribe(email: string): Promise<SubscribeOutcome>;
  confirmSubscription(token: string): Promise<Subscriber>;
  unsubscribe(token: string): Promise<void>;
  /** Checks an unsubscribe link without acting on it (the page that asks "are you sure?"). */
  verifyUnsubscribeToken(token: string): void;
  previewDigest(week?: string): Promise<DigestPreview>;
  sendTestDigest(to: string, week?: string): Promise<{ week: string; messageId: string }>;
  sendDigest(week?: string): Promise<DigestSendSummary>;
  /** The week a request names, or the current one: "2026-W48". */
  weekId(week?: string): string;
}

/** The adapters Mujaz runs on: everything a digest send needs, minus the settings, and what ingesting adds to it. */
export type MujazPorts = Omit<DigestDeps, 'links' | 'newsletter' | 'timeZone' | 'sendConcurrency'> &
  Pick<IngestReportDeps, 'extractor'>;

export interface MujazSettings {
  newsletter: NewsletterIdentity;
  timeZone: string;
  publicBaseUrl: string;
  confirmWithinMs: number;
  sendConcurrency: number;
}

export interface UseCaseDeps {
  ingest: IngestReportDeps;
  subscription: SubscriptionDeps;
  digest: DigestDeps;
}

export function useCaseDeps(ports: MujazPorts, settings: MujazSettings): UseCaseDeps {
  const links = subscriptionLinks(settings.publicBaseUrl);
  const { extractor, ...digestPorts } = ports;
  const common = { ...digestPorts, links, newsletter: settings.newsletter };
  return {
    ingest: {
      reports: ports.reports,
      archive: ports.archive,
      extractor,
      clock: ports.clock,
      timeZone: settings.timeZone,
    },
    subscription: { ...common, confirmWithinMs: settings.confirmWithinMs },
    digest: { ...common, timeZone: settings.timeZone, sendConcurrency: settings.sendConcurrency },
  };
}

export function bindMujaz(deps: UseCaseDeps): Mujaz {
  return {
    ingestReport: (submission) => ingestReport(deps.ingest, submission),
    ingestReports: (submissions) => ingestReports(deps.ingest, submissions),
    subscribe: (email) => subscribe(deps.subscription, email),
    confirmSubscription: (token) => confirmSubscription(deps.subscription, token),
    unsubscribe: (token) => unsubscribe(deps.subscription, token),
    verifyUnsubscribeToken: (token) =>
      void deps.subscription.tokens.verify(token, 'unsubscribe', deps.subscription.clock.now()),
    previewDigest: (week) => previewDigest(deps.digest, week),
    sendTestDigest: (to, week) => sendTestDigest(deps.digest, to, week),
    sendDigest: (week) => sendDigest(deps.digest, week),
    weekId: (week) => resolveWeek(deps.digest, week).id,
  };
}
