// `npm run bench` (delivery part): figures, never assertions.
//  1. An end-to-end local send through the whole path — imported readers in DynamoDB Local, the send function's
//     fan-out into the local SQS queue, the deliver step's batch handler (the local poller, as Lambda's event
//     source would), the shared pacer, SES's endpoint behind a proxy that refuses a share of calls with SES's own
//     `Throttling` and another with a 503 — at the rate capped at R: elapsed against N/R, the busiest second as SES
//     saw it (calls made, calls accepted: a refused call still counts against SES's rate, so calls must stay within
//     R, not only acceptances), duplicates and readers lost (counted on SES's side, at the proxy).
//  2. Composing a 60-report Arabic edition (take, render, fit under Gmail's clipping size, freeze), its HTML as
//     transmitted, and personalized MIME messages of it per second on one core.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../lambdas/adapters/aws-clients';
import { compileEmailTemplates } from '../lambdas/adapters/mjml-template-compiler';
import { composeMime } from '../lambdas/adapters/ses-mailer';
import { visibilityTimeoutSeconds } from '../lambdas/adapters/work-queue-definition';
import { awsMujazDeps } from '../lambdas/composition/aws-mail-adapters';
import { composeUseCases } from '../lambdas/composition/compose-use-cases';
import { readConfig } from '../lambdas/composition/config';
import { composeQueueBatchHandler } from '../lambdas/composition/queue-batch-handler';
import { personalizeDigest, transmittedBytes } from '../lambdas/core/domain/digest';
import { publicLinks } from '../lambdas/core/domain/links';
import { listUnsubscribeHeaders } from '../lambdas/core/domain/list-unsubscribe';
import type { Logger } from '../lambdas/core/ports/logger';
import type { Metrics } from '../lambdas/core/ports/metrics';
import {
  ensureTable,
  ensureWorkQueues,
  type LocalStack,
  silenceSdkNodeVersionWarning,
  startLocalStack,
} from '../lambdas/local/local-stack';
import { startQueuePoller } from '../lambdas/local/queue-poller';

const ROOT = join(__dirname, '..');
const SAMPLE = readFileSync(join(ROOT, 'samples', 'report-ar.txt'), 'utf8');

/**
 * The run's size and rate: MUJAZ_BENCH_READERS, MUJAZ_BENCH_RATE, and the shares of SES calls refused with
 * Throttling (MUJAZ_BENCH_THROTTLED) and with a 503 (MUJAZ_BENCH_UNAVAILABLE).
 */
const READERS = Number(process.env.MUJAZ_BENCH_READERS ?? 10_000);
const RATE = Number(process.env.MUJAZ_BENCH_RATE ?? 100);
const THROTTLED = Number(process.env.MUJAZ_BENCH_THROTTLED ?? 0.15);
const UNAVAILABLE = Number(process.env.MUJAZ_BENCH_UNAVAILABLE ?? 0.05);
const WORKERS = Number(process.env.MUJAZ_BENCH_WORKERS ?? 10);

/** Remembers when each message of interest was logged; says nothing. */
function timingLogger(marks: Map<string, number>): Logger {
  const mark = (message: string) => {
    if (!marks.has(message)) marks.set(message, performance.now());
  };
  return { info: mark, warn: mark, error: mark };
}

/** The bench measures time, not business events. */
const uncounted: Metrics = { count: () => undefined };

async function composeMujaz(stack: LocalStack, sesEndpoint: string, name: string, marks: Map<string, number>) {
  const tableName = `bench-${name}-${randomBytes(3).toString('hex')}`;
  await ensureTable(stack, tableName);
  const deliverTimeoutSeconds = 30;
  const queues = await ensureWorkQueues(stack, tableName, visibilityTimeoutSeconds(deliverTimeoutSeconds));
  const config = readConfig({
    MUJAZ_TABLE_NAME: tableName,
    MUJAZ_DELIVERY_QUEUE_URL: queues.queueUrl,
    MUJAZ_SUBSCRIPTION_QUEUE_URL: queues.queueUrl,
    MUJAZ_DELIVERY_TIMEOUT_SECONDS: String(deliverTimeoutSeconds),
    MUJAZ_PUBLIC_BASE_URL: 'https://mujaz.example',
    MUJAZ_FROM_ADDRESS: 'موجز <digest@example.com>',
    MUJAZ_TIME_ZONE: 'Asia/Riyadh',
    MUJAZ_SEND_RATE: String(RATE),
  });
  const clients = createAwsClients({
    region: stack.region,
    credentials: stack.credentials,
    dynamoEndpoint: stack.dynamoEndpoint,
    sesEndpoint,
    sqsEndpoint: stack.sqsEndpoint,
  });
  const secrets = { tokenSecret: randomBytes(32).toString('hex') };
  const composition = {
    logger: timingLogger(marks),
    metrics: uncounted,
    emailTemplates: await compileEmailTemplates(config.templatesDirectory),
  };
  const deps = awsMujazDeps(config, secrets, clients, composition);
  return { mujaz: composeUseCases(deps, config), handleBatch: composeQueueBatchHandler(deps, config), clients, config };
}

