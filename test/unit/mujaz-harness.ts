// Shared by the use-case and HTTP tests: the real core, renderer, signer and article extractor wired to in-memory fakes,
// bound through the same useCaseDeps() + bindMujaz() as lambdas/composition/create-mujaz.ts (without AWS clients).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HmacTokenSigner } from '../../lambdas/adapters/hmac-token-signer';
import { MjmlEmailRenderer, readEmailTemplates } from '../../lambdas/adapters/mjml-email-renderer';
import { ReadabilityArticleExtractor } from '../../lambdas/adapters/readability-article-extractor';
import type { NewsletterIdentity } from '../../lambdas/core/domain/digest';
import { splitParagraphs, splitSentences } from '../../lambdas/core/domain/sentences';
import type { Subscriber } from '../../lambdas/core/domain/subscriber';
import { bindMujaz, type Mujaz, useCaseDeps } from '../../lambdas/core/mujaz';
import type { Logger } from '../../lambdas/core/ports/logger';
import type { IngestReportDeps } from '../../lambdas/core/use-cases/ingest-report';
import type { SubscriptionDeps } from '../../lambdas/core/use-cases/manage-subscription';
import type { DigestDeps } from '../../lambdas/core/use-cases/send-digest';
import { FixedClock } from '../support/fixed-clock';
import { InMemoryDigestLedger } from '../support/in-memory-digest-ledger';
import { InMemoryReportRepository } from '../support/in-memory-report-repository';
import { InMemorySubscriberRepository } from '../support/in-memory-subscriber-repository';
import { RecordingMailer } from '../support/recording-mailer';

export const ROOT = join(__dirname, '..', '..');
export const SAMPLE_REPORT_AR = readFileSync(join(ROOT, 'samples', 'report-ar.txt'), 'utf8');
export const TOKEN_SECRET = 'test-secret-that-is-long-enough-for-hmac-0123456789';
export const PUBLIC_BASE_URL = 'https://mujaz.example/api';
export const CONFIRM_WITHIN_MS = 48 * 3_600_000;
/** Tuesday of 2026-W48 in Asia/Riyadh. */
export const START = '2026-11-24T09:00:00.000Z';

/** The renderer compiles the templates once; every test file shares that. */
let sharedRenderer: MjmlEmailRenderer | undefined;
export function realRenderer(): MjmlEmailRenderer {
  sharedRenderer ??= new MjmlEmailRenderer(readEmailTemplates(join(ROOT, 'templates')));
  return sharedRenderer;
}

export interface LogEntry {
  level: 'info' | 'warn' | 'error';
  message: string;
  attributes?: Record<string, unknown>;
}

export class RecordingLogger implements Logger {
  readonly entries: LogEntry[] = [];
  info(message: string, attributes?: Record<string, unknown>): void {
    this.entries.push({ level: 'info', message, ...(attributes ? { attributes } : {}) });
  }
  warn(message: string, attributes?: Record<string, unknown>): void {
    this.entries.push({ level: 'warn', message, ...(attributes ? { attributes } : {}) });
  }
  error(message: string, attributes?: Record<string, unknown>): void {
    this.entries.push({ level: 'error', message, ...(attributes ? { attributes } : {}) });
  }
}

export interface Harness {
  clock: FixedClock;
  reports: InMemoryReportRepository;
  subscribers: InMemorySubscriberRepository;
  ledger: InMemoryDigestLedger;
  mailer: RecordingMailer;
  tokens: HmacTokenSigner;
  extractor: ReadabilityArticleExtractor;
  logger: RecordingLogger;
  newsletter: NewsletterIdentity;
  timeZone: string;
  ingestDeps: IngestReportDeps;
  subscriptionDeps: SubscriptionDeps;
  digestDeps: DigestDeps;
  mujaz: Mujaz;
  /** Puts a subscriber straight into the repository. */
  addSubscriber(email: string, status?: Subscriber['status']): Promise<void>;
}

