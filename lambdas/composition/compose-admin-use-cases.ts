// Composition: the admin function's use cases — what the operator does over HTTP: report intake (the article
// extractor), previews, test sends (SES), starting a send, its progress and retries, imports and exports.
import type { AwsClients } from '../adapters/aws-clients';
import { DynamoEditionStore } from '../adapters/dynamo-edition-store';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import { HandlebarsEmailRenderer } from '../adapters/handlebars-email-renderer';
import { ReadabilityArticleExtractor } from '../adapters/readability-article-extractor';
import { SqsDeliveryQueue } from '../adapters/sqs-delivery-queue';
import { type AdminUseCases, bindAdminUseCases } from '../core/bind-admin-use-cases';
import type { CompositionOptions, MujazSecrets } from './composition-options';
import type { MujazConfig } from './config';
import { mailingPorts } from './mailing-ports';

/** The operator's use cases: every port a digest needs, the article extractor, the subscribe queue. */
export function composeAdminUseCases(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
): AdminUseCases {
  return bindAdminUseCases(everyPort(config, secrets, clients, options), config);
}

/** Every port there is: the admin function uses them all, and so does the whole (composeUseCases). */
export function everyPort(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
) {
  return {
    ...mailingPorts(config, secrets, clients, options),
    reports: new DynamoReportRepository(clients.dynamo, config.tableName),
    editions: new DynamoEditionStore(clients.dynamo, config.tableName),
    queue: new SqsDeliveryQueue(clients.sqs, config.deliveryQueueUrl),
    renderer: new HandlebarsEmailRenderer(options.emailTemplates),
    extractor: new ReadabilityArticleExtractor(),
  };
}
