// Test support: the core's use cases composed by composeUseCases — the composition every entry point runs — over
// in-memory fakes. Loads no MJML and no HTML parser: the HTTP tests pass the real renderer and extractor in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HmacTokenSigner } from '../../lambdas/adapters/hmac-token-signer';
import { composeConsoleUseCases } from '../../lambdas/composition/compose-console-use-cases';
import {
  composeImportUseCases,
  composeImportWorker,
  type ImportUseCases,
  type ImportWorker,
} from '../../lambdas/composition/compose-import-worker';
import { composeUseCases, type UseCases } from '../../lambdas/composition/compose-use-cases';
import type { ConsoleUseCases } from '../../lambdas/core/console-use-cases';
import { TurnDeferredError } from '../../lambdas/core/domain/errors';
import type { NewsletterIdentity } from '../../lambdas/core/domain/newsletter-labels';
import { splitParagraphs, splitSentences } from '../../lambdas/core/domain/sentences';
import type { Source } from '../../lambdas/core/domain/source';
import type { Subscriber } from '../../lambdas/core/domain/subscriber';
import type { ArticleExtractor } from '../../lambdas/core/ports/article-extractor';
import type { EmailRenderer, SignInLinkView } from '../../lambdas/core/ports/email-renderer';
import type { TurnResult } from '../../lambdas/core/use-cases/deliver-digest';
import { FixedClock } from './fixed-clock';
import { InMemoryActivityLog } from './in-memory-activity-log';
import { InMemoryConsoleAccessStore } from './in-memory-console-access-store';
import { InMemoryConsoleCounts } from './in-memory-console-counts';
import { InMemoryDeliveryLedger } from './in-memory-delivery-ledger';
import { InMemoryDeliveryQueue } from './in-memory-delivery-queue';
import { InMemoryEditionStore } from './in-memory-edition-store';
import { InMemoryImportFiles, InMemoryImportJobStore, InMemoryImportQueue } from './in-memory-import-jobs';
import { InMemoryMetrics } from './in-memory-metrics';
import { InMemoryRateLimiter } from './in-memory-rate-limiter';
import { InMemoryReportRepository } from './in-memory-report-repository';
import { InMemorySubscriberRepository } from './in-memory-subscriber-repository';
import { InMemorySubscriptionQueue } from './in-memory-subscription-queue';
import { RecordingEmailRenderer } from './recording-email-renderer';
import { RecordingLogger } from './recording-logger';
import { RecordingMailer } from './recording-mailer';
import { RecordingPacer } from './recording-pacer';
import { SequentialIds } from './sequential-ids';
import { StubArticleExtractor } from './stub-article-extractor';

export const ROOT = join(__dirname, '..', '..');
export const SAMPLE_REPORT_AR = readFileSync(join(ROOT, 'samples', 'report-ar.txt'), 'utf8');
export const TOKEN_SECRET = 'test-secret-that-is-long-enough-for-hmac-0123456789';
export const PUBLIC_BASE_URL = 'https://mujaz.example/api';
export const CONFIRM_WITHIN_MS = 48 * 3_600_000;
export const CONFIRMATION_COOLDOWN_MS = 10 * 60_000;
export const SUBSCRIBES_PER_CLIENT_PER_MINUTE = 5;
/** Tuesday of 2026-W48 in Asia/Riyadh. */
export const START = '2026-11-24T09:00:00.000Z';
/** The console's operators in the harness. */
export const OPERATORS = ['editor@example.com'];

export interface HarnessOptions<R extends EmailRenderer, E extends ArticleExtractor> {
  newsletter?: NewsletterIdentity;
  timeZone?: string;
  start?: string;
  featuredReports?: number;
  /** How long a delivery attempt may hold its claim before a later turn counts it abandoned. */
  staleClaimMs?: number;
  renderer?: R;
  extractor?: E;
}

export interface Harness<
  R extends EmailRenderer = RecordingEmailRenderer,
  E extends ArticleExtractor = StubArticleExtractor,
