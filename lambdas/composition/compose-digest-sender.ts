// Composition: the send-digest function — opens the next edition, composes it once and hands every confirmed
// reader to the delivery queue. It mails nobody: no SES, no secret, no article parser.
import type { AwsClients } from '../adapters/aws-clients';
import { DynamoEditionStore } from '../adapters/dynamo-edition-store';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { HandlebarsEmailRenderer } from '../adapters/handlebars-email-renderer';
import { SqsDeliveryQueue } from '../adapters/sqs-delivery-queue';
import { systemClock } from '../adapters/system-clock';
import { publicLinks } from '../core/domain/links';
import { type DigestWatchResult, watchDigest } from '../core/use-cases/digest-watch';
import { type DigestSendSummary, type SendRequest, sendDigest } from '../core/use-cases/send-digest';
import type { CompositionOptions } from './composition-options';
import type { MujazConfig } from './config';

/** The send-digest function: opens the next edition, composes it once and hands every reader to the queue. */
export function composeDigestSender(
  config: MujazConfig,
  clients: Pick<AwsClients, 'dynamo' | 'sqs'>,
  options: Pick<CompositionOptions, 'logger' | 'metrics' | 'clock' | 'emailTemplates'>,
): DigestSender {
  const deps = {
    reports: new DynamoReportRepository(clients.dynamo, config.tableName),
    editions: new DynamoEditionStore(clients.dynamo, config.tableName),
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    queue: new SqsDeliveryQueue(clients.sqs, config.deliveryQueueUrl),
    renderer: new HandlebarsEmailRenderer(options.emailTemplates),
    links: publicLinks(config.publicBaseUrl),
    newsletter: config.newsletter,
    timeZone: config.timeZone,
    featuredReports: config.featuredReports,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    metrics: options.metrics,
  };
  return { sendDigest: (request) => sendDigest(deps, request), watchDigest: () => watchDigest(deps) };
}

export interface DigestSender {
  sendDigest(request?: SendRequest): Promise<DigestSendSummary>;
  /** The watch a day after the schedule: whether a send finished since. */
  watchDigest(): Promise<DigestWatchResult>;
}
