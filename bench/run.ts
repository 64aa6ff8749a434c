// `npm run bench`: figures, never assertions.
//  0. Lambda bundles (bench/bundles.ts): each function's size and load time against the issue's budgets.
//  1. Summary quality: ROUGE-1/2/L F1 of Mujaz (the `summarize` command's code path) and of the Lead baseline on
//     both development sets (bench/datasets, `npm run datasets`), scored by the project's scorer (bench/rouge.ts),
//     with the issue's targets.
//  2. What each lever is worth: the same scores with one scoring weight (or redundancy control) switched off.
//  3. Speed: summarizer throughput on one core; digest rendering; per-recipient MIME building.
//  4. Delivery (bench/delivery.ts): a 60-report edition, and an end-to-end local send at a capped rate with SES
//     refusing a share of calls.
//  5. Subscribe timing (bench/subscribe-timing.ts): whether the answer's time tells known addresses from unknown.
//  6. Feeds (bench/feeds.ts): 200 sources × 50 items on local hosts, 10 % slow and 5 % failing — a first cycle, a
//     changed one and a not-modified one through the finder and the poll queue: time, CPU and memory.
//  7. Imports (bench/imports.ts): 100,000 rows imported as a job on DynamoDB Local, rows per second.
//  8. Console (bench/console.ts): the overview on 100,000 readers and 50 editions: p50/p95 own time, requests.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { HandlebarsEmailRenderer } from '../lambdas/adapters/handlebars-email-renderer';
import { compileEmailTemplates } from '../lambdas/adapters/mjml-template-compiler';
import { composeMime } from '../lambdas/adapters/ses-mailer';
import { buildDigestView, personalizeDigest, selectForEmail, transmittedBytes } from '../lambdas/core/domain/digest';
import type { EditionEntry } from '../lambdas/core/domain/edition';
import { publicLinks } from '../lambdas/core/domain/links';
import { listUnsubscribeHeaders } from '../lambdas/core/domain/list-unsubscribe';
import { reportIdFor } from '../lambdas/core/domain/report';
import { summarizeCleanText } from '../lambdas/core/domain/report-checks';
import { parsePlainTextReport } from '../lambdas/core/domain/report-submission';
import { splitParagraphs } from '../lambdas/core/domain/sentences';
import { DIGEST_BUDGET, SUMMARY_FEATURES, type SummarizerSettings, summarize } from '../lambdas/core/domain/summarizer';
import { summaryProfileFor, summaryProfileNameFor } from '../lambdas/core/domain/summary-profiles';
import { cleanText } from '../lambdas/core/domain/text-cleaning';
import { summarizeFile } from '../scripts/summarize';
import { benchBundles } from './bundles';
import { benchConsole } from './console';
import { benchDelivery } from './delivery';
import {
  DEV_SETS,
  type DevArticle,
  type DevSet,
  devSetFile,
  missingDevSets,
  REBUILD_ADVICE,
  readDevSet,
} from './dev-sets';
import { benchFeeds } from './feeds';
import { benchImports } from './imports';
import { leadSummary, scoreSummary, tokenize } from './rouge';
import { benchSubscribeTiming } from './subscribe-timing';

const ROOT = join(__dirname, '..');
const OUT = join(ROOT, 'out', 'bench');

/**
 * Issue 10's targets, always at no greater length than Lead: R-1 / R-2 F1 (%) to reach (`atLeast`), or to reach above
 * Lead's own (`overLead`).
 */
const TARGETS: Record<
  DevSet['name'],
  { atLeast: { r1: number; r2: number } } | { overLead: { r1: number; r2: number } }
> = {
  'easc-dev': { overLead: { r1: 0.5, r2: 0 } },
  'bbc-dev': { atLeast: { r1: 81, r2: 74 } },
};

interface Scores {
  r1: number;
  r2: number;
  rl: number;
  words: number;
}

interface ArticleScores {
  rouge1: number;
  rouge2: number;
  summaryWords: number;
}

