// `npm run bench -- feeds`: figures, never assertions. Feed intake on the local stack (DynamoDB Local, the SQS
// stand-in) against a generated web in a process of its own (bench/feed-web-process.ts): SOURCES feeds of ITEMS
// items, each on a host of its own, reached over real sockets through the guarded fetcher (its allow list).
//  0. Registration: every feed registered through the sources use case (fetched, read, stored), no faults. Its own
//     first poll is not queued, so that the finder queues every source in cycle 1 as it would scheduled ones.
//  1. First cycle: the finder queues every due source on the FIFO poll queue; POLLERS local pollers (as the local
//     runtime runs them; Lambda's event source's maximum concurrency) consume it through the poll function's batch
//     handler. 10 % of the feed answers are slow (1–3 s), 5 % fail (a 500, or the connection dropped). A first poll
//     takes its feed's 10 newest items; each item's teaser is a few sentences, so its page is fetched and read.
//     The sources whose first poll failed are then polled again directly, without faults, so that every source
//     holds its feed's validators.
//  2. Not-modified cycle: nothing changed, no faults; every source made due again through the repository
//     (nextPollAt set to now), then the finder runs: every conditional GET is answered 304. Then ROUNDS times the
//     functions' own share, as Lambda runs them: the finder queues onto a queue no local poller reads, the messages
//     are taken off it outside the measure (SQS's event source, in the stack), and each is handed to the poll
//     function's batch handler: the finder's and the polls' CPU, and memory round after round.
//  3. Changed cycles: every feed has 5 new items (and drops its 5 oldest); CHANGED sources made due and polled,
//     twice: the first after their first poll, the second as a changed feed is polled from then on.
// Each: wall time, our process's CPU (process.cpuUsage: the finder, the local pollers' SQS calls and the polls; the
// web, DynamoDB Local and the SQS stand-in run in processes of their own), RSS and heap before, after and at their
// peak (sampled every 20 ms; before and after a full collection when run with --expose-gc, as `npm run bench` is),
// the event loop's delay, the polls' outcomes, reports created, failures recorded, what the web saw, and the
// time spent in each port (summed over calls that overlap).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { createDynamoSqsClients, type DynamoSqsClients } from '../lambdas/adapters/dynamo-sqs-clients';
import { pollVisibilitySeconds, sourcePollQueue } from '../lambdas/adapters/source-poll-queue-definition';
import { SqsSourcePollQueue } from '../lambdas/adapters/sqs-source-poll-queue';
import { awsFeedDeps } from '../lambdas/composition/aws-feed-adapters';
import { composeSourceFinder } from '../lambdas/composition/compose-source-finder';
import { composeSourcePoller, sourcePollBatchHandler } from '../lambdas/composition/compose-source-poller';
import { composeSourceUseCases } from '../lambdas/composition/compose-source-use-cases';
import type { Source } from '../lambdas/core/domain/source';
import type { Logger } from '../lambdas/core/ports/logger';
import type { Metrics } from '../lambdas/core/ports/metrics';
import {
  ensureSourcePollQueues,
  ensureTable,
  type LocalStack,
  silenceSdkNodeVersionWarning,
  startLocalStack,
} from '../lambdas/local/local-stack';
import { startQueuePoller, toSqsEvent } from '../lambdas/local/queue-poller';
import type { WebStats } from './feed-web-process';

/** The run's size: MUJAZ_BENCH_SOURCES feeds of MUJAZ_BENCH_ITEMS items on MUJAZ_BENCH_HOSTS hosts (one each). */
const SOURCES = Number(process.env.MUJAZ_BENCH_SOURCES ?? 200);
const ITEMS = Number(process.env.MUJAZ_BENCH_ITEMS ?? 50);
const HOSTS = Number(process.env.MUJAZ_BENCH_HOSTS ?? SOURCES);
/** Polls at once: the poll function's maximum concurrency in the stack. */
const POLLERS = Number(process.env.MUJAZ_BENCH_POLLERS ?? sourcePollQueue.maxPollers);
/** Direct not-modified rounds after the queued one. */
const ROUNDS = Number(process.env.MUJAZ_BENCH_ROUNDS ?? 3);
/** Where to write a CPU profile of the first not-modified round's polls (a .cpuprofile), when set. */
const PROFILE = process.env.MUJAZ_BENCH_PROFILE;
/** Sources polled in the changed cycles. */
const CHANGED = Number(process.env.MUJAZ_BENCH_CHANGED ?? 10);

