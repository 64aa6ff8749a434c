// Test support: the local DynamoDB and SES started by global setup, a fresh table per test file, and a Mujaz
// built by the very composition the Lambda handlers use.
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Hono } from 'hono';
import { type AwsClients, createAwsClients } from '../../lambdas/adapters/aws-clients';
import { visibilityTimeoutSeconds } from '../../lambdas/adapters/work-queue-definition';
import { awsFeedDeps } from '../../lambdas/composition/aws-feed-adapters';
import { awsImportDeps } from '../../lambdas/composition/aws-import-adapters';
import { awsMujazDeps } from '../../lambdas/composition/aws-mail-adapters';
import { composeConsoleUseCases } from '../../lambdas/composition/compose-console-use-cases';
import {
  composeImportBatchHandler,
  composeImportUseCases,
  type ImportJobDeps,
  type ImportUseCases,
} from '../../lambdas/composition/compose-import-worker';
import { composeSourceFinder, type SourceFinder } from '../../lambdas/composition/compose-source-finder';
import {
  composeSourcePoller,
  type SourcePollBatchHandler,
  type SourcePoller,
  sourcePollBatchHandler,
} from '../../lambdas/composition/compose-source-poller';
import { composeSourceUseCases, type SourceUseCases } from '../../lambdas/composition/compose-source-use-cases';
import { composeUseCases, type UseCases } from '../../lambdas/composition/compose-use-cases';
import { type MujazConfig, readConfig } from '../../lambdas/composition/config';
import { composeQueueBatchHandler, type QueueBatchHandler } from '../../lambdas/composition/queue-batch-handler';
import type { ConsoleUseCases } from '../../lambdas/core/console-use-cases';
import { publicLinks } from '../../lambdas/core/domain/links';
import type { Clock } from '../../lambdas/core/ports/clock';
import type { WebFetcher } from '../../lambdas/core/ports/web-fetcher';
import type { DigestProgress } from '../../lambdas/core/use-cases/digest-progress';
import { createCombinedApiApp } from '../../lambdas/http/combined-api-app';
import { InProcessDigestDispatcher } from '../../lambdas/local/in-process-digest-dispatcher';
import {
  ensureSourcePollQueues,
  ensureTable,
  ensureWorkQueues,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  type WorkQueueUrls,
} from '../../lambdas/local/local-stack';
import { type QueuePoller, startQueuePoller, toSqsEvent } from '../../lambdas/local/queue-poller';
import { InMemoryMetrics } from './in-memory-metrics';
import { compiledTemplates } from './real-renderer';
import { silentLogger } from './silent-logger';

export const TEST_TOKEN_SECRET = 'test-token-secret-that-is-long-enough-0123456789';
export const TEST_BASE_URL = 'https://api.mujaz.test';

export interface LocalServices {
  dynamoEndpoint: string;
  sesEndpoint: string;
  sqsEndpoint: string;
}

export function localServices(): LocalServices {
  const dynamoEndpoint = process.env.MUJAZ_TEST_DYNAMODB_ENDPOINT;
  const sesEndpoint = process.env.MUJAZ_TEST_SES_ENDPOINT;
  const sqsEndpoint = process.env.MUJAZ_TEST_SQS_ENDPOINT;
  if (!dynamoEndpoint || !sesEndpoint || !sqsEndpoint)
    throw new Error('The local stack is not running: integration tests need the jest global setup');
  return { dynamoEndpoint, sesEndpoint, sqsEndpoint };
}

/** Clients of the local services; `sesEndpoint` may point at something standing in front of SES (a fault proxy). */
export function localClients(overrides: { sesEndpoint?: string } = {}): AwsClients {
  const { dynamoEndpoint, sesEndpoint, sqsEndpoint } = { ...localServices(), ...overrides };
  return createAwsClients({
    region: LOCAL_REGION,
    credentials: { ...LOCAL_CREDENTIALS },
    dynamoEndpoint,
    sesEndpoint,
    sqsEndpoint,
  });
}

/** A new, empty table made from the shared table definition. */
export async function createTestTable(prefix: string): Promise<string> {
  const tableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  await ensureTable(
    { dynamoEndpoint: localServices().dynamoEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } },
    tableName,
  );
  return tableName;
}

/** New, empty delivery queues (and their dead-letter queue) on the local SQS endpoint. */
export async function createTestQueues(prefix: string, visibilitySeconds: number): Promise<WorkQueueUrls> {
  return ensureWorkQueues(
    { sqsEndpoint: localServices().sqsEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } },
    `${prefix}-${randomUUID().slice(0, 8)}`,
    visibilitySeconds,
  );
}