> {
  clock: FixedClock;
  access: InMemoryConsoleAccessStore;
  /** The console's sign-in and sessions, over the same fakes (OPERATORS are its operators). */
  console: ConsoleUseCases;
  reports: InMemoryReportRepository;
  subscribers: InMemorySubscriberRepository;
  counts: InMemoryConsoleCounts;
  /** Every operator's change the use cases logged. */
  activity: InMemoryActivityLog;
  sources: { list(): Promise<Source[]>; stored: Source[] };
  editions: InMemoryEditionStore;
  ledger: InMemoryDeliveryLedger;
  queue: InMemoryDeliveryQueue;
  subscriptionQueue: InMemorySubscriptionQueue;
  limiter: InMemoryRateLimiter;
  mailer: RecordingMailer;
  pacer: RecordingPacer;
  renderer: R;
  tokens: HmacTokenSigner;
  ids: SequentialIds;
  extractor: E;
  logger: RecordingLogger;
  metrics: InMemoryMetrics;
  newsletter: NewsletterIdentity;
  timeZone: string;
  useCases: UseCases;
  importJobs: InMemoryImportJobStore;
  importFiles: InMemoryImportFiles;
  importQueue: InMemoryImportQueue;
  /** Imports as jobs, as the admin routes run them. */
  imports: ImportUseCases;
  /** What the import function runs on each message. */
  importWorker: ImportWorker;
  /**
   * Plays the import queue and its consumer: hands every waiting step to the worker, in order, until none waits. A
   * step that throws stays first in the queue, and the call rejects with its error.
   */
  processImports(): Promise<number>;
  /** Puts a subscriber straight into the repository (a new subscription id from `ids`). */
  addSubscriber(email: string, status?: Subscriber['status']): Promise<void>;
  /** Plays the subscription queue's consumer: hands every queued subscribe request to subscribe, in order. */
  processSubscriptions(): Promise<number>;
  /** The token of a link of this purpose for the subscriber stored under the address. */
  tokenFor(email: string, purpose: 'confirm-subscription' | 'unsubscribe', expiresAt?: number): Promise<string>;
  /**
   * Plays the delivery queue and its consumer: hands every waiting turn to deliverDigest, a deferred one again
   * (up to MAX_RECEIVES receives, then dead-lettered), until none waits; returns what became of each turn.
   */
  deliverQueued(): Promise<DeliveryRound>;
  /** sendDigest, then every queued turn delivered. */
  sendAndDeliver(
    request?: Parameters<UseCases['sendDigest']>[0],
  ): Promise<DeliveryRound & { edition?: string; recipients: number; reports: number; status: string }>;
}

/** The queue's redrive policy in these tests: a turn received this often and deferred again is dead-lettered. */
export const MAX_RECEIVES = 5;

export interface DeliveryRound {
  results: Record<TurnResult | 'deferred' | 'dead-lettered', number>;
}

export function createHarness<
  R extends EmailRenderer = RecordingEmailRenderer,
  E extends ArticleExtractor = StubArticleExtractor,