/** The SES fault proxy in a process of its own (bench/ses-proxy-process.ts). */
async function startProxyProcess(upstream: string): Promise<{ endpoint: string; stats: string; stop(): void }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'ses-proxy-process.ts'),
      JSON.stringify({ upstream, throttled: THROTTLED, unavailable: UNAVAILABLE }),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const { endpoint, stats } = JSON.parse(line.toString('utf8')) as { endpoint: string; stats: string };
  return { endpoint, stats, stop: () => child.stdin.end() };
}

interface ProxyStats {
  attempts: Array<[number, number]>;
  accepted: Array<[number, number]>;
  perRecipient: Record<string, number>;
  refused: number;
}

async function benchEndToEnd(stack: LocalStack): Promise<void> {
  const proxy = await startProxyProcess(stack.sesEndpoint);
  const marks = new Map<string, number>();
  const { mujaz, handleBatch, clients, config } = await composeMujaz(stack, proxy.endpoint, 'send', marks);
  try {
    const readers = Array.from({ length: READERS }, (_, index) => `bench-${index}@example.com`);
    let started = performance.now();
    const rows = readers.map((email, index) => ({ line: index + 2, email, confirmedAt: '2025-01-01T00:00:00Z' }));
    for (let start = 0; start < rows.length; start += 1_000)
      await mujaz.importSubscribers(rows.slice(start, start + 1_000));
    const importSeconds = (performance.now() - started) / 1000;
    await mujaz.ingestReport({ plainText: SAMPLE });

    const poller = startQueuePoller({
      sqs: clients.sqs,
      queueUrl: config.deliveryQueueUrl,
      handleBatch,
      workers: WORKERS,
      logger: timingLogger(new Map()),
    });
    started = performance.now();
    const summary = await mujaz.sendDigest();
    const queuedSeconds = (performance.now() - started) / 1000;
    let progress = await mujaz.digestProgress(summary.edition!);
    while (progress.state !== 'done') {
      await new Promise((resolve) => setTimeout(resolve, 250));
      progress = await mujaz.digestProgress(summary.edition!);
    }
    const elapsed = (performance.now() - started) / 1000;
    await poller.stop();

    const stats = (await (await fetch(proxy.stats)).json()) as ProxyStats;
    const { Items: seconds = [] } = await clients.dynamo.send(
      new QueryCommand({
        TableName: config.tableName,
        KeyConditionExpression: 'pk = :pacer',
        ExpressionAttributeValues: { ':pacer': 'PACER#ses' },
      }),
    );
    const mostGranted = Math.max(...seconds.map((item) => Number(item.taken ?? 0)));
    const held = seconds.reduce((sum, item) => sum + Number(item.taken ?? 0), 0);
    const ideal = READERS / RATE;
    // Every call SES answers takes a place in the rate, a refused one too: the send cannot be quicker than this.
    const floor = READERS / ((1 - THROTTLED - UNAVAILABLE) * RATE);
    const acceptedIn = new Map(stats.accepted);
    const [busiestSecond, busiestAttempts] = stats.attempts.reduce((most, entry) =>
      entry[1] > most[1] ? entry : most,
    );
    const mostAccepted = Math.max(...stats.accepted.map(([, count]) => count));
    const duplicates = Object.values(stats.perRecipient).filter((count) => count > 1).length;
    const lost = readers.filter((reader) => !(reader in stats.perRecipient)).length;
    const calls = stats.attempts.reduce((sum, [, count]) => sum + count, 0);
    console.log(
      `End-to-end local send: ${READERS} imported readers (import ${importSeconds.toFixed(1)} s), R = ${RATE}/s, ${(THROTTLED * 100).toFixed(0)} % of SES calls refused with Throttling and ${(UNAVAILABLE * 100).toFixed(0)} % with a 503, ${WORKERS} deliver batches at once`,
    );
    console.log(
      `  elapsed ${elapsed.toFixed(1)} s = ${(elapsed / ideal).toFixed(2)} × N/R (N/R = ${ideal.toFixed(0)} s; fan-out into SQS took ${queuedSeconds.toFixed(1)} s); the refused calls' places make the floor N/((1 − refused share) × R) = ${floor.toFixed(0)} s, target ≤ 1.2 × that`,
    );
    console.log(
      `  busiest second at SES: ${busiestAttempts} calls, ${acceptedIn.get(busiestSecond) ?? 0} accepted; most accepted in one second: ${mostAccepted}; most places held in one second at the pacer: ${mostGranted} (R = ${RATE}; every call SES answers keeps its place, and a tenth is kept for confirmations through each second's first half, then released to digests)`,
    );
    if (process.env.MUJAZ_BENCH_SECONDS) {
      console.log(`  calls per second: ${stats.attempts.map(([, count]) => count).join(' ')}`);
      console.log(`  accepted per second: ${stats.accepted.map(([, count]) => count).join(' ')}`);
    }
    console.log(
      `  SES calls ${calls}, refused ${stats.refused}; places held at the pacer ${held} (every call SES got holds one: no more calls than places in any second); duplicates ${duplicates}, lost ${lost}; counts ${JSON.stringify(progress.counts)}`,
    );
  } finally {
    clients.dynamo.destroy();
    clients.ses.destroy();
    clients.sqs.destroy();
    proxy.stop();
  }
}