/** Each article's scores, and the set's means in percent (words: the summaries' mean length in scorer tokens). */
function score(
  articles: readonly DevArticle[],
  summaryOf: (article: DevArticle) => string,
): { scores: Scores; perArticle: Map<string, ArticleScores> } {
  const perArticle = new Map<string, ArticleScores>();
  const total = { r1: 0, r2: 0, rl: 0, words: 0 };
  for (const article of articles) {
    const summary = summaryOf(article);
    const { rouge1, rouge2, rougeL } = scoreSummary(summary, article.summaries);
    const summaryWords = tokenize(summary).length;
    perArticle.set(article.id, { rouge1, rouge2, summaryWords });
    total.r1 += rouge1;
    total.r2 += rouge2;
    total.rl += rougeL;
    total.words += summaryWords;
  }
  const mean = (sum: number) => sum / articles.length;
  return {
    scores: { r1: 100 * mean(total.r1), r2: 100 * mean(total.r2), rl: 100 * mean(total.rl), words: mean(total.words) },
    perArticle,
  };
}

const format = (scores: Scores) =>
  `R1 ${scores.r1.toFixed(2).padStart(6)}  R2 ${scores.r2.toFixed(2).padStart(6)}  RL ${scores.rl.toFixed(2).padStart(6)}  words ${scores.words.toFixed(1).padStart(6)}`;

function readSystem(file: string): Map<string, string> {
  return new Map(
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { id: string; summary: string })
      .map((row) => [row.id, row.summary]),
  );
}

async function benchQuality(): Promise<void> {
  console.log('Summary quality — ROUGE F1 % (bench/rouge.ts); Mujaz through `npm run summarize`, Lead from the scorer');
  for (const set of DEV_SETS) {
    const articles = readDevSet(set);
    const system = join(OUT, `${set.name}.mujaz.jsonl`);
    await summarizeFile(devSetFile(set), system, { ratio: set.ratio }, (message) =>
      console.error(`  ${set.name}: ${message}`),
    );
    const summaries = readSystem(system);
    // An article the summarize command turned away scores 0, as a missing summary does in any ROUGE evaluation.
    const mujaz = score(articles, (article) => summaries.get(article.id) ?? '');
    const lead = score(articles, (article) => leadSummary(article.text, set.ratio));
    const target = TARGETS[set.name];
    const needed =
      'atLeast' in target
        ? target.atLeast
        : { r1: lead.scores.r1 + target.overLead.r1, r2: lead.scores.r2 + target.overLead.r2 };
    const meets =
      mujaz.scores.r1 >= needed.r1 && mujaz.scores.r2 >= needed.r2 && mujaz.scores.words <= lead.scores.words;
    console.log(`  ${set.name} ratio ${set.ratio}, profile ${summaryProfileNameFor(set.language)}`);
    console.log(`    mujaz  ${format(mujaz.scores)}`);
    console.log(`    lead   ${format(lead.scores)}`);
    console.log(
      `    target R1 ≥ ${needed.r1.toFixed(2)}, R2 ≥ ${needed.r2.toFixed(2)}, words ≤ lead's: ${meets ? 'met' : 'NOT met'}`,
    );
    const r1 = pairedDifference(mujaz.perArticle, lead.perArticle, 'rouge1');
    const r2 = pairedDifference(mujaz.perArticle, lead.perArticle, 'rouge2');
    console.log(
      `    against lead, article by article: R1 ${signed(r1.mean)} (standard error ${r1.standardError.toFixed(2)}), ` +
        `R2 ${signed(r2.mean)} (standard error ${r2.standardError.toFixed(2)}) — a gap below about two standard errors may be noise`,
    );
    printByTextShape(articles, mujaz.perArticle, lead.perArticle);
  }
}

/**
 * Hard-wrapped texts apart from the others: the scorer's Lead cuts them at each line break, mid-sentence, where
 * Mujaz joins the lines back into paragraphs and keeps whole sentences (docs/SUMMARIES.md).
 */
