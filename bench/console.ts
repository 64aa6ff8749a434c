// `npm run bench -- console`: the console's overview on a big list. 100,000 readers (MUJAZ_BENCH_CONSOLE_READERS)
// are loaded straight into DynamoDB Local, without counters, as an existing table would hold them; the counters'
// rebuild counts them in one pass; 50 editions with tallies are opened. Then consoleOverview() runs many times:
// its p50/p95 wall time, its own time (the wall time less the time a DynamoDB request was in flight) and the
// DynamoDB requests it made. Then the same for the console's pages, /console and /console/next (30 waiting reports),
// requested of the admin function's app in process by a signed-in operator: the session's check, the use case and
// the HTML. Figures only: nothing here asserts.
import { performance } from 'node:perf_hooks';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../lambdas/adapters/aws-clients';
import { DynamoDeliveryLedger } from '../lambdas/adapters/dynamo-delivery-ledger';
import { DynamoEditionStore } from '../lambdas/adapters/dynamo-edition-store';
import { DynamoSourceRepository } from '../lambdas/adapters/dynamo-source-repository';
import { itemOf } from '../lambdas/adapters/dynamo-subscriber-repository';
import { compileEmailTemplates } from '../lambdas/adapters/mjml-template-compiler';
import { awsMujazDeps } from '../lambdas/composition/aws-mail-adapters';
import { awsCountsRebuildDeps } from '../lambdas/composition/aws-table-adapters';
import { composeAdminUseCases } from '../lambdas/composition/compose-admin-use-cases';
import { composeConsoleUseCases } from '../lambdas/composition/compose-console-use-cases';
import { readConfig } from '../lambdas/composition/config';
import { forEachWithConcurrency } from '../lambdas/core/domain/concurrency';
import { pendingSubscriber, type Subscriber, unsubscribedSubscriber } from '../lambdas/core/domain/subscriber';
import type { Logger } from '../lambdas/core/ports/logger';
import { consoleOverview } from '../lambdas/core/use-cases/console-overview';
import { rebuildConsoleCounts } from '../lambdas/core/use-cases/rebuild-console-counts';
import { withConsole } from '../lambdas/http/admin-routes';
import { createAppBase } from '../lambdas/http/app-base';
import { ensureTable, silenceSdkNodeVersionWarning, startLocalStack } from '../lambdas/local/local-stack';

const READERS = Number(process.env.MUJAZ_BENCH_CONSOLE_READERS ?? 100_000);
const EDITIONS = 50;
const RUNS = 200;

