// Local runtime (composition root for `demo`, `dev` and the flow tests): the local stack, the same Mujaz core
// and the same Hono app as in Lambda, served by @hono/node-server.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import { createAwsClients } from '../adapters/aws-clients';
import { consoleLogger } from '../adapters/console-logger';
import { importQueue } from '../adapters/import-queue-definition';
import { loggerMetrics } from '../adapters/logger-metrics';
import { compileEmailTemplates } from '../adapters/mjml-template-compiler';
import { pollVisibilitySeconds, sourcePollQueue } from '../adapters/source-poll-queue-definition';
import { visibilityTimeoutSeconds } from '../adapters/work-queue-definition';
import { awsFeedDeps } from '../composition/aws-feed-adapters';
import { awsImportDeps } from '../composition/aws-import-adapters';
import { awsMujazDeps } from '../composition/aws-mail-adapters';
import { composeConsoleUseCases } from '../composition/compose-console-use-cases';
import { composeImportBatchHandler, composeImportUseCases } from '../composition/compose-import-worker';
import { composeSourceFinder, type SourceFinder } from '../composition/compose-source-finder';
import { composeSourcePoller, type SourcePoller, sourcePollBatchHandler } from '../composition/compose-source-poller';
import { composeSourceUseCases, type SourceUseCases } from '../composition/compose-source-use-cases';
import { composeUseCases, type UseCases } from '../composition/compose-use-cases';
import {
  ENVIRONMENT_VARIABLES,
  type FeedConfig,
  type MujazConfig,
  readFeedConfig,
  readLocalStackConfig,
} from '../composition/config';
import { composeQueueBatchHandler, type QueueBatchHandler } from '../composition/queue-batch-handler';
import { publicLinks } from '../core/domain/links';
import type { ImportUseCases } from '../core/import-use-cases';
import type { Logger } from '../core/ports/logger';
import { createCombinedApiApp } from '../http/combined-api-app';
import { InProcessDigestDispatcher } from './in-process-digest-dispatcher';
import {
  ensureSourcePollQueues,
  ensureTable,
  ensureWorkQueues,
  freePort,
  type LocalStack,
  type LocalStackOptions,
  startLocalStack,
  type WorkQueueUrls,
} from './local-stack';
import { type QueuePoller, startQueuePoller } from './queue-poller';

/** The delivery queue's name; its dead-letter queue is `${name}-dlq`. */
export const LOCAL_DELIVERY_QUEUE = 'mujaz-deliveries';
/** The subscribe requests' queue; its dead-letter queue is `${name}-dlq`. */
export const LOCAL_SUBSCRIPTION_QUEUE = 'mujaz-subscriptions';
/** The import steps' queue; its dead-letter queue is `${name}-dlq`. */
export const LOCAL_IMPORT_QUEUE = 'mujaz-imports';
/** The source-polls FIFO queue: `${name}.fifo`, its dead-letter queue `${name}-dlq.fifo`. */
export const LOCAL_SOURCE_POLL_QUEUE = 'mujaz-source-polls';

export interface LocalRuntimeOptions extends LocalStackOptions {
  /** Port of the HTTP API; a free one when absent. */
  apiPort?: number;
  adminToken?: string;
  tokenSecret?: string;
  /** Every accepted message is written here as <messageId>.eml; nothing is kept in memory. */
  outboxDirectory?: string;
  /** The environment to read settings from (.env.example); local defaults fill in what it leaves out. */
  environment?: NodeJS.ProcessEnv;
  logger?: Logger;
  /**
   * Batches of readers the in-process deliver step handles at once; 0 runs no deliver step here (another process
   * consumes the queue, as a test that kills it mid-batch needs). 4 when absent.
   */
  deliveryWorkers?: number;
  /**
   * How often the finder queues due sources, as the schedule does in AWS: every minute when absent; 0 never (a
   * test runs runtime.finder itself). Polls are consumed whenever the deliver step runs (deliveryWorkers > 0).
   */
  findDueEveryMs?: number;
  /** Where uploaded lists wait for the import worker (the stack's S3 bucket); a fresh temporary folder when absent. */
  importFolder?: string;
  /**
   * How long an import step's message stays hidden once received: a step that died comes back after it. 30 s when
   * absent; a test of a crash sets a few seconds.
   */
  importVisibilitySeconds?: number;
}

