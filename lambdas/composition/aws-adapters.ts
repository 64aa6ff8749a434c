// Composition: the adapters on AWS of the functions that mail nobody and render: the API function's (readers, the
// archive's pages) and the send-digest function's (compose an edition). Without SES and without the article
// extractor, so that their bundles load neither.
import type { DynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { HandlebarsDigestPageRenderer } from '../adapters/handlebars-digest-page-renderer';
import { HandlebarsEmailRenderer } from '../adapters/handlebars-email-renderer';
import { systemClock } from '../adapters/system-clock';
import { queueAdapters, secretAdapters, tableAdapters } from './aws-table-adapters';
import type { DigestSenderDeps } from './compose-digest-sender';
import type { ReaderDeps } from './compose-reader-use-cases';
import type { CompositionOptions, MujazSecrets } from './composition-options';
import type { MujazConfig } from './config';

/** The API function's: the subscriber table, the link signer, the subscribe queue, the archive's page renderer. */
export function awsReaderDeps(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: DynamoSqsClients,
  options: Pick<CompositionOptions, 'metrics' | 'clock' | 'emailTemplates'>,
): ReaderDeps {
  return {
    ...tableAdapters(clients.dynamo, config),
    ...queueAdapters(clients, config),
    ...secretAdapters(clients.dynamo, config, secrets),
    renderer: new HandlebarsDigestPageRenderer(options.emailTemplates),
    clock: options.clock ?? systemClock,
    metrics: options.metrics,
  };
}

/** The send-digest function's: it signs no link and mails nobody, so no secret and no SES. */
export function awsDigestSenderDeps(
  config: MujazConfig,
  clients: DynamoSqsClients,
  options: Pick<CompositionOptions, 'logger' | 'metrics' | 'clock' | 'emailTemplates'>,
): DigestSenderDeps {
  return {
    ...tableAdapters(clients.dynamo, config),
    ...queueAdapters(clients, config),
    renderer: new HandlebarsEmailRenderer(options.emailTemplates),
    clock: options.clock ?? systemClock,
    logger: options.logger,
    metrics: options.metrics,
  };
}
