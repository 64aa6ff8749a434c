// Local runtime: starts DynamoDB Local, the SES stand-in and the SQS stand-in, waits until each answers, creates the
// table and the delivery queues from the same definitions the CDK stack uses, and stops them all on demand. Used by
// `demo`, `dev` and jest's global setup.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CreateTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceInUseException,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { CreateQueueCommand, GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createTableInput, mujazTable } from '../adapters/dynamo-table-definition';
import { sourcePollQueue } from '../adapters/source-poll-queue-definition';
import { workQueue } from '../adapters/work-queue-definition';
import type { ServiceSpec } from './service-host';

/** Local endpoints accept any credentials; fixed ones keep every client on the same (shared) database. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_REGION = 'us-east-1';

/** The AWS SDK warns about Node 20 from every client; locally that is noise, not news. */
export function silenceSdkNodeVersionWarning(env: NodeJS.ProcessEnv): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

export interface LocalStackOptions {
  /** Port for DynamoDB Local; a free one when absent. */
  dynamoPort?: number;
  /** Port for the SES endpoint; a free one when absent. */
  sesPort?: number;
  /** Port for the SQS endpoint; a free one when absent. */
  sqsPort?: number;
  /** Use these running services instead of starting them; the stack never stops what it did not start. */
  running?: { dynamoEndpoint?: string; sesEndpoint?: string; sqsEndpoint?: string };
  /** Keep DynamoDB data in this directory across runs; in memory when absent. */
  dynamoDataDirectory?: string;
  startTimeoutMs?: number;
}

export interface LocalStack {
  dynamoEndpoint: string;
  sesEndpoint: string;
  sqsEndpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  stop(): Promise<void>;
}

export class LocalStackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocalStackError';
  }
}

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const running = options.running ?? {};
  if (!running.dynamoEndpoint) assertJava();
  const timeoutMs = options.startTimeoutMs ?? 60_000;
  if (options.dynamoDataDirectory && !running.dynamoEndpoint) {
    mkdirSync(options.dynamoDataDirectory, { recursive: true });
  }

  const hosts: ServiceHost[] = [];
  const stop = async () => {
    await Promise.all(hosts.map((host) => host.stop()));
  };
  /** The running service's endpoint, or one started here on the given (or a free) port. */
  const provide = async (
    name: string,
    given: string | undefined,
    spec: (port: number) => ServiceSpec,
    port: number | undefined,
    answers: (endpoint: string) => Promise<boolean>,
  ): Promise<string> => {
    if (given) {
      // Already running or not there at all: no reason to wait as long as for a service starting up.
      await waitFor(`${name} at ${given}`, undefined, Math.min(timeoutMs, 5_000), () => answers(given));
      return given;
    }
    const chosen = port ?? (await freePort());
    const host = startHost(spec(chosen));
    hosts.push(host);
    const endpoint = `http://127.0.0.1:${chosen}`;
    await waitFor(name, host, timeoutMs, () => answers(endpoint));
    return endpoint;
  };
  try {
    const [dynamoEndpoint, sesEndpoint, sqsEndpoint] = await Promise.all([
      provide(
        'DynamoDB Local',
        running.dynamoEndpoint,
        (port) => ({
          service: 'dynamodb',
          port,
          ...(options.dynamoDataDirectory ? { dataDirectory: options.dynamoDataDirectory } : {}),
        }),
        options.dynamoPort,
        dynamoAnswers,
      ),
      provide(
        'the SES endpoint',
        running.sesEndpoint,
        (port) => ({ service: 'ses', port }),
        options.sesPort,
        async (endpoint) => (await fetch(`${endpoint}/health-check`)).ok,
      ),
      provide(
        'the SQS endpoint',
        running.sqsEndpoint,
        (port) => ({ service: 'sqs', port }),
        options.sqsPort,
        sqsAnswers,
      ),
    ]);
    return {
      dynamoEndpoint,
      sesEndpoint,
      sqsEndpoint,
      region: LOCAL_REGION,
      credentials: { ...LOCAL_CREDENTIALS },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Creates the table (and its TTL) unless it exists: persisted dev data survives restarts. */
export async function ensureTable(
  stack: Pick<LocalStack, 'dynamoEndpoint' | 'region' | 'credentials'>,
  tableName: string,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: stack.dynamoEndpoint,
    region: stack.region,
    credentials: stack.credentials,
  });
  try {
    try {
      await client.send(new CreateTableCommand(createTableInput(tableName)));
    } catch (error) {
      if (error instanceof ResourceInUseException) return;
      throw error;
    }
    await waitUntilTableExists({ client, minDelay: 1, maxDelay: 1, maxWaitTime: 20 }, { TableName: tableName });
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: mujazTable.timeToLiveAttribute, Enabled: true },
      }),
    );
  } finally {
    client.destroy();
  }
}

export interface WorkQueueUrls {
  queueUrl: string;
  deadLetterQueueUrl: string;
}

/**
 * Creates the delivery queue `name` and its dead-letter queue (`name-dlq`) unless they exist, with the redrive
 * policy the CDK stack gives them; a short visibility timeout keeps local retries quick.
 */