export interface LocalRuntime {
  apiUrl: string;
  inboxUrl: string;
  sesEndpoint: string;
  adminToken: string;
  config: MujazConfig & FeedConfig;
  deliveryQueues: WorkQueueUrls;
  sourcePollQueues: WorkQueueUrls;
  /** The operator's feed sources, as the /sources routes run them. */
  sources: SourceUseCases;
  /** What the scheduled finder does: queue the due sources. */
  finder: SourceFinder;
  /** What the poll function does with one message. */
  poller: SourcePoller;
  subscriptionQueues: WorkQueueUrls;
  importQueues: WorkQueueUrls;
  /** Imports as jobs, as the admin routes run them. */
  imports: ImportUseCases;
  /** The import worker's batch handler, as the import function runs it. */
  handleImportBatch: QueueBatchHandler;
  importFolder: string;
  mujaz: UseCases;
  app: Hono;
  stop(): Promise<void>;
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const logger = options.logger ?? consoleLogger('mujaz-local');
  const apiPort = options.apiPort ?? (await freePort());
  const stack: LocalStack = await startLocalStack(options);
  try {
    const environment = options.environment ?? {};
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // The queue's visibility follows the deliver step's timeout, which the config reads: read it, then make the queue.
    const draft = readLocalStackConfig(environment, apiUrl, {
      deliveryQueueUrl: `${stack.sqsEndpoint}/queue/${LOCAL_DELIVERY_QUEUE}`,
      subscriptionQueueUrl: `${stack.sqsEndpoint}/queue/${LOCAL_SUBSCRIPTION_QUEUE}`,
    });
    const visibility = visibilityTimeoutSeconds(draft.deliverTimeoutSeconds);
    const deliveryQueues = await ensureWorkQueues(stack, LOCAL_DELIVERY_QUEUE, visibility);
    const subscriptionQueues = await ensureWorkQueues(stack, LOCAL_SUBSCRIPTION_QUEUE, visibility);
    const importQueues = await ensureWorkQueues(stack, LOCAL_IMPORT_QUEUE, options.importVisibilitySeconds ?? 30);
    // The poll queue's visibility is the poll function's, as in AWS: a poll that dies comes back only after it.
    const sourcePollQueues = await ensureSourcePollQueues(
      stack,
      LOCAL_SOURCE_POLL_QUEUE,
      pollVisibilitySeconds(sourcePollQueue.pollTimeoutSeconds),
    );
    const config: MujazConfig & FeedConfig = {
      ...draft,
      deliveryQueueUrl: deliveryQueues.queueUrl,
      subscriptionQueueUrl: subscriptionQueues.queueUrl,
      ...readFeedConfig({ [ENVIRONMENT_VARIABLES.sourcePollQueueUrl]: sourcePollQueues.queueUrl, ...environment }),
    };
    await ensureTable(stack, config.tableName);

    const outbox = options.outboxDirectory;
    if (outbox) mkdirSync(outbox, { recursive: true });
    // On disk only: the SES endpoint's store holds every message too, and a long send must not grow this process.
    const onMailSent = outbox
      ? async (raw: Buffer, messageId: string) => writeFileSync(join(outbox, `${messageId}.eml`), raw)
      : undefined;
    const clients = createAwsClients({
      region: stack.region,
      credentials: stack.credentials,
      dynamoEndpoint: stack.dynamoEndpoint,
      sesEndpoint: stack.sesEndpoint,
      sqsEndpoint: stack.sqsEndpoint,
    });
    const tokenSecret = options.tokenSecret ?? randomBytes(32).toString('base64url');
    const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
    const composition = {
      logger,
      // What Lambda publishes to CloudWatch, here a log line each.
      metrics: loggerMetrics(logger),
      // Locally the templates are compiled at start, by the same function the build runs.
      emailTemplates: await compileEmailTemplates(config.templatesDirectory),
      ...(onMailSent ? { onMailSent } : {}),
    };
    // Every function's use cases over one set of adapters on the local stack: the API serves the readers' and the
    // operator's, the dispatcher runs sends as the send function would, the pollers feed the queue worker.
    const deps = awsMujazDeps(config, { tokenSecret }, clients, composition);
    const mujaz = composeUseCases(deps, config);
    const handleBatch = composeQueueBatchHandler(deps, config);
    const dispatcher = new InProcessDigestDispatcher(mujaz, logger);
    // Feeds over the same table and intake: the sources function's use cases, the finder's, the poll function's.
    const feedDeps = awsFeedDeps(config, clients, { logger, metrics: composition.metrics });
    const sources = composeSourceUseCases(feedDeps);
    const finder = composeSourceFinder(feedDeps);
    const poller = composeSourcePoller(feedDeps);
    const importFolder = options.importFolder ?? mkdtempSync(join(tmpdir(), 'mujaz-imports-'));
    const importDeps = awsImportDeps(
      { ...config, importQueueUrl: importQueues.queueUrl },
      clients,
      { folder: importFolder },
      { logger },
    );
    const imports = composeImportUseCases(importDeps);
    const handleImportBatch = composeImportBatchHandler(importDeps);
    const workers = options.deliveryWorkers ?? 4;
    // Confirmations have a poller of their own, as they have a queue of their own: a big send never holds them back.
    const pollers: QueuePoller[] =
      workers > 0
        ? [
            startQueuePoller({ sqs: clients.sqs, queueUrl: config.deliveryQueueUrl, handleBatch, workers, logger }),
            startQueuePoller({
              sqs: clients.sqs,
              queueUrl: config.subscriptionQueueUrl,
              handleBatch,
              workers: 1,
              logger,
            }),
            // Imports as the import function runs them: a step a batch, a few at once.
            startQueuePoller({
              sqs: clients.sqs,
              queueUrl: importQueues.queueUrl,
              handleBatch: handleImportBatch,
              workers: importQueue.maxConcurrency,
              batchSize: importQueue.batchSize,
              logger,
            }),
            // Polls one at a time per host (the FIFO group), two hosts at once.
            startQueuePoller({
              sqs: clients.sqs,
              queueUrl: config.sourcePollQueueUrl,
              handleBatch: sourcePollBatchHandler(poller, logger),
              workers: 2,
              batchSize: sourcePollQueue.batchSize,
              logger,
            }),
          ]
        : [];
    const findEveryMs = options.findDueEveryMs ?? 60_000;
    const findDue = () =>
      finder
        .queueDueSources()
        .catch((error: unknown) =>
          logger.error('finding due sources failed', { error: error instanceof Error ? error.name : 'unknown' }),
        );
    const finderTimer = findEveryMs > 0 ? setInterval(findDue, findEveryMs) : undefined;
    const app = createCombinedApiApp({
      mujaz,
      imports,
      dispatcher,
      adminToken,
      newsletter: config.newsletter,
      timeZone: config.timeZone,
      logger,
      clientAddress: (c) => getConnInfo(c).remote.address,
      links: publicLinks(config.publicBaseUrl),
      sources,
      console: composeConsoleUseCases(deps, config),
    });
    const server = await listen(app, apiPort);

    return {
      apiUrl: `http://127.0.0.1:${apiPort}`,
      inboxUrl: `${stack.sesEndpoint}/`,
      sesEndpoint: stack.sesEndpoint,
      adminToken,
      config,
      deliveryQueues,
      subscriptionQueues,
      importQueues,
      imports,
      handleImportBatch,
      importFolder,
      sourcePollQueues,
      sources,
      finder,
      poller,
      mujaz,
      app,
      stop: async () => {
        if (finderTimer) clearInterval(finderTimer);
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await dispatcher.settled();
        await Promise.all(pollers.map((poller) => poller.stop()));
        clients.dynamo.destroy();
        clients.ses.destroy();
        clients.sqs.destroy();
        await stack.stop();
      },
    };
  } catch (error) {
    await stack.stop();
    throw error;
  }
}

function listen(app: Hono, port: number): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(server));
    server.once('error', reject);
  });
}