export async function benchConsole(): Promise<void> {
  silenceSdkNodeVersionWarning(process.env);
  console.log(`\n## Console overview: ${READERS.toLocaleString('en')} readers, ${EDITIONS} editions, DynamoDB Local`);
  const stack = await startLocalStack();
  const clients = createAwsClients({
    region: stack.region,
    credentials: stack.credentials,
    dynamoEndpoint: stack.dynamoEndpoint,
    sesEndpoint: stack.sesEndpoint,
    sqsEndpoint: stack.sqsEndpoint,
  });
  const tableName = `bench-console-${Date.now()}`;
  try {
    await ensureTable(stack, tableName);
    await seed(clients.dynamo, tableName);
    /** Each DynamoDB command's start and end, while recording. */
    let inFlight: Array<[number, number]> | undefined;
    clients.dynamo.middlewareStack.add(
      (next) => async (args) => {
        const started = performance.now();
        try {
          return await next(args);
        } finally {
          inFlight?.push([started, performance.now()]);
        }
      },
      { step: 'initialize', name: 'benchRequestTimes' },
    );
    const deps = {
      counts: awsCountsRebuildDeps({ tableName }, clients).counts,
      sources: new DynamoSourceRepository(clients.dynamo, tableName),
      clock: { now: () => new Date() },
    };
    const settings = { timeZone: 'Asia/Riyadh', digestSchedule: 'cron(0 17 ? * THU *)' };
    const walls: number[] = [];
    const owns: number[] = [];
    let requests = 0;
    let figures: Awaited<ReturnType<typeof consoleOverview>> | undefined;
    for (let run = 0; run < RUNS + 10; run += 1) {
      inFlight = [];
      const started = performance.now();
      figures = await consoleOverview(deps, settings);
      const wall = performance.now() - started;
      // Warm-up runs (JIT, connections) are left out.
      if (run < 10) continue;
      walls.push(wall);
      owns.push(wall - covered(inFlight));
      requests = Math.max(requests, inFlight.length);
    }
    inFlight = undefined;
    console.log(
      `readers counted: ${figures?.readers.confirmed} confirmed, ${figures?.readers.pending} pending, ` +
        `${figures?.readers.left} left; ${figures?.editions.length} editions listed`,
    );
    console.log(`consoleOverview(), ${RUNS} runs: DynamoDB requests per run ${requests} (at most 5)`);
    console.log(`  wall   p50 ${ms(percentile(walls, 0.5))}  p95 ${ms(percentile(walls, 0.95))}`);
    console.log(
      `  own    p50 ${ms(percentile(owns, 0.5))}  p95 ${ms(percentile(owns, 0.95))}  (wall less DynamoDB time)`,
    );

    const app = await consoleApp(clients, tableName, settings.digestSchedule);
    for (const path of ['/console', '/console/next']) {
      const pageWalls: number[] = [];
      const pageOwns: number[] = [];
      const pageCpus: number[] = [];
      let pageRequests = 0;
      let bytes = 0;
      for (let run = 0; run < RUNS + 10; run += 1) {
        inFlight = [];
        const cpu = process.cpuUsage();
        const started = performance.now();
        const response = await app.request(path, { headers: { cookie: `__Host-mujaz_session=${BENCH_SESSION}` } });
        const html = await response.text();
        const wall = performance.now() - started;
        const { user, system } = process.cpuUsage(cpu);
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        if (run < 10) continue;
        bytes = html.length;
        pageWalls.push(wall);
        pageOwns.push(wall - covered(inFlight));
        pageCpus.push((user + system) / 1000);
        pageRequests = Math.max(pageRequests, inFlight.length);
      }
      inFlight = undefined;
      console.log(
        `GET ${path} in process, ${RUNS} runs (${Math.round(bytes / 1024)} KB of HTML): DynamoDB requests per page ${pageRequests} (the session's check included)`,
      );
      console.log(`  wall   p50 ${ms(percentile(pageWalls, 0.5))}  p95 ${ms(percentile(pageWalls, 0.95))}`);
      console.log(
        `  own    p50 ${ms(percentile(pageOwns, 0.5))}  p95 ${ms(percentile(pageOwns, 0.95))}  (target: 50 ms p95)`,
      );
      // Wall time less DynamoDB's counts the moments a loaded machine gives the CPU to others; this does not (the
      // SDK's own work, marshalling and HTTP, is in it).
      console.log(
        `  CPU    p50 ${ms(percentile(pageCpus, 0.5))}  p95 ${ms(percentile(pageCpus, 0.95))}  (this process's, user + system)`,
      );
    }
  } finally {
    clients.dynamo.destroy();
    clients.ses.destroy();
    clients.sqs.destroy();
    await stack.stop();
  }
}

const BENCH_OPERATOR = 'operator@example.com';
const BENCH_SESSION = 'bench-console-session';
const WAITING_REPORTS = 30;
const silent: Logger = { info() {}, warn() {}, error() {} };

/**
 * The admin function's console over the bench's table, as the handler composes it, with 30 reports waiting (three
 * held) and a live session for the operator: no email needed to sign in.
 */
async function consoleApp(clients: ReturnType<typeof createAwsClients>, tableName: string, digestSchedule: string) {
  const unused = 'http://127.0.0.1:9/000000000000/unused';
  const config = readConfig({
    MUJAZ_TABLE_NAME: tableName,
    MUJAZ_DELIVERY_QUEUE_URL: unused,
    MUJAZ_SUBSCRIPTION_QUEUE_URL: unused,
    MUJAZ_PUBLIC_BASE_URL: 'https://mujaz.example',
    MUJAZ_FROM_ADDRESS: 'موجز <digest@example.com>',
    MUJAZ_TIME_ZONE: 'Asia/Riyadh',
    MUJAZ_DIGEST_SCHEDULE: digestSchedule,
    MUJAZ_OPERATORS: BENCH_OPERATOR,
  });
  const deps = awsMujazDeps(config, { tokenSecret: 'bench-token-secret-that-is-long-enough-0123456789' }, clients, {
    logger: silent,
    metrics: { count: () => undefined },
    emailTemplates: await compileEmailTemplates(config.templatesDirectory),
  });
  const mujaz = composeAdminUseCases(deps, config);
  for (let index = 0; index < WAITING_REPORTS; index += 1) {
    const { report } = await mujaz.ingestReport({
      title: `تقرير رقم ${index + 1}: المجلس البلدي يناقش ميزانية العام المقبل`,
      body: [
        `ناقش المجلس البلدي في جلسته رقم ${index + 1} ميزانية العام المقبل وخطط النقل العام.`,
        'قال رئيس المجلس إن الأولوية للمدارس والمستشفيات والطرق في الأحياء الجديدة.',
        'طالب الأعضاء بمزيد من الشفافية في العقود وبنشر الأرقام كاملة على موقع البلدية.',
        'يُنتظر التصويت على الميزانية الشهر المقبل بعد مشاورات مع السكان والتجار.',
      ].join('\n'),
      source: index % 2 ? 'الجزيرة' : 'BBC News',
    });
    if (index % 10 === 9) await mujaz.editReport(report.id, { hold: true });
  }
  await deps.access.saveSession(BENCH_SESSION, {
    email: BENCH_OPERATOR,
    language: 'ar',
    csrfSecret: 'bench-csrf',
    expiresAt: Date.now() + 3_600_000,
  });
  const signIn = composeConsoleUseCases(deps, config);
  return createAppBase(
    { newsletter: config.newsletter, logger: silent },
    withConsole({
      newsletter: config.newsletter,
      timeZone: config.timeZone,
      mujaz,
      console: signIn,
      dispatcher: { dispatchSend: async () => undefined },
      clientAddress: () => '127.0.0.1',
      logger: silent,
      adminToken: 'bench-admin-token-not-used',
      // The bench renders the overview and the next edition alone: no page it requests starts an import.
      imports: {
        startImport: () => Promise.reject(new Error('no import in the console bench')),
        importProgress: () => Promise.reject(new Error('no import in the console bench')),
      },
    }),
  );
}