function printByTextShape(
  articles: readonly DevArticle[],
  mujaz: ReadonlyMap<string, ArticleScores>,
  lead: ReadonlyMap<string, ArticleScores>,
): void {
  const isHardWrapped = (article: DevArticle) => {
    const text = cleanText(article.text);
    return splitParagraphs(text).length < text.split('\n').filter((line) => line.trim() !== '').length;
  };
  for (const [shape, group] of [
    ['hard-wrapped', articles.filter(isHardWrapped)],
    ['other', articles.filter((article) => !isHardWrapped(article))],
  ] as const) {
    if (group.length === 0) continue;
    const mean = (rows: ReadonlyMap<string, ArticleScores>, pick: (scores: ArticleScores) => number) =>
      group.reduce((sum, article) => sum + (rows.has(article.id) ? pick(rows.get(article.id)!) : 0), 0) / group.length;
    const figures = (rows: ReadonlyMap<string, ArticleScores>) =>
      `R1 ${(100 * mean(rows, (s) => s.rouge1)).toFixed(2)}  R2 ${(100 * mean(rows, (s) => s.rouge2)).toFixed(2)}  words ${mean(rows, (s) => s.summaryWords).toFixed(1)}`;
    console.log(`    ${shape} (${group.length}): mujaz ${figures(mujaz)} | lead ${figures(lead)}`);
  }
}

const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;

/** Mean and standard error of (system − baseline) over the articles the system's per-article scores hold, in points. */
function pairedDifference(
  system: ReadonlyMap<string, ArticleScores>,
  baseline: ReadonlyMap<string, ArticleScores>,
  metric: 'rouge1' | 'rouge2',
): { mean: number; standardError: number } {
  const differences = [...system].map(([id, scores]) => 100 * (scores[metric] - (baseline.get(id)?.[metric] ?? 0)));
  const mean = differences.reduce((sum, x) => sum + x, 0) / differences.length;
  const variance = differences.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (differences.length - 1);
  return { mean, standardError: Math.sqrt(variance / differences.length) };
}

function benchAblations(): void {
  console.log('What each lever is worth — R1 / R2 with one part switched off (Δ against the full summarizer)');
  // Each set with its own language's profile, one lever switched off at a time.
  const variants: [string, (profile: SummarizerSettings) => SummarizerSettings][] = [
    ['full summarizer', (profile) => profile],
  ];
  for (const weight of SUMMARY_FEATURES) {
    variants.push([`without ${weight}`, (profile) => ({ ...profile, weights: { ...profile.weights, [weight]: 0 } })]);
  }
  variants.push(['without redundancy control', (profile) => ({ ...profile, redundancyLimit: 1 })]);
  const baseline: Record<string, Scores> = {};
  for (const [label, variant] of variants) {
    const cells = DEV_SETS.map((set) => {
      const settings = variant(summaryProfileFor(set.language));
      const { scores } = score(readDevSet(set), (article) =>
        summarize(
          cleanText(article.text),
          { language: article.lang, title: article.title, budget: { ratio: set.ratio } },
          settings,
        ).sentences.join(' '),
      );
      baseline[set.name] ??= scores;
      const base = baseline[set.name]!;
      const delta = (value: number, reference: number) =>
        label === 'full summarizer' ? '' : ` (${value - reference >= 0 ? '+' : ''}${(value - reference).toFixed(2)})`;
      return `${set.name} ${scores.r1.toFixed(2)}${delta(scores.r1, base.r1)} / ${scores.r2.toFixed(2)}${delta(scores.r2, base.r2)}`;
    });
    console.log(`  ${label.padEnd(28)} ${cells.join('   ')}`);
  }
}