async function benchSixtyReports(stack: LocalStack): Promise<void> {
  const marks = new Map<string, number>();
  const { mujaz, clients } = await composeMujaz(stack, stack.sesEndpoint, 'sixty', marks);
  try {
    const [title, lede, ...paragraphs] = SAMPLE.trim().split('\n');
    const batch = Array.from({ length: 60 }, (_, index) => ({
      title: `${title} (${index + 1})`,
      lede,
      text: [...paragraphs.slice(index % 5), ...paragraphs.slice(0, index % 5)].join('\n'),
    }));
    await mujaz.ingestReportBatch(batch);
    // What the send will freeze: the same reports, fitted the same way.
    const preview = await mujaz.previewDigest();
    const started = performance.now();
    await mujaz.sendDigest();
    const composedAt = marks.get('edition composed') ?? performance.now();
    console.log(
      `60-report Arabic edition: composed (taken, rendered, fitted, frozen) in ${(composedAt - started).toFixed(0)} ms on DynamoDB Local; ${preview.featured} in full, ${preview.headlines} as headlines, ${preview.reports - preview.featured - preview.headlines} counted; HTML ${Buffer.byteLength(preview.html)} bytes, ${transmittedBytes(preview.html)} as transmitted (Gmail clips above ~102,000)`,
    );

    let largest = 0;
    const build = async (index: number) => {
      const url = publicLinks('https://mujaz.example').unsubscribeUrl(randomBytes(16).toString('base64url'));
      const personal = personalizeDigest(preview, url);
      const mime = await composeMime('موجز <digest@example.com>', {
        to: `reader${index}@example.com`,
        ...personal,
        headers: listUnsubscribeHeaders(url),
      });
      largest = Math.max(largest, mime.length);
    };
    // Steady state, as in a deliver invocation that has built a few hundred already: JIT warm.
    for (let index = 0; index < 300; index += 1) await build(index);
    const recipients = 3_000;
    const begun = performance.now();
    for (let index = 0; index < recipients; index += 1) await build(index);
    const perSecond = recipients / ((performance.now() - begun) / 1000);
    console.log(
      `  personalized MIME of it: ${perSecond.toFixed(0)} messages/s on one core (target ≥ 1,000); ${(largest / 1024).toFixed(0)} KB per message`,
    );
  } finally {
    clients.dynamo.destroy();
    clients.ses.destroy();
    clients.sqs.destroy();
  }
}

export async function benchDelivery(): Promise<void> {
  silenceSdkNodeVersionWarning(process.env);
  const stack = await startLocalStack();
  try {
    await benchSixtyReports(stack);
    await benchEndToEnd(stack);
  } finally {
    await stack.stop();
  }
}

if (require.main === module) {
  benchDelivery().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