>(options: HarnessOptions<R, E> = {}): Harness<R, E> {
  const clock = new FixedClock(options.start ?? START);
  const reports = new InMemoryReportRepository();
  const counts = new InMemoryConsoleCounts();
  const subscribers = new InMemorySubscriberRepository(counts);
  const stored: Source[] = [];
  const sources = { stored, list: async () => structuredClone(stored) };
  const editions = new InMemoryEditionStore();
  const ledger = new InMemoryDeliveryLedger();
  const queue = new InMemoryDeliveryQueue();
  const subscriptionQueue = new InMemorySubscriptionQueue();
  const limiter = new InMemoryRateLimiter();
  const mailer = new RecordingMailer();
  const pacer = new RecordingPacer();
  const renderer = options.renderer ?? (new RecordingEmailRenderer() as EmailRenderer as R);
  const extractor = options.extractor ?? (new StubArticleExtractor() as ArticleExtractor as E);
  const tokens = new HmacTokenSigner(TOKEN_SECRET);
  const ids = new SequentialIds();
  const logger = new RecordingLogger();
  const metrics = new InMemoryMetrics();
  const newsletter = options.newsletter ?? { name: 'موجز', language: 'ar' };
  const timeZone = options.timeZone ?? 'Asia/Riyadh';
  const access = new InMemoryConsoleAccessStore();
  const activity = new InMemoryActivityLog();
  const ports = {
    activity,
    reports,
    access,
    signInQueue: subscriptionQueue,
    // The link in plain view: the template itself is the integration tests' (no MJML here).
    signInRenderer: {
      renderSignInLink: async (view: SignInLinkView) => ({
        subject: view.subject,
        html: view.signInUrl,
        text: view.signInUrl,
      }),
    },
    subscribers,
    counts,
    sources,
    editions,
    ledger,
    queue,
    subscriptionQueue,
    limiter,
    mailer,
    pacer,
    renderer,
    tokens,
    ids,
    extractor,
    clock,
    logger,
    metrics,
  };
  const useCases = composeUseCases(ports, {
    newsletter,
    timeZone,
    publicBaseUrl: PUBLIC_BASE_URL,
    confirmWithinMs: CONFIRM_WITHIN_MS,
    confirmationCooldownMs: CONFIRMATION_COOLDOWN_MS,
    subscribesPerClientPerMinute: SUBSCRIBES_PER_CLIENT_PER_MINUTE,
    featuredReports: options.featuredReports ?? 10,
    staleClaimMs: options.staleClaimMs ?? 60_000,
    operators: OPERATORS,
  });
  const importJobs = new InMemoryImportJobStore();
  const importFiles = new InMemoryImportFiles();
  const importQueue = new InMemoryImportQueue();
  const importDeps = {
    activity,
    subscribers,
    subscriptionQueue,
    ids,
    clock,
    logger,
    importJobs,
    importFiles,
    importQueue,
  };
  const imports = composeImportUseCases(importDeps);
  const importWorker = composeImportWorker(importDeps);
  const processImports = async (): Promise<number> => {
    let processed = 0;
    for (let next = importQueue.waiting.shift(); next; next = importQueue.waiting.shift()) {
      try {
        if (next.chunk === undefined) await importWorker.checkImport(next.importId);
        else await importWorker.importChunk(next.importId, next.chunk);
      } catch (error) {
        // As SQS would, the step comes back: first in line for the next call.
        importQueue.waiting.unshift(next);
        throw error;
      }
      processed += 1;
    }
    return processed;
  };
  const console = composeConsoleUseCases(ports, { newsletter, operators: OPERATORS });
  const addSubscriber = async (email: string, status: Subscriber['status'] = 'confirmed'): Promise<void> => {
    const at = clock.now().toISOString();
    await subscribers.save({
      email,
      subscriptionId: ids.subscriptionId(),
      status,
      subscribedAt: at,
      subscribedVia: 'api',
      ...(status === 'confirmed' ? { confirmedAt: at } : {}),
      ...(status === 'unsubscribed' ? { unsubscribedAt: at } : {}),
      ...(status === 'pending'
        ? { pendingUntil: new Date(clock.now().getTime() + CONFIRM_WITHIN_MS).toISOString() }
        : {}),
    });
  };
  const processSubscriptions = async (): Promise<number> => {
    let processed = 0;
    for (let next = subscriptionQueue.waiting.shift(); next; next = subscriptionQueue.waiting.shift()) {
      const { email, ...request } = next;
      await useCases.subscribe(email, request);
      processed += 1;
    }
    return processed;
  };
  const tokenFor: Harness['tokenFor'] = async (email, purpose, expiresAt) => {
    const subscriber = await subscribers.find(email);
    if (!subscriber) throw new Error('no such subscriber');
    return tokens.sign({
      purpose,
      subscription: subscriber.subscriptionId,
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    });
  };
  const deliverQueued = async (): Promise<DeliveryRound> => {
    const results: DeliveryRound['results'] = {
      sent: 0,
      unknown: 0,
      skipped: 0,
      'recorded-earlier': 0,
      deferred: 0,
      'dead-lettered': 0,
    };
    for (let turn = queue.waiting.shift(); turn; turn = queue.waiting.shift()) {
      const receiveCount = turn.receiveCount + 1;
      try {
        results[await useCases.deliverDigest(turn, { receiveCount, final: receiveCount >= MAX_RECEIVES })] += 1;
      } catch (error) {
        if (!(error instanceof TurnDeferredError)) throw error;
        if (receiveCount >= MAX_RECEIVES) {
          results['dead-lettered'] += 1;
          queue.deadLetters.push({ ...turn, receiveCount });
        } else {
          results.deferred += 1;
          queue.waiting.push({ ...turn, receiveCount });
        }
      }
    }
    return { results };
  };
  const sendAndDeliver: Harness['sendAndDeliver'] = async (request) => {
    const summary = await useCases.sendDigest(request);
    return { ...summary, ...(await deliverQueued()) };
  };
  return {
    ...ports,
    newsletter,
    timeZone,
    useCases,
    importJobs,
    importFiles,
    importQueue,
    imports,
    importWorker,
    processImports,
    console,
    addSubscriber,
    processSubscriptions,
    tokenFor,
    deliverQueued,
    sendAndDeliver,
  };
}