/** Readers loaded as an existing table holds them (no counters), counted by the rebuild; editions with tallies. */
async function seed(dynamo: ReturnType<typeof createAwsClients>['dynamo'], tableName: string): Promise<void> {
  const now = new Date();
  let started = performance.now();
  const readerAt = (index: number): Subscriber => {
    const email = `reader-${index}@example.com`;
    const pending = pendingSubscriber(
      email,
      { via: 'import', language: index % 3 ? 'ar' : 'en' },
      now,
      86_400_000,
      `id${index}`,
    );
    const reader: Subscriber =
      index % 50 === 0
        ? pending
        : index % 20 === 0
          ? unsubscribedSubscriber({ ...pending, status: 'confirmed', confirmedAt: now.toISOString() }, now)
          : { ...pending, status: 'confirmed', confirmedAt: now.toISOString(), pendingUntil: undefined };
    if (reader.pendingUntil === undefined) delete reader.pendingUntil;
    return { ...reader, revision: 1 };
  };
  // Written as the repository stores them, 25 to a batch, with no counters: the table as it stood before them.
  const batches = Array.from({ length: Math.ceil(READERS / 25) }, (_, batch) => batch);
  await forEachWithConcurrency(batches, 8, async (batch) => {
    let requests: Array<Record<string, unknown>> | undefined = Array.from(
      { length: Math.min(25, READERS - batch * 25) },
      (_, offset) => ({ PutRequest: { Item: itemOf(readerAt(batch * 25 + offset)) } }),
    );
    while (requests && requests.length > 0) {
      const { UnprocessedItems } = await dynamo.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = UnprocessedItems?.[tableName] as Array<Record<string, unknown>> | undefined;
    }
  });
  console.log(`loaded ${READERS.toLocaleString('en')} readers in ${seconds(started)}`);
  started = performance.now();
  const { readers } = await rebuildConsoleCounts(awsCountsRebuildDeps({ tableName }, { dynamo }));
  console.log(`rebuilt the counters from ${readers.toLocaleString('en')} readers in ${seconds(started)} (one pass)`);
  const editions = new DynamoEditionStore(dynamo, tableName);
  const ledger = new DynamoDeliveryLedger(dynamo, tableName);
  for (let number = 1; number <= EDITIONS; number += 1) {
    const id = String(number);
    await editions.open(
      {
        id,
        number,
        state: 'queued',
        period: { until: now.toISOString() },
        openedAt: new Date(now.getTime() - (EDITIONS - number) * 7 * 86_400_000).toISOString(),
      },
      number === 1 ? undefined : String(number - 1),
    );
    for (let reader = 0; reader < 20; reader += 1)
      await ledger.record(id, `reader-${reader}@example.com`, { status: 'sent', messageId: `m${reader}` }, now);
  }
}

/** How long at least one interval was open: the union's length. */
function covered(intervals: ReadonlyArray<[number, number]>): number {
  let total = 0;
  let end = -Infinity;
  for (const [from, to] of [...intervals].sort((a, b) => a[0] - b[0])) {
    if (to <= end) continue;
    total += to - Math.max(from, end);
    end = to;
  }
  return total;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
}

const ms = (value: number) => `${value.toFixed(2)} ms`;
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
