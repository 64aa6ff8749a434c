// Composition: builds the AWS adapters and binds the core's use cases to them. Lambda handlers and the local runtime
// both call it, each with their own clients, so the code that runs locally is the code that runs in Lambda.

import type { AwsClients } from '../adapters/aws-clients';
import { DynamoDeliveryLedger } from '../adapters/dynamo-delivery-ledger';
import { DynamoEditionStore } from '../adapters/dynamo-edition-store';
import { DynamoRateLimiter } from '../adapters/dynamo-rate-limiter';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import { DynamoSendPacer } from '../adapters/dynamo-send-pacer';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { type CompiledEmailTemplates, HandlebarsEmailRenderer } from '../adapters/handlebars-email-renderer';
import { HmacTokenSigner } from '../adapters/hmac-token-signer';
import { randomIds } from '../adapters/random-ids';
import { ReadabilityArticleExtractor } from '../adapters/readability-article-extractor';
import { SesMailer } from '../adapters/ses-mailer';
import { SqsDeliveryQueue } from '../adapters/sqs-delivery-queue';
import { SqsSubscriptionQueue } from '../adapters/sqs-subscription-queue';
import { systemClock } from '../adapters/system-clock';
import { bindUseCases, type UseCases } from '../core/bind-use-cases';
import type { Clock } from '../core/ports/clock';
import type { Logger } from '../core/ports/logger';
import { recordDeliveryFeedback } from '../core/use-cases/record-delivery-feedback';
import type { MujazConfig } from './config';
import { type DeliveryBatchHandler, deliveryBatchHandler } from './delivery-batch';

export interface MujazSecrets {
  tokenSecret: string;
}

export interface CompositionOptions {
  logger: Logger;
  clock?: Clock;
  /** The email templates as the build compiled them (read next to the bundle, or compiled at a local start). */
  emailTemplates: CompiledEmailTemplates;
  /** Receives every raw message SES accepted; the local runtime writes them to disk. */
  onMailSent?: (raw: Buffer, messageId: string) => Promise<void>;
}

/** SES's starting quota for a production account: what we assume when neither config nor SES says. */
export const DEFAULT_SEND_RATE = 14;

/** What the feedback function runs: SES events to suppressions, on the subscriber table alone. */
export function composeFeedbackRecorder(
  config: Pick<MujazConfig, 'tableName'>,
  clients: Pick<AwsClients, 'dynamo'>,
  options: Pick<CompositionOptions, 'logger' | 'clock'>,
): (event: unknown) => Promise<{ suppressed: number }> {
  const deps = {
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    ids: randomIds,
    clock: options.clock ?? systemClock,
    logger: options.logger,
  };
  return (event) => recordDeliveryFeedback(deps, event);
}

export function composeUseCases(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
): UseCases {
  return bindUseCases(composePorts(config, secrets, clients, options), config);
}

/** The deliver step: the use cases, and the SQS batch handler that runs them on readers' turns. */
export function composeDeliverer(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
): { mujaz: UseCases; handleBatch: DeliveryBatchHandler } {
  const ports = composePorts(config, secrets, clients, options);
  const mujaz = bindUseCases(ports, config);
  const handleBatch = deliveryBatchHandler({
    mujaz,
    deferTurn: (queue, receiptHandle, seconds) =>
      (queue === 'subscriptions' ? ports.subscriptionQueue : ports.queue).deferTurn(receiptHandle, seconds),
    logger: options.logger,
  });
  return { mujaz, handleBatch };
}

function composePorts(config: MujazConfig, secrets: MujazSecrets, clients: AwsClients, options: CompositionOptions) {
  return {
    reports: new DynamoReportRepository(clients.dynamo, config.tableName),
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    editions: new DynamoEditionStore(clients.dynamo, config.tableName),
    ledger: new DynamoDeliveryLedger(clients.dynamo, config.tableName),
    queue: new SqsDeliveryQueue(clients.sqs, config.deliveryQueueUrl),
    subscriptionQueue: new SqsSubscriptionQueue(clients.sqs, config.subscriptionQueueUrl),
    // Keyed by the link-signing secret: one secret less to manage, and client hashes change when it rotates.
    limiter: new DynamoRateLimiter(clients.dynamo, config.tableName, secrets.tokenSecret),
    mailer: new SesMailer(clients.ses, {
      from: config.fromAddress,
      timeoutMs: config.sesTimeoutMs,
      ...(config.sesConfigurationSet ? { configurationSetName: config.sesConfigurationSet } : {}),
      ...(options.onMailSent ? { onSent: options.onMailSent } : {}),
    }),
    pacer: new DynamoSendPacer(clients.dynamo, config.tableName, { rate: config.sendRate ?? DEFAULT_SEND_RATE }),
    renderer: new HandlebarsEmailRenderer(options.emailTemplates),
    tokens: new HmacTokenSigner(secrets.tokenSecret),
    ids: randomIds,
    extractor: new ReadabilityArticleExtractor(),
    clock: options.clock ?? systemClock,
    logger: options.logger,
  };
}