const MB = 1024 * 1024;

/** Counts what the code under measure counts, and says nothing. */
function countingMetrics(): Metrics & { counts: Map<string, number>; reset(): void } {
  const counts = new Map<string, number>();
  return {
    counts,
    count: (name: string) => {
      counts.set(name, (counts.get(name) ?? 0) + 1);
    },
    reset: () => counts.clear(),
  };
}

/** Remembers how often each warning and error was logged; prints nothing. */
function countingLogger(): Logger & { messages: Map<string, number> } {
  const messages = new Map<string, number>();
  const note = (message: string) => {
    messages.set(message, (messages.get(message) ?? 0) + 1);
  };
  return { messages, info: () => undefined, warn: note, error: note };
}

interface Web {
  hosts: string[];
  cycle(version: number, faults: boolean): Promise<void>;
  stats(): Promise<WebStats>;
  stop(): void;
}

async function startWeb(): Promise<Web> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, 'feed-web-process.ts'),
      JSON.stringify({ sources: SOURCES, items: ITEMS, hosts: HOSTS }),
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const [line] = (await once(child.stdout, 'data')) as [Buffer];
  const { hosts, control } = JSON.parse(line.toString('utf8')) as { hosts: string[]; control: string };
  return {
    hosts,
    cycle: async (version, faults) => {
      await fetch(`${control}/cycle?version=${version}&faults=${faults ? 1 : 0}`, { method: 'POST' });
    },
    stats: async () => (await (await fetch(`${control}/stats`)).json()) as WebStats,
    stop: () => child.stdin.end(),
  };
}

/** RSS and heap now, and their peaks since start(), sampled every 20 ms. */
function memoryWatch() {
  let peakRss = 0;
  let peakHeap = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = () => {
    const { rss, heapUsed } = process.memoryUsage();
    peakRss = Math.max(peakRss, rss);
    peakHeap = Math.max(peakHeap, heapUsed);
    return { rss, heapUsed };
  };
  return {
    start() {
      peakRss = 0;
      peakHeap = 0;
      const now = sample();
      timer = setInterval(sample, 20);
      return now;
    },
    stop() {
      clearInterval(timer);
      const now = sample();
      return { ...now, peakRss, peakHeap };
    },
  };
}

const mb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

/** A full collection when the bench runs with --expose-gc (`npm run bench` does): heap figures without garbage. */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

interface Measured<T> {
  result: T;
  wallMs: number;
  cpuMs: number;
  memory: { before: { rss: number; heapUsed: number }; after: ReturnType<ReturnType<typeof memoryWatch>['stop']> };
  /** How late the event loop ran timers (p99 and max, ms): how busy this process, or the machine, was. */
  loopDelay: { p99: number; max: number };
}

async function measure<T>(run: () => Promise<T>): Promise<Measured<T>> {
  collect();
  const watch = memoryWatch();
  const before = watch.start();
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  loop.disable();
  // Collected outside the CPU counted: what stays is what the cycle kept.
  collect();
  return {
    result,
    wallMs,
    cpuMs: (used.user + used.system) / 1000,
    memory: { before, after: watch.stop() },
    loopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
  };
}

function printMeasured(measured: Measured<unknown>): void {
  const { before, after } = measured.memory;
  console.log(
    `  wall ${seconds(measured.wallMs)}, our CPU ${seconds(measured.cpuMs)}; RSS ${mb(before.rss)} → ${mb(after.rss)} (peak ${mb(after.peakRss)}), heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} (peak ${mb(after.peakHeap)}); event loop delay p99 ${measured.loopDelay.p99.toFixed(0)} ms, max ${measured.loopDelay.max.toFixed(0)} ms`,
  );
}