export interface TestMujaz {
  mujaz: UseCases;
  /** Imports as jobs, over a fresh folder and import queue; the import worker polls it when delivery workers run. */
  imports: ImportUseCases;
  importDeps: ImportJobDeps;
  /** The import worker's batch handler, as the import function runs it. */
  handleImportBatch: QueueBatchHandler;
  importQueues: WorkQueueUrls;
  /** The console's sign-in and sessions over the same adapters (MUJAZ_OPERATORS in `environment` names operators). */
  console: ConsoleUseCases;
  /** The deliver step's batch handler, as the deliver function runs it. */
  handleBatch: QueueBatchHandler;
  queues: WorkQueueUrls;
  subscriptionQueues: WorkQueueUrls;
  config: MujazConfig;
  clients: AwsClients;
  /** What the use cases counted. */
  metrics: InMemoryMetrics;
  tableName: string;
  /** Polls GET /digests/{id}'s answer until the edition is done (or the time is up, and says where it stood). */
  untilDone(id: string, timeoutMs?: number): Promise<DigestProgress>;
  /**
   * Stops taking digest copies off the delivery queue (sign-in mail, confirmations and imports go on), so that an
   * edition stays sending until resumeDelivery: what a page shows mid-send, seen without a race.
   */
  holdDelivery(): Promise<void>;
  resumeDelivery(): void;
  close(): Promise<void>;
}

export interface TestMujazOptions {
  clock?: Clock;
  environment?: NodeJS.ProcessEnv;
  sesEndpoint?: string;
  /** Batches the in-process deliver step handles at once; 0: none (another process consumes the queue). */
  deliveryWorkers?: number;
  /** The import queue's visibility timeout: how soon a step that died comes back. 30 s when absent. */
  importVisibilitySeconds?: number;
}

