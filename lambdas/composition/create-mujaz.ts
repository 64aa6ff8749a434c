// Composition: builds the adapters and binds the use cases. Lambda handlers and the local runtime both call it,
// each with its own clients, so the code that runs locally is the code that runs in Lambda.
import type { SubscriptionLinks } from '../core/domain/links';
import { subscriptionLinks } from '../core/domain/links';
import type { ReportSubmission } from '../core/domain/report';
import { systemClock, type Clock } from '../core/ports/clock';
import type { Logger } from '../core/ports/logger';
import { ingestReport, type IngestedReport } from '../core/use-cases/ingest-report';
import { confirmSubscription, subscribe, unsubscribe, type SubscribeOutcome } from '../core/use-cases/manage-subscription';
import { previewDigest, resolveWeek, sendDigest, sendTestDigest, type DigestDeps, type DigestPreview, type DigestSendSummary } from '../core/use-cases/send-digest';
import type { Subscriber } from '../core/domain/subscriber';
import type { AwsClients } from '../adapters/aws-clients';
import { DynamoDigestLedger } from '../adapters/dynamo-digest-ledger';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { HmacTokenSigner } from '../adapters/hmac-token-signer';
import { MjmlEmailRenderer, readEmailTemplates } from '../adapters/mjml-email-renderer';
import { SesMailer } from '../adapters/ses-mailer';
import type { MujazConfig } from './config';

export interface MujazSecrets {
  tokenSecret: string;
}

export interface MujazOptions {
  logger: Logger;
  clock?: Clock;
  /** Receives every raw message SES accepted; the local runtime writes them to disk. */
  onMailSent?: (raw: Buffer, messageId: string) => Promise<void>;
}

/** Everything Mujaz can do, bound to its adapters. */
export interface Mujaz {
  ingestReport(submission: ReportSubmission): Promise<IngestedReport>;
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
  readonly links: SubscriptionLinks;
}

export function createMujaz(config: MujazConfig, secrets: MujazSecrets, clients: AwsClients, options: MujazOptions): Mujaz {
  const clock = options.clock ?? systemClock;
  const ledger = new DynamoDigestLedger(clients.dynamo, config.tableName);
  const tokens = new HmacTokenSigner(secrets.tokenSecret);
  const links = subscriptionLinks(config.publicBaseUrl);
  const common = {
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    renderer: new MjmlEmailRenderer(readEmailTemplates(config.templatesDirectory)),
    mailer: new SesMailer(clients.ses, {
      from: config.fromAddress,
      timeoutMs: config.sesTimeoutMs,
      ...(config.sesConfigurationSet ? { configurationSetName: config.sesConfigurationSet } : {}),
      ...(options.onMailSent ? { onSent: options.onMailSent } : {}),
    }),
    tokens,
    links,
    clock,
    logger: options.logger,
    newsletter: config.newsletter,
  };
  const reports = new DynamoReportRepository(clients.dynamo, config.tableName);
  const digest: DigestDeps = {
    ...common,
    reports,
    archive: ledger,
    ledger,
    timeZone: config.timeZone,
    sendConcurrency: config.sendConcurrency,
  };
  const subscription = { ...common, confirmWithinMs: config.confirmWithinMs };

  return {
    ingestReport: (submission) => ingestReport({ reports, clock, timeZone: config.timeZone }, submission),
    subscribe: (email) => subscribe(subscription, email),
    confirmSubscription: (token) => confirmSubscription(subscription, token),
    unsubscribe: (token) => unsubscribe(subscription, token),
    verifyUnsubscribeToken: (token) => void tokens.verify(token, 'unsubscribe', clock.now()),
    previewDigest: (week) => previewDigest(digest, week),
    sendTestDigest: (to, week) => sendTestDigest(digest, to, week),
    sendDigest: (week) => sendDigest(digest, week),
    weekId: (week) => resolveWeek(digest, week).id,
    links,
  };
}