/** The token of the first link to `path` in an email body (attribute-escaped or not). */
export function tokenFromLink(body: string, path: '/subscriptions/confirm' | '/unsubscribe'): string {
  const escaped = path.replace(/\//gu, '\\/');
  const match = new RegExp(`${escaped}\\?token=([^"&\\s\\]<>]+)`, 'u').exec(body);
  if (!match?.[1]) throw new Error(`no ${path} link in the body`);
  return decodeURIComponent(match[1]);
}

/** The rejection a promise ends in; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * What may be said of a summary while the summarizer's weights are being tuned: 1 to `max` sentences, each a
 * sentence of `text` (split as the summarizer splits it), in document order.
 */
export function expectSummaryOf(summary: readonly string[], text: string, max = 3): void {
  const sentences = splitParagraphs(text).flatMap(splitSentences);
  expect(summary.length).toBeGreaterThan(0);
  expect(summary.length).toBeLessThanOrEqual(max);
  const positions = summary.map((sentence) => sentences.indexOf(sentence));
  for (const position of positions) expect(position).toBeGreaterThanOrEqual(0);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(new Set(positions).size).toBe(positions.length);
}

/** A short English report, distinct from the Arabic sample. */
export const ENGLISH_REPORT = {
  title: 'City council approves new bicycle lanes',
  lede: 'The council voted to build forty kilometres of protected bicycle lanes by 2028.',
  body: [
    'The council approved the bicycle lane plan on Monday after a long debate.',
    'Supporters said protected lanes would make cycling safer for children and older residents.',
    'Opponents argued that the plan removes parking spaces that local shops depend on.',
    'The first lanes will open next spring along the river road.',
  ].join('\n'),
};

/** A short French report: Mujaz detects Arabic and English only, so an editor names this one. */
export const FRENCH_REPORT = {
  title: 'Le conseil municipal approuve de nouvelles pistes cyclables',
  body: [
    'Le conseil a voté lundi la construction de quarante kilomètres de pistes protégées.',
    'Les commerçants craignent la disparition de places de stationnement.',
    'Les premiers tronçons ouvriront au printemps le long du fleuve.',
  ].join('\n'),
};

/** A short Persian report, with the zero-width non-joiners Persian spelling needs (می‌شود, شده‌اند). */
export const PERSIAN_REPORT = {
  title: 'شورای شهر طرح دوچرخه را تصویب کرد',
  body: [
    'شورای شهر روز دوشنبه ساخت چهل کیلومتر مسیر دوچرخه را تصویب کرد.',
    'این مسیرها تا سال ۲۰۲۸ ساخته می\u200Cشوند و از کنار رودخانه می\u200Cگذرند.',
    'مغازه\u200Cداران نگران از دست رفتن جای پارک شده\u200Cاند.',
  ].join('\n'),
};