function benchThroughput(): void {
  const articles = DEV_SETS.flatMap(readDevSet);
  const rounds = 5;
  summarizeCleanText({ title: articles[0]!.title, body: articles[0]!.text }, DIGEST_BUDGET); // warm the stop-word lists
  const started = performance.now();
  for (let round = 0; round < rounds; round += 1) {
    for (const article of articles) summarizeCleanText({ title: article.title, body: article.text }, { ratio: 0.33 });
  }
  const seconds = (performance.now() - started) / 1000;
  const perArticleWords =
    articles.reduce((sum, article) => sum + article.text.split(/\s+/u).length, 0) / articles.length;
  console.log(
    `Summarizer throughput: ${((articles.length * rounds) / seconds).toFixed(0)} articles/s on one core ` +
      `(language detection + summary + key phrases; ${articles.length} dev articles × ${rounds}, ~${perArticleWords.toFixed(0)} words each)`,
  );
}

async function benchEmail(): Promise<void> {
  const sample = parsePlainTextReport(readFileSync(join(ROOT, 'samples', 'report-ar.txt'), 'utf8'));
  const analysis = summarizeCleanText(sample, DIGEST_BUDGET);
  const reports: EditionEntry[] = Array.from({ length: 10 }, (_, index) => ({
    title: sample.title,
    summary: analysis.summary,
    language: analysis.language,
    id: `${reportIdFor(sample)}-${index}`,
    url: `https://example.com/reports/${index}`,
    receivedAt: new Date().toISOString(),
  }));
  const renderer = new HandlebarsEmailRenderer(await compileEmailTemplates(join(ROOT, 'templates')));
  const view = buildDigestView(selectForEmail(reports, 10, 0), publicLinks('https://api.example.com').editionUrl('1'), {
    newsletter: { name: 'موجز', language: 'ar' },
    timeZone: 'UTC',
  });
  let started = performance.now();
  const rendered = await renderer.renderDigest(view);
  const firstMs = performance.now() - started;
  const rounds = 20;
  started = performance.now();
  for (let round = 0; round < rounds; round += 1) await renderer.renderDigest(view);
  const warmMs = (performance.now() - started) / rounds;
  console.log(
    `Digest rendering (10 Arabic items): first ${firstMs.toFixed(0)} ms, warm ${warmMs.toFixed(1)} ms; HTML ${(Buffer.byteLength(rendered.html) / 1024).toFixed(1)} KB, ${(transmittedBytes(rendered.html) / 1024).toFixed(1)} KB as transmitted (Gmail clips above ~102 KB)`,
  );

  const recipients = 500;
  started = performance.now();
  let bytes = 0;
  for (let index = 0; index < recipients; index += 1) {
    const url = publicLinks('https://api.example.com').unsubscribeUrl(`t${index}`);
    const personal = personalizeDigest(rendered, url);
    bytes += (
      await composeMime('موجز <digest@example.com>', {
        to: `reader${index}@example.com`,
        ...personal,
        headers: listUnsubscribeHeaders(url),
      })
    ).length;
  }
  const perSecond = recipients / ((performance.now() - started) / 1000);
  console.log(
    `Per-recipient personalization + MIME: ${perSecond.toFixed(0)} messages/s on one core; ${(bytes / recipients / 1024).toFixed(1)} KB per message`,
  );
}

/** The bench's parts, in the order a full run prints them; `npm run bench -- summaries delivery` runs only those. */
const PARTS: Record<string, () => Promise<void> | void> = {
  bundles: benchBundles,
  summaries: async () => {
    const missing = missingDevSets();
    if (missing.length > 0) {
      console.log(
        `Summary quality: ${missing.map((set) => `bench/datasets/${set.name}.jsonl`).join(' and ')} missing;`,
      );
      console.log(`  ${REBUILD_ADVICE}. Skipped.`);
      return;
    }
    await benchQuality();
    benchAblations();
    benchThroughput();
  },
  email: benchEmail,
  delivery: benchDelivery,
  subscribe: benchSubscribeTiming,
  feeds: benchFeeds,
  imports: benchImports,
  console: benchConsole,
};

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((part) => !Object.hasOwn(PARTS, part));
  if (unknown.length > 0) {
    console.error(`unknown bench part: ${unknown.join(', ')} (the parts: ${Object.keys(PARTS).join(', ')})`);
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  for (const [name, run] of Object.entries(PARTS)) if (asked.length === 0 || asked.includes(name)) await run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