export async function ensureWorkQueues(
  stack: Pick<LocalStack, 'sqsEndpoint' | 'region' | 'credentials'>,
  name: string,
  visibilityTimeoutSeconds = 2,
): Promise<WorkQueueUrls> {
  const client = new SQSClient({ endpoint: stack.sqsEndpoint, region: stack.region, credentials: stack.credentials });
  try {
    const dead = await client.send(
      new CreateQueueCommand({
        QueueName: `${name}-dlq`,
        Attributes: { MessageRetentionPeriod: String(workQueue.deadLetterRetentionSeconds) },
      }),
    );
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: dead.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: name,
        Attributes: {
          VisibilityTimeout: String(visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: Attributes?.QueueArn,
            maxReceiveCount: workQueue.maxReceiveCount,
          }),
        },
      }),
    );
    return { queueUrl: queue.QueueUrl!, deadLetterQueueUrl: dead.QueueUrl! };
  } finally {
    client.destroy();
  }
}

/**
 * The source-polls FIFO queue and its FIFO dead-letter queue, made if absent (`${name}.fifo`, `${name}-dlq.fifo`),
 * from the definition the CDK stack uses; no content-based deduplication: each poll names its own.
 */
export async function ensureSourcePollQueues(
  stack: Pick<LocalStack, 'sqsEndpoint' | 'region' | 'credentials'>,
  name: string,
  visibilityTimeoutSeconds = 10,
): Promise<WorkQueueUrls> {
  const client = new SQSClient({ endpoint: stack.sqsEndpoint, region: stack.region, credentials: stack.credentials });
  try {
    const dead = await client.send(
      new CreateQueueCommand({
        QueueName: `${name}-dlq.fifo`,
        Attributes: { FifoQueue: 'true', MessageRetentionPeriod: String(sourcePollQueue.deadLetterRetentionSeconds) },
      }),
    );
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: dead.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const queue = await client.send(
      new CreateQueueCommand({
        QueueName: `${name}.fifo`,
        Attributes: {
          FifoQueue: 'true',
          VisibilityTimeout: String(visibilityTimeoutSeconds),
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: Attributes?.QueueArn,
            maxReceiveCount: sourcePollQueue.maxReceiveCount,
          }),
        },
      }),
    );
    return { queueUrl: queue.QueueUrl!, deadLetterQueueUrl: dead.QueueUrl! };
  } finally {
    client.destroy();
  }
}

interface ServiceHost {
  name: string;
  exited: Promise<string>;
  output(): string;
  stop(): Promise<void>;
}

const HOST_SCRIPT = join(__dirname, 'service-host.ts');

function startHost(spec: ServiceSpec): ServiceHost {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', pathToFileURL(require.resolve('tsx')).href, HOST_SCRIPT, JSON.stringify(spec)],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      // A process group of its own, out of reach of a terminal's Ctrl-C: that goes to the runtime, which stops its
      // queue pollers first and then its services (the pipe closing), instead of the services going first under
      // pollers still asking them for work.
      detached: true,
      env: { ...process.env, SMTP_TRANSPORT: '' },
    },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(`${signal ?? code}`)));
  return {
    name: spec.service,
    exited,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin?.end();
      await exited;
    },
  };
}

/** Waits until the service answers; `host` is the process we started for it, undefined for a running one. */
async function waitFor(
  name: string,
  host: ServiceHost | undefined,
  timeoutMs: number,
  answers: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: string | undefined;
  void host?.exited.then((code) => (exitedWith = code));
  const lastOutput = () => host?.output().trim().split('\n').slice(-5).join(' | ') ?? 'not started here';
  while (Date.now() < deadline) {
    if (exitedWith !== undefined)
      throw new LocalStackError(`${name} stopped while starting (exit ${exitedWith}): ${lastOutput()}`);
    if (await answers().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new LocalStackError(`${name} did not answer within ${timeoutMs} ms: ${lastOutput()}`);
}

async function dynamoAnswers(endpoint: string): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1_000) });
    return true;
  } finally {
    client.destroy();
  }
}

async function sqsAnswers(endpoint: string): Promise<boolean> {
  const client = new SQSClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  try {
    await client.send(new ListQueuesCommand({}), { abortSignal: AbortSignal.timeout(1_000) });
    return true;
  } finally {
    client.destroy();
  }
}

function assertJava(): void {
  // One start of java says both: its version (java.base@17…), and whether it can run a source file (jdk.compiler),
  // which is how DynamoDB Local is started (service-host.ts). Java 8 and older know no modules, and fail here.
  const result = spawnSync('java', ['--list-modules'], { encoding: 'utf8', env: process.env });
  if (result.error) {
    throw new LocalStackError(
      'DynamoDB Local needs Java 17 or newer and `java` is not on PATH: install it (Debian/Ubuntu: apt-get install openjdk-17-jre-headless).',
    );
  }
  const major = Number(/^java\.base@(\d+)/mu.exec(result.stdout)?.[1]);
  if (!(major >= 17)) {
    throw new LocalStackError(
      `DynamoDB Local needs Java 17 or newer; \`java\` is version ${Number.isFinite(major) ? major : '8 or older'}: install openjdk-17-jre-headless.`,
    );
  }
  if (!/^jdk\.compiler@/mu.test(result.stdout)) {
    throw new LocalStackError(
      'DynamoDB Local is started from a Java source file, which needs the jdk.compiler module: install a JDK 17 (Debian/Ubuntu: openjdk-17-jre-headless carries it too).',
    );
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
