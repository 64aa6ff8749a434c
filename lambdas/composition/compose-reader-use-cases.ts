// Composition: the API function's use cases — what readers do over HTTP — bound to the AWS adapters. No mailer, no
// article extractor, no HTML-to-text: the edition page is the digest's HTML alone.
import type { AwsClients } from '../adapters/aws-clients';
import { DynamoEditionStore } from '../adapters/dynamo-edition-store';
import { DynamoRateLimiter } from '../adapters/dynamo-rate-limiter';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { HandlebarsDigestPageRenderer } from '../adapters/handlebars-digest-page-renderer';
import { HmacTokenSigner } from '../adapters/hmac-token-signer';
import { SqsSubscriptionQueue } from '../adapters/sqs-subscription-queue';
import { systemClock } from '../adapters/system-clock';
import { bindReaderUseCases, type ReaderUseCases } from '../core/bind-reader-use-cases';
import type { CompositionOptions, MujazSecrets } from './composition-options';
import type { MujazConfig } from './config';

/** The readers' use cases: the subscriber table, the link signer, the subscribe queue, the archive. */
export function composeReaderUseCases(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: Pick<AwsClients, 'dynamo' | 'sqs'>,
  options: Pick<CompositionOptions, 'metrics' | 'clock' | 'emailTemplates'>,
): ReaderUseCases {
  return bindReaderUseCases(
    {
      subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
      tokens: new HmacTokenSigner(secrets.tokenSecret),
      subscriptionQueue: new SqsSubscriptionQueue(clients.sqs, config.subscriptionQueueUrl),
      // Keyed by the link-signing secret, as in every function: client hashes change when it rotates.
      limiter: new DynamoRateLimiter(clients.dynamo, config.tableName, secrets.tokenSecret),
      editions: new DynamoEditionStore(clients.dynamo, config.tableName),
      reports: new DynamoReportRepository(clients.dynamo, config.tableName),
      renderer: new HandlebarsDigestPageRenderer(options.emailTemplates),
      clock: options.clock ?? systemClock,
      metrics: options.metrics,
    },
    config,
  );
}