/** What the polls of a cycle did, from the sources as stored. */
function outcomes(sources: readonly Source[], since: string) {
  const polled = sources.filter((source) => source.lastPoll && source.lastPoll.at >= since);
  const by = (status: string) => polled.filter((source) => source.lastPoll!.status === status);
  const sum = (field: 'items' | 'created' | 'duplicates' | 'skipped') =>
    polled.reduce((total, source) => total + source.lastPoll![field], 0);
  const errors = new Map<string, number>();
  for (const source of by('failed')) {
    // The host's port differs from source to source: the wording is what is counted.
    const words = (source.lastError ?? '').replace(/:\d+\b/gu, ':<port>');
    errors.set(words, (errors.get(words) ?? 0) + 1);
  }
  return {
    polled: polled.length,
    modified: by('modified').length,
    notModified: by('not-modified').length,
    failed: by('failed').length,
    items: sum('items'),
    created: sum('created'),
    duplicates: sum('duplicates'),
    skipped: sum('skipped'),
    createdPerSource: [...new Set(by('modified').map((source) => source.lastPoll!.created))].sort((a, b) => a - b),
    errors,
  };
}

function printOutcomes(found: ReturnType<typeof outcomes>, web: WebStats, pollMs: readonly number[]): void {
  console.log(
    `  polls: ${found.polled} (${found.modified} modified, ${found.notModified} not modified, ${found.failed} failed); items examined ${found.items}: ${found.created} reports created, ${found.duplicates} duplicates, ${found.skipped} skipped; created per modified source: ${found.createdPerSource.join(', ') || '—'}`,
  );
  for (const [words, count] of found.errors) console.log(`  failure recorded ×${count}: "${words}"`);
  if (pollMs.length > 0)
    console.log(
      `  one poll's time: median ${seconds(percentile(pollMs, 0.5))}, p95 ${seconds(percentile(pollMs, 0.95))}, longest ${seconds(Math.max(...pollMs))}`,
    );
  console.log(
    `  the web saw ${web.feedRequests} feed requests (${web.conditionalRequests} conditional): ${web.feedDocuments} documents, ${web.notModified} × 304, ${web.slow} slow, ${web.serverErrors} × 500, ${web.dropped} dropped; ${web.pageRequests} article pages; ${(web.bytesSent / MB).toFixed(1)} MB sent; its own CPU ${seconds(web.cpuMs)} (not ours)`,
  );
}

async function makeAllDue(deps: ReturnType<typeof awsFeedDeps>, ids: readonly string[]): Promise<void> {
  const now = new Date().toISOString();
  for (const id of ids) {
    const source = await deps.sources.findById(id);
    if (source && (await deps.sources.save({ ...source, nextPollAt: now })).status !== 'saved')
      throw new Error('a source moved while it was made due');
  }
}

/** Runs `work` on every value, `width` at a time. */
async function eachAtOnce<T>(values: readonly T[], width: number, work: (value: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < values.length) await work(values[next++]!);
  };
  await Promise.all(Array.from({ length: width }, lane));
}

/**
 * What the calls a not-modified poll makes cost our process one by one, POLLERS at once: reading a source
 * (GetItem, consistent), writing it (PutItem, conditional) and a conditional GET answered 304.
 */
async function calibrate(adapters: ReturnType<typeof awsFeedDeps>, ids: readonly string[]): Promise<void> {
  const sources = new Map<string, Source>();
  const perCall = async (run: (id: string) => Promise<void>) => {
    const measured = await measure(() => eachAtOnce(ids, POLLERS, run));
    return `${(measured.cpuMs / ids.length).toFixed(1)} ms CPU, ${(measured.wallMs / ids.length).toFixed(1)} ms wall`;
  };
  const read = await perCall(async (id) => {
    sources.set(id, (await adapters.sources.findById(id))!);
  });
  const written = await perCall(async (id) => {
    await adapters.sources.save(sources.get(id)!);
  });
  const fetched = await perCall(async (id) => {
    const { url, cache } = sources.get(id)!;
    await adapters.fetcher.get({ url, expect: 'feed', ...(cache.etag ? { etag: cache.etag } : {}) });
  });
  console.log(
    `What a not-modified poll's calls cost us, each alone (× ${ids.length}, ${POLLERS} at once; per call): reading a source (GetItem) ${read}; writing it (PutItem) ${written}; a conditional GET answered 304 ${fetched}. A not-modified poll queued by the finder makes one GET and one write: it carries its source, and reads none.`,
  );
}