export function createHarness(
  options: { newsletter?: NewsletterIdentity; timeZone?: string; start?: string; sendConcurrency?: number } = {},
): Harness {
  const clock = new FixedClock(options.start ?? START);
  const reports = new InMemoryReportRepository();
  const subscribers = new InMemorySubscriberRepository();
  const ledger = new InMemoryDigestLedger();
  const mailer = new RecordingMailer();
  const tokens = new HmacTokenSigner(TOKEN_SECRET);
  const extractor = new ReadabilityArticleExtractor();
  const logger = new RecordingLogger();
  const newsletter = options.newsletter ?? { name: 'موجز', language: 'ar' };
  const timeZone = options.timeZone ?? 'Asia/Riyadh';
  const deps = useCaseDeps(
    {
      reports,
      subscribers,
      archive: ledger,
      ledger,
      mailer,
      renderer: realRenderer(),
      tokens,
      extractor,
      clock,
      logger,
    },
    {
      newsletter,
      timeZone,
      publicBaseUrl: PUBLIC_BASE_URL,
      confirmWithinMs: CONFIRM_WITHIN_MS,
      sendConcurrency: options.sendConcurrency ?? 4,
    },
  );
  const { ingest: ingestDeps, subscription: subscriptionDeps, digest: digestDeps } = deps;
  const mujaz: Mujaz = bindMujaz(deps);
  const addSubscriber = async (email: string, status: Subscriber['status'] = 'confirmed'): Promise<void> => {
    const at = clock.now().toISOString();
    await subscribers.save({
      email,
      status,
      subscribedAt: at,
      ...(status === 'confirmed' ? { confirmedAt: at } : {}),
      ...(status === 'unsubscribed' ? { unsubscribedAt: at } : {}),
      ...(status === 'pending'
        ? { pendingUntil: new Date(clock.now().getTime() + CONFIRM_WITHIN_MS).toISOString() }
        : {}),
    });
  };
  return {
    clock,
    reports,
    subscribers,
    ledger,
    mailer,
    tokens,
    extractor,
    logger,
    newsletter,
    timeZone,
    ingestDeps,
    subscriptionDeps,
    digestDeps,
    mujaz,
    addSubscriber,
  };
}

/** The token of the first link to `path` in an email body (attribute-escaped or not). */
export function tokenFromLink(body: string, path: '/subscriptions/confirm' | '/unsubscribe'): string {
  const escaped = path.replace(/\//gu, '\\/');
  const match = new RegExp(`${escaped}\\?token=([^"&\\s\\]<>]+)`, 'u').exec(body);
  if (!match?.[1]) throw new Error(`no ${path} link in the body`);
  return decodeURIComponent(match[1]);
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

/** A page from test/fixtures/html. */
export function htmlFixture(
  name: 'arabic-news-article.html' | 'english-news-article.html' | 'markup-only.html' | 'short-paragraphs.html',
): string {
  return readFileSync(join(ROOT, 'test', 'fixtures', 'html', name), 'utf8');
}

/** Boilerplate of the fixture pages (cookie banners, navigation, share buttons, sidebars, footers, scripts). */
export const FIXTURE_BOILERPLATE = {
  'arabic-news-article.html': [
    'نستخدم ملفات تعريف الارتباط',
    'اشترك الآن في النشرة اليومية',
    'منوعات وفنون',
    'شارك على فيسبوك',
    'الأكثر قراءة',
    'اقرأ أيضاً',
    'أضف تعليقك',
    'جميع الحقوق محفوظة',
    'صحيفة الأفق',
    'dataLayer',
    'سلمى الحداد',
  ],
  'english-news-article.html': [
    'We use cookies',
    'Accept all',
    'The Coastal Ledger',
    'Crosswords',
    'By Martin Okafor',
    'Share on Facebook',
    'Related stories',
    'Most read',
    'All rights reserved',
    'analyticsQueue',
  ],
} as const;

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
