// Composition: the adapters of whatever mails a reader — the admin function (test sends) and the deliver function
// (readers' turns, confirmations) — built one way for both.
import type { AwsClients } from '../adapters/aws-clients';
import { DynamoDeliveryLedger } from '../adapters/dynamo-delivery-ledger';
import { DynamoRateLimiter } from '../adapters/dynamo-rate-limiter';
import { DynamoSendPacer } from '../adapters/dynamo-send-pacer';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { HmacTokenSigner } from '../adapters/hmac-token-signer';
import { randomIds } from '../adapters/random-ids';
import { SesMailer } from '../adapters/ses-mailer';
import { SqsSubscriptionQueue } from '../adapters/sqs-subscription-queue';
import { systemClock } from '../adapters/system-clock';
import { type CompositionOptions, DEFAULT_SEND_RATE, type MujazSecrets } from './composition-options';
import type { MujazConfig } from './config';

/**
 * The ports of whatever mails a reader: the subscriber table, the pacer, SES and the link signer. The renderer is
 * each builder's own: the deliver function renders only confirmations.
 */
export function mailingPorts(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
) {
  return {
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    ledger: new DynamoDeliveryLedger(clients.dynamo, config.tableName),
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
    tokens: new HmacTokenSigner(secrets.tokenSecret),
    ids: randomIds,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    metrics: options.metrics,
  };
}