/** `run`, profiled into `file` (Chrome's .cpuprofile) when a file is given. */
async function profiled<T>(file: string | undefined, run: () => Promise<T>): Promise<T> {
  if (!file) return run();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await run();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`  CPU profile written to ${file}`);
  }
}

/** Time spent in each method of each port, summed over the calls (calls overlap: POLLERS run at once). */
class PortClock {
  readonly spent = new Map<string, { ms: number; calls: number }>();

  /** The port, every method of it timed under `${name}.${method}`. */
  wrap<Port extends object>(name: string, port: Port): Port {
    const add = (key: string, started: number) => {
      const entry = this.spent.get(key) ?? { ms: 0, calls: 0 };
      entry.ms += performance.now() - started;
      entry.calls += 1;
      this.spent.set(key, entry);
    };
    return new Proxy(port, {
      get: (target, property, receiver) => {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        const key = `${name}.${String(property)}`;
        return (...args: unknown[]) => {
          const started = performance.now();
          const result = (value as (...a: unknown[]) => unknown).apply(target, args);
          if (result instanceof Promise) return result.finally(() => add(key, started));
          add(key, started);
          return result;
        };
      },
    });
  }

  print(): void {
    const rows = [...this.spent].sort(([, a], [, b]) => b.ms - a.ms);
    console.log(
      `  time in the ports (summed over calls): ${rows.map(([key, { ms, calls }]) => `${key} ${seconds(ms)}/${calls}`).join(', ')}`,
    );
    this.spent.clear();
  }
}

