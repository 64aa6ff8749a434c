// Composition: the adapters on AWS of the functions that mail readers — the deliver function (readers' turns,
// confirmations) and the admin function (test sends), and so the local runtime and the integration tests, which run
// every function's use cases (awsMujazDeps). Built one way for all: the mailer (SES), the shared send pacer, and the
// console's sign-in links and sessions (the admin function takes and keeps them, the deliver function mails them).
import type { AwsClients } from '../adapters/aws-clients';
import { DynamoActivityLog } from '../adapters/dynamo-activity-log';
import { DynamoConsoleAccessStore } from '../adapters/dynamo-console-access-store';
import { DynamoConsoleCounts } from '../adapters/dynamo-console-counts';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import { DynamoSendPacer } from '../adapters/dynamo-send-pacer';
import { DynamoSourceRepository } from '../adapters/dynamo-source-repository';
import { HandlebarsConfirmationRenderer } from '../adapters/handlebars-confirmation-renderer';
import { HandlebarsEmailRenderer } from '../adapters/handlebars-email-renderer';
import { HandlebarsSignInRenderer } from '../adapters/handlebars-sign-in-renderer';
import { randomIds } from '../adapters/random-ids';
import { ReadabilityArticleExtractor } from '../adapters/readability-article-extractor';
import { SesMailer } from '../adapters/ses-mailer';
import { systemClock } from '../adapters/system-clock';
import { deliveryTableAdapters, queueAdapters, secretAdapters } from './aws-table-adapters';
import type { QueueWorkerDeps } from './compose-queue-worker';
import type { MujazDeps } from './compose-use-cases';
import { type CompositionOptions, DEFAULT_SEND_RATE, type MujazSecrets } from './composition-options';
import type { MujazConfig } from './config';

/** What mails a reader: the tables, the queues, the signer, SES and the pacer that keeps it within its rate. */
function mailingAdapters(config: MujazConfig, secrets: MujazSecrets, clients: AwsClients, options: CompositionOptions) {
  const queues = queueAdapters(clients, config);
  return {
    ...deliveryTableAdapters(clients.dynamo, config),
    ...queues,
    // Sign-in requests travel with subscribe requests: the deliver function mails both.
    signInQueue: queues.subscriptionQueue,
    access: new DynamoConsoleAccessStore(clients.dynamo, config.tableName),
    signInRenderer: new HandlebarsSignInRenderer(options.emailTemplates),
    ...secretAdapters(clients.dynamo, config, secrets),
    mailer: new SesMailer(clients.ses, {
      from: config.fromAddress,
      timeoutMs: config.sesTimeoutMs,
      ...(config.sesConfigurationSet ? { configurationSetName: config.sesConfigurationSet } : {}),
      ...(options.onMailSent ? { onSent: options.onMailSent } : {}),
    }),
    pacer: new DynamoSendPacer(clients.dynamo, config.tableName, { rate: config.sendRate ?? DEFAULT_SEND_RATE }),
    ids: randomIds,
    clock: options.clock ?? systemClock,
    logger: options.logger,
    metrics: options.metrics,
  };
}

/** The deliver function's: it renders only confirmations (the editions come frozen), so no HTML-to-text. */
export function awsQueueWorkerDeps(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
): QueueWorkerDeps & ReturnType<typeof queueAdapters> {
  return {
    ...mailingAdapters(config, secrets, clients, options),
    renderer: new HandlebarsConfirmationRenderer(options.emailTemplates),
  };
}

/** Every adapter: the admin function's (it runs the operator's every use case) and the whole's (compose-use-cases). */
export function awsMujazDeps(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
): MujazDeps & ReturnType<typeof queueAdapters> {
  return {
    ...mailingAdapters(config, secrets, clients, options),
    renderer: new HandlebarsEmailRenderer(options.emailTemplates),
    extractor: new ReadabilityArticleExtractor(),
    reports: new DynamoReportRepository(clients.dynamo, config.tableName),
    // The console's overview: its counters' reads, and the sources that need attention. Built here, not with the
    // table's adapters, so that only the bundles that read the console carry them.
    counts: new DynamoConsoleCounts(clients.dynamo, config.tableName),
    sources: new DynamoSourceRepository(clients.dynamo, config.tableName),
    activity: new DynamoActivityLog(clients.dynamo, config.tableName),
  };
}
