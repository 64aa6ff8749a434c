// Composition: the adapters on AWS that every function shares — the table's, the two queues', the link signer and
// the subscribe rate — and the delivery-feedback function's, which needs nothing else. No renderer, no SES, no
// article extractor: a bundle that reaches this module carries none of them.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoConsoleCounts } from '../adapters/dynamo-console-counts';
import { DynamoDeliveryLedger } from '../adapters/dynamo-delivery-ledger';
import { DynamoEditionStore } from '../adapters/dynamo-edition-store';
import { DynamoRateLimiter } from '../adapters/dynamo-rate-limiter';
import { DynamoReportListIndex } from '../adapters/dynamo-report-list-index';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import type { DynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { HmacTokenSigner } from '../adapters/hmac-token-signer';
import { randomIds } from '../adapters/random-ids';
import { SqsDeliveryQueue } from '../adapters/sqs-delivery-queue';
import { SqsSubscriptionQueue } from '../adapters/sqs-subscription-queue';
import { systemClock } from '../adapters/system-clock';
import type { RebuildCountsDeps } from '../core/use-cases/rebuild-console-counts';
import type { ReindexReportsDeps } from '../core/use-cases/reindex-reports';
import type { FeedbackRecorderDeps } from './compose-feedback-recorder';
import type { CompositionOptions, MujazSecrets } from './composition-options';
import type { MujazConfig } from './config';

/** Everything the one table holds, each behind its port. */
export function tableAdapters(dynamo: DynamoDBDocumentClient, config: Pick<MujazConfig, 'tableName'>) {
  return {
    reports: new DynamoReportRepository(dynamo, config.tableName),
    ...deliveryTableAdapters(dynamo, config),
  };
}

/** The table without its reports: what the deliver function reads and writes (its bundle is held to 500 KB). */
export function deliveryTableAdapters(dynamo: DynamoDBDocumentClient, config: Pick<MujazConfig, 'tableName'>) {
  return {
    editions: new DynamoEditionStore(dynamo, config.tableName),
    subscribers: new DynamoSubscriberRepository(dynamo, config.tableName),
    ledger: new DynamoDeliveryLedger(dynamo, config.tableName),
  };
}

/** The deliver function's two queues: readers' turns, and subscribe requests. */
export function queueAdapters(
  clients: DynamoSqsClients,
  config: Pick<MujazConfig, 'deliveryQueueUrl' | 'subscriptionQueueUrl'>,
) {
  return {
    queue: new SqsDeliveryQueue(clients.sqs, config.deliveryQueueUrl),
    subscriptionQueue: new SqsSubscriptionQueue(clients.sqs, config.subscriptionQueueUrl),
  };
}

/** The link signer and the subscribe rate, both keyed by the link-signing secret. */
export function secretAdapters(
  dynamo: DynamoDBDocumentClient,
  config: Pick<MujazConfig, 'tableName'>,
  secrets: MujazSecrets,
) {
  return {
    tokens: new HmacTokenSigner(secrets.tokenSecret),
    // Keyed by the link-signing secret: one secret less to manage, and client hashes change when it rotates.
    limiter: new DynamoRateLimiter(dynamo, config.tableName, secrets.tokenSecret),
  };
}

/** The delivery-feedback function's: the subscriber table alone. */
export function awsFeedbackRecorderDeps(
  config: Pick<MujazConfig, 'tableName'>,
  clients: Pick<DynamoSqsClients, 'dynamo'>,
  options: Pick<CompositionOptions, 'logger' | 'clock'>,
): FeedbackRecorderDeps {
  return {
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    ids: randomIds,
    clock: options.clock ?? systemClock,
    logger: options.logger,
  };
}

/** The console counters' rebuild (scripts/rebuild-console-counts.ts, the bench): the readers and the counters. */
export function awsCountsRebuildDeps(
  config: Pick<MujazConfig, 'tableName'>,
  clients: Pick<DynamoSqsClients, 'dynamo'>,
): RebuildCountsDeps {
  return {
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    counts: new DynamoConsoleCounts(clients.dynamo, config.tableName),
    clock: systemClock,
  };
}

/** The reports list's reindex (scripts/reindex-reports.ts): every report, and the console's list of them. */
export function awsReportsReindexDeps(
  config: Pick<MujazConfig, 'tableName'>,
  clients: Pick<DynamoSqsClients, 'dynamo'>,
): ReindexReportsDeps {
  return { reports: new DynamoReportListIndex(clients.dynamo, config.tableName) };
}