async function benchCycles(stack: LocalStack, web: Web, clients: DynamoSqsClients): Promise<void> {
  const tableName = `bench-feeds-${randomBytes(3).toString('hex')}`;
  await ensureTable(stack, tableName);
  const queues = await ensureSourcePollQueues(
    stack,
    tableName,
    pollVisibilitySeconds(sourcePollQueue.pollTimeoutSeconds),
  );
  const metrics = countingMetrics();
  const logger = countingLogger();
  const config = {
    tableName,
    publicBaseUrl: 'https://mujaz.example',
    fetchAllow: web.hosts,
    sourcePollQueueUrl: queues.queueUrl,
  };
  const ports = new PortClock();
  const adapters = awsFeedDeps(config, clients, { logger, metrics });
  const deps: typeof adapters = {
    ...adapters,
    sources: ports.wrap('sources', adapters.sources),
    fetcher: ports.wrap('fetcher', adapters.fetcher),
    feeds: ports.wrap('feeds', adapters.feeds),
    polls: ports.wrap('polls', adapters.polls),
    intake: {
      ...adapters.intake,
      reports: ports.wrap('reports', adapters.intake.reports),
      extractor: ports.wrap('extractor', adapters.intake.extractor),
    },
  };
  // Registration's own first polls are left out: cycle 1 is the finder's, of every source.
  const registrar = composeSourceUseCases({
    ...deps,
    polls: { enqueue: async () => undefined, enqueueAll: async () => undefined },
  });
  const finder = composeSourceFinder(deps);
  const poll = composeSourcePoller(deps);
  const handlePolls = sourcePollBatchHandler(poll, logger);

  const load = () => loadavg()[0]!.toFixed(1);
  console.log(
    `Feeds: ${SOURCES} sources × ${ITEMS} items (RSS 2.0, half Arabic, half English; each item a few sentences, its page an article of three paragraphs) on ${HOSTS} local hosts, over real sockets through the guarded fetcher; ${POLLERS} pollers on the FIFO poll queue; DynamoDB Local and the SQS stand-in; load average ${load()} on ${availableParallelism()} cores`,
  );
  const ids: string[] = [];
  const registered = await measure(() =>
    eachAtOnce(
      Array.from({ length: SOURCES }, (_, index) => index),
      POLLERS,
      async (index) => {
        const host = web.hosts[index % HOSTS]!;
        ids.push((await registrar.registerSource({ url: `http://${host}/feeds/${index}.xml` })).id);
      },
    ),
  );
  console.log(`Registration of ${ids.length} feeds (${POLLERS} at once; each fetched, read and stored; no faults):`);
  printMeasured(registered);
  ports.spent.clear();

  // The pollers run throughout, as the local runtime's do; each poll's time and the polls done are counted here.
  const pollMs: number[] = [];
  let handled = 0;
  // A poll our own storage failed would come back after the queue's visibility (30 min): counted as handled here, and
  // printed, so that the cycle ends.
  let failedOnOurSide = 0;
  let handledTarget = Number.POSITIVE_INFINITY;
  let allHandled: () => void = () => undefined;
  const poller = startQueuePoller({
    sqs: clients.sqs,
    queueUrl: queues.queueUrl,
    batchSize: sourcePollQueue.batchSize,
    workers: POLLERS,
    logger,
    handleBatch: async (event, context) => {
      const started = performance.now();
      const response = await handlePolls(event, context);
      pollMs.push(performance.now() - started);
      handled += event.Records.length;
      failedOnOurSide += response.batchItemFailures.length;
      if (handled >= handledTarget) allHandled();
      return response;
    },
  });

  const printCycle = async (since: string) => {
    printOutcomes(outcomes(await deps.sources.list(), since), await web.stats(), pollMs);
    const ourFailures = [...logger.messages].filter(([message]) => message !== 'source poll failed');
    if (ourFailures.length > 0 || failedOnOurSide > 0)
      console.log(
        `  failed on our side: ${failedOnOurSide} polls; logged: ${ourFailures.map(([message, count]) => `${message} ×${count}`).join(', ')}`,
      );
    console.log(`  metrics: ${[...metrics.counts].map(([name, count]) => `${name} ${count}`).join(', ')}`);
    ports.print();
  };

  const startCycle = async (version: number, faults: boolean, due: readonly string[]) => {
    await web.cycle(version, faults);
    await makeAllDue(deps, due);
    metrics.reset();
    logger.messages.clear();
    ports.spent.clear();
    pollMs.length = 0;
    handled = 0;
    failedOnOurSide = 0;
    return new Date().toISOString();
  };

  /** One cycle through the finder and the queue: the web at `version`, the sources `due` made due first. */
  const cycle = async (title: string, version: number, faults: boolean, due: readonly string[]) => {
    const since = await startCycle(version, faults, due);
    let finderMs = 0;
    const measured = await measure(async () => {
      const done = new Promise<void>((resolve) => {
        allHandled = resolve;
      });
      const started = performance.now();
      const { queued } = await finder.queueDueSources();
      finderMs = performance.now() - started;
      handledTarget = queued;
      if (handled >= queued) allHandled();
      await done;
      return queued;
    });
    handledTarget = Number.POSITIVE_INFINITY;
    console.log(
      `${title}: the finder queued ${measured.result} due sources in ${seconds(finderMs)}; until all polled:`,
    );
    printMeasured(measured);
    await printCycle(since);
    return measured;
  };

  // The functions' own share of a not-modified cycle, as Lambda runs them: the finder queues onto a queue of its own
  // that no local poller reads; the messages are taken off it outside the measure (SQS's event source does that in
  // the stack, not our code), and handed to the poll function's batch handler, one a call, POLLERS at once.
  const roundQueues = await ensureSourcePollQueues(
    stack,
    `${tableName}-rounds`,
    pollVisibilitySeconds(sourcePollQueue.pollTimeoutSeconds),
  );
  const roundFinder = composeSourceFinder({
    ...deps,
    polls: ports.wrap('polls', new SqsSourcePollQueue(clients.sqs, roundQueues.queueUrl)),
  });
  const takeAll = async (count: number) => {
    const messages: Message[] = [];
    while (messages.length < count) {
      const { Messages = [] } = await clients.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: roundQueues.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      messages.push(...Messages);
    }
    return messages;
  };
  const forget = async (messages: readonly Message[]) => {
    for (let start = 0; start < messages.length; start += 10)
      await clients.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: roundQueues.queueUrl,
          Entries: messages
            .slice(start, start + 10)
            .map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
  };
  const functionsRound = async (round: number, profile?: string) => {
    const since = await startCycle(0, false, ids);
    const found = await measure(() => roundFinder.queueDueSources());
    const messages = await takeAll(found.result.queued);
    const polled = await measure(() =>
      profiled(profile, () =>
        eachAtOnce(messages, POLLERS, async (message) => {
          const { batchItemFailures } = await handlePolls(toSqsEvent([message], roundQueues.queueUrl));
          if (batchItemFailures.length > 0) throw new Error('a poll failed on our side');
        }),
      ),
    );
    await forget(messages);
    console.log(
      `Not-modified, round ${round}, as the functions run it: the finder queued ${found.result.queued} in ${seconds(found.wallMs)} wall, ${seconds(found.cpuMs)} CPU; then the poll function's handler on each message (${POLLERS} at once; SQS's event source not counted):`,
    );
    printMeasured(polled);
    await printCycle(since);
    const cpuMs = found.cpuMs + polled.cpuMs;
    console.log(
      `  our CPU, finder and polls: ${seconds(cpuMs)} for ${messages.length} not-modified sources, ${(cpuMs / messages.length).toFixed(1)} ms each (target ≤ 1 s)`,
    );
  };

  /** The sources polled directly, as the poll function polls one (no queue, no finder), POLLERS at once. */
  const direct = async (title: string, version: number, which: readonly string[], profile?: string) => {
    const since = await startCycle(version, false, []);
    const measured = await measure(() =>
      profiled(profile, () => eachAtOnce(which, POLLERS, async (id) => void (await poll.pollSource(id)))),
    );
    console.log(`${title}:`);
    printMeasured(measured);
    await printCycle(since);
    return measured;
  };

  try {
    // Version 0 of the web: what registration read; cycle 1's faults fall on one 15 % of the sources.
    await cycle(
      'Cycle 1, first polls (10 % of the feed answers slow, 1–3 s; 5 % failing: a 500, or the connection dropped)',
      0,
      true,
      [],
    );
    const failed = (await deps.sources.list()).filter((source) => source.lastPoll?.status === 'failed');
    if (failed.length > 0)
      await direct(
        `Catch-up: the ${failed.length} sources whose first poll failed, polled again (no faults)`,
        0,
        failed.map((source) => source.id),
      );

    const notModified = await cycle(
      'Cycle 2, nothing changed (no faults: every conditional GET answered 304), every source made due by the repository',
      0,
      false,
      ids,
    );
    console.log(
      `  our process's CPU per not-modified source: ${(notModified.cpuMs / notModified.result).toFixed(1)} ms, ${seconds(notModified.cpuMs)} for ${notModified.result} (the finder, the polls, and the local pollers' own SQS receives and deletes, which are SQS's event source in the stack)`,
    );
    for (let round = 1; round <= ROUNDS; round += 1) await functionsRound(round, round === 1 ? PROFILE : undefined);

    await calibrate(adapters, ids);

    // Version 1: every feed has NEW_PER_VERSION new items; a sample of the sources is made due and polled.
    await cycle(
      `Cycle 3, changed: every feed has 5 new items and dropped its 5 oldest; ${CHANGED} sources made due by the repository (no faults)`,
      1,
      false,
      ids.slice(0, CHANGED),
    );
    // Version 2: 5 new items again; the 45 others were all seen in version 1: a changed feed's poll, day after day.
    await cycle(
      `Cycle 4, changed again: 5 new items, the other 45 seen at the last poll; the same ${CHANGED} sources (no faults)`,
      2,
      false,
      ids.slice(0, CHANGED),
    );
  } finally {
    await poller.stop();
  }
  console.log(`  load average at the end: ${load()}`);
}

export async function benchFeeds(): Promise<void> {
  silenceSdkNodeVersionWarning(process.env);
  const stack = await startLocalStack();
  const web = await startWeb();
  const clients = createDynamoSqsClients({
    region: stack.region,
    credentials: stack.credentials,
    dynamoEndpoint: stack.dynamoEndpoint,
    sqsEndpoint: stack.sqsEndpoint,
  });
  try {
    await benchCycles(stack, web, clients);
  } finally {
    clients.dynamo.destroy();
    clients.sqs.destroy();
    web.stop();
    await stack.stop();
  }
}

if (require.main === module) {
  benchFeeds().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