export async function createTestMujaz(prefix: string, options: TestMujazOptions = {}): Promise<TestMujaz> {
  const tableName = await createTestTable(prefix);
  // A deliver step runs for seconds here, not a minute: claims go stale, and turns come back, that much sooner.
  const deliveryTimeoutSeconds = Number(options.environment?.MUJAZ_DELIVERY_TIMEOUT_SECONDS ?? 5);
  const queues = await createTestQueues(prefix, visibilityTimeoutSeconds(deliveryTimeoutSeconds));
  const subscriptionQueues = await createTestQueues(`${prefix}-subs`, visibilityTimeoutSeconds(deliveryTimeoutSeconds));
  const config = readConfig({
    MUJAZ_TABLE_NAME: tableName,
    MUJAZ_DELIVERY_QUEUE_URL: queues.queueUrl,
    MUJAZ_SUBSCRIPTION_QUEUE_URL: subscriptionQueues.queueUrl,
    MUJAZ_DELIVERY_TIMEOUT_SECONDS: String(deliveryTimeoutSeconds),
    MUJAZ_PUBLIC_BASE_URL: TEST_BASE_URL,
    MUJAZ_FROM_ADDRESS: 'موجز <digest@example.com>',
    MUJAZ_TIME_ZONE: 'Asia/Riyadh',
    // High enough that pacing never slows a test down; the pacing tests set their own.
    MUJAZ_SEND_RATE: '1000',
    ...options.environment,
  });
  const clients = localClients(options.sesEndpoint ? { sesEndpoint: options.sesEndpoint } : {});
  const metrics = new InMemoryMetrics();
  const composition = {
    logger: silentLogger,
    metrics,
    emailTemplates: await compiledTemplates(),
    ...(options.clock ? { clock: options.clock } : {}),
  };
  // The one graph the local runtime runs: every function's use cases over one set of adapters.
  const deps = awsMujazDeps(config, { tokenSecret: TEST_TOKEN_SECRET }, clients, composition);
  const mujaz = composeUseCases(deps, config);
  const handleBatch = composeQueueBatchHandler(deps, config);
  const importQueues = await createTestQueues(`${prefix}-imports`, options.importVisibilitySeconds ?? 30);
  const importDeps = awsImportDeps(
    { ...config, importQueueUrl: importQueues.queueUrl },
    clients,
    { folder: mkdtempSync(join(tmpdir(), 'mujaz-test-imports-')) },
    { logger: silentLogger, ...(options.clock ? { clock: options.clock } : {}) },
  );
  const imports = composeImportUseCases(importDeps);
  const handleImportBatch = composeImportBatchHandler(importDeps);
  const workers = options.deliveryWorkers ?? 2;
  const deliveryPoller = () =>
    startQueuePoller({ sqs: clients.sqs, queueUrl: queues.queueUrl, handleBatch, workers, logger: silentLogger });
  let delivery: QueuePoller | undefined = workers > 0 ? deliveryPoller() : undefined;
  const pollers: QueuePoller[] =
    workers > 0
      ? [
          startQueuePoller({
            sqs: clients.sqs,
            queueUrl: subscriptionQueues.queueUrl,
            handleBatch,
            workers,
            logger: silentLogger,
          }),
          startQueuePoller({
            sqs: clients.sqs,
            queueUrl: importQueues.queueUrl,
            handleBatch: handleImportBatch,
            workers,
            batchSize: 1,
            logger: silentLogger,
          }),
        ]
      : [];
  const untilDone = async (id: string, timeoutMs = 60_000): Promise<DigestProgress> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const progress = await mujaz.digestProgress(id);
      if (progress.state === 'done') return progress;
      if (Date.now() > deadline) throw new Error(`edition ${id} not done: ${JSON.stringify(progress)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    mujaz,
    imports,
    importDeps,
    handleImportBatch,
    importQueues,
    console: composeConsoleUseCases(deps, config),
    handleBatch,
    queues,
    subscriptionQueues,
    config,
    clients,
    metrics,
    tableName,
    untilDone,
    holdDelivery: async () => {
      await delivery?.stop();
      delivery = undefined;
    },
    resumeDelivery: () => {
      if (workers > 0 && delivery === undefined) delivery = deliveryPoller();
    },
    close: async () => {
      await Promise.all([...pollers, ...(delivery ? [delivery] : [])].map((poller) => poller.stop()));
      clients.dynamo.destroy();
      clients.ses.destroy();
      clients.sqs.destroy();
    },
  };
}

/** The Hono app over a TestMujaz, sends run in process: what the flow tests drive with app.request. */
export function apiAppOver(test: TestMujaz, adminToken: string, feeds?: Pick<TestFeeds, 'sources'>): Hono {
  return createCombinedApiApp({
    ...(feeds ? { sources: feeds.sources } : {}),
    mujaz: test.mujaz,
    imports: test.imports,
    dispatcher: new InProcessDigestDispatcher(test.mujaz, silentLogger),
    adminToken,
    newsletter: test.config.newsletter,
    timeZone: test.config.timeZone,
    logger: silentLogger,
    clientAddress: (c) => c.req.header('x-test-client') ?? '192.0.2.1',
    links: publicLinks(test.config.publicBaseUrl),
    console: test.console,
  });
}

/** A recipient address no other test uses, so each test reads only its own mail from the shared SES store. */
export function uniqueAddress(name: string): string {
  return `${name}-${randomUUID().slice(0, 8)}@example.com`;
}

export interface TestFeeds {
  sources: SourceUseCases;
  finder: SourceFinder;
  poller: SourcePoller;
  /** The poll function's batch handler, as the poll Lambda runs it. */
  handlePolls: SourcePollBatchHandler;
  pollQueues: WorkQueueUrls;
  /** Hands every queued poll to the poll handler until the queue is empty; returns how many were handled. */
  drainPolls(): Promise<number>;
  /** The adapters the feed functions are composed over, for a test that watches one of them. */
  deps: ReturnType<typeof awsFeedDeps>;
}

/**
 * Feeds over a TestMujaz's table and intake, as the sources, finder and poll functions compose them: the guarded
 * fetcher lets exactly `fetchAllow` (host:port of the test's own servers) through. Polls are handled when the test
 * says (drainPolls), so that each step's outcome is its own.
 */
export async function createTestFeeds(
  test: TestMujaz,
  options: { fetchAllow: string[]; clock?: Clock; fetcher?: WebFetcher },
): Promise<TestFeeds> {
  const pollQueues = await ensureSourcePollQueues(
    { sqsEndpoint: localServices().sqsEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } },
    `polls-${randomUUID().slice(0, 8)}`,
    30,
  );
  const config = { ...test.config, sourcePollQueueUrl: pollQueues.queueUrl, fetchAllow: options.fetchAllow };
  const deps = awsFeedDeps(config, test.clients, {
    logger: silentLogger,
    metrics: test.metrics,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.fetcher ? { fetcher: options.fetcher } : {}),
  });
  const poller = composeSourcePoller(deps);
  const handlePolls = sourcePollBatchHandler(poller, silentLogger);
  const drainPolls = async () => {
    let handled = 0;
    for (;;) {
      const { Messages = [] } = await test.clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: pollQueues.queueUrl, MaxNumberOfMessages: 1, AttributeNames: ['All'] }),
      );
      if (Messages.length === 0) return handled;
      const { batchItemFailures } = await handlePolls(toSqsEvent(Messages, pollQueues.queueUrl));
      if (batchItemFailures.length > 0) throw new Error('a poll failed on our side');
      await test.clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: pollQueues.queueUrl, ReceiptHandle: Messages[0]!.ReceiptHandle }),
      );
      handled += 1;
    }
  };
  return {
    sources: composeSourceUseCases(deps),
    finder: composeSourceFinder(deps),
    poller,
    handlePolls,
    pollQueues,
    drainPolls,
    deps,
  };
}
