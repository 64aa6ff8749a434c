// `npm run bench`: figures, never assertions. Summary quality (ROUGE, via ../shared/tools/summary-eval.mjs),
// summarizer throughput, digest rendering and per-recipient MIME building.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeMime } from '../lambdas/adapters/ses-mailer';
import { MjmlEmailRenderer, readEmailTemplates } from '../lambdas/adapters/mjml-email-renderer';
import { buildDigestView, personalizeDigest } from '../lambdas/core/domain/digest';
import { isoWeekOf } from '../lambdas/core/domain/iso-week';
import { detectLanguage, type LanguageCode } from '../lambdas/core/domain/language';
import { listUnsubscribeHeaders } from '../lambdas/core/domain/list-unsubscribe';
import { parsePlainTextReport, reportIdFor, summarizableText, type Report } from '../lambdas/core/domain/report';
import { splitParagraphs, splitSentences } from '../lambdas/core/domain/sentences';
import { DIGEST_SUMMARY_SENTENCES, summarize } from '../lambdas/core/domain/summarizer';

const ROOT = join(__dirname, '..');
const SHARED = join(ROOT, '..', 'shared');
const OUT = join(ROOT, 'out', 'bench');
const DATASETS = ['easc-dev', 'bbc-dev'];

interface Article {
  id: string;
  lang: LanguageCode;
  title: string;
  text: string;
}

function readArticles(name: string): Article[] {
  return readFileSync(join(SHARED, 'datasets', `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Article);
}

interface EvalSet {
  rouge1_f1: number;
  rouge2_f1: number;
  rougeL_f1: number;
  mean_summary_words: number;
}

function rouge(name: string, system: string): string {
  const output = execFileSync(process.execPath, [join(SHARED, 'tools', 'summary-eval.mjs'), '--data', join(SHARED, 'datasets', `${name}.jsonl`), '--system', system, '--json'], { encoding: 'utf8' });
  const [set] = (JSON.parse(output) as { sets: EvalSet[] }).sets;
  if (!set) throw new Error(`summary-eval.mjs returned no scores for ${name}`);
  const percent = (value: number) => (value * 100).toFixed(1).padStart(5);
  return `R1 ${percent(set.rouge1_f1)}  R2 ${percent(set.rouge2_f1)}  RL ${percent(set.rougeL_f1)}  words ${set.mean_summary_words.toFixed(0).padStart(4)}`;
}

function benchSummaries(): void {
  if (!existsSync(join(SHARED, 'datasets'))) {
    console.log('Summaries: ../shared/datasets not found; ROUGE skipped.');
    return;
  }
  mkdirSync(OUT, { recursive: true });
  console.log(`Summaries (${DIGEST_SUMMARY_SENTENCES} sentences, the digest budget) — ROUGE-1/2/L F1 % from summary-eval.mjs`);
  let articles = 0;
  let seconds = 0;
  for (const name of DATASETS) {
    const data = readArticles(name);
    const started = performance.now();
    const mujaz = data.map((article) => ({ id: article.id, summary: summarize(article.text, { language: article.lang, title: article.title }).join(' ') }));
    seconds += (performance.now() - started) / 1000;
    articles += data.length;
    const lead = data.map((article) => ({ id: article.id, summary: splitParagraphs(article.text).flatMap(splitSentences).slice(0, DIGEST_SUMMARY_SENTENCES).join(' ') }));
    for (const [system, summaries] of [['mujaz', mujaz], ['lead-3', lead]] as const) {
      const file = join(OUT, `${name}.${system}.jsonl`);
      writeFileSync(file, summaries.map((line) => JSON.stringify(line)).join('\n') + '\n');
      console.log(`  ${name.padEnd(9)} ${system.padEnd(7)} ${rouge(name, file)}`);
    }
  }
  console.log(`  throughput: ${(articles / seconds).toFixed(0)} articles/s on one core (${articles} articles, ${(seconds * 1000).toFixed(0)} ms, first pass included)`);
}

async function benchEmail(): Promise<void> {
  const sample = parsePlainTextReport(readFileSync(join(ROOT, 'samples', 'report-ar.txt'), 'utf8'));
  const language = detectLanguage(sample.body);
  const week = isoWeekOf(new Date(), 'UTC');
  const reports: Report[] = Array.from({ length: 10 }, (_, index) => ({
    ...sample,
    id: `${reportIdFor(sample)}-${index}`,
    url: `https://example.com/reports/${index}`,
    language,
    receivedAt: new Date().toISOString(),
    week: week.id,
    summary: summarize(summarizableText(sample), { language, title: sample.title }),
  }));
  const renderer = new MjmlEmailRenderer(readEmailTemplates(join(ROOT, 'templates')));
  const view = buildDigestView(reports, week, { name: 'موجز', language: 'ar' });
  let started = performance.now();
  const rendered = await renderer.renderDigest(view);
  const firstMs = performance.now() - started;
  const rounds = 20;
  started = performance.now();
  for (let round = 0; round < rounds; round += 1) await renderer.renderDigest(view);
  const warmMs = (performance.now() - started) / rounds;
  console.log(`Digest rendering (10 Arabic items): first ${firstMs.toFixed(0)} ms, warm ${warmMs.toFixed(1)} ms; HTML ${(Buffer.byteLength(rendered.html) / 1024).toFixed(1)} KB (Gmail clips above ~102 KB)`);

  const recipients = 500;
  started = performance.now();
  let bytes = 0;
  for (let index = 0; index < recipients; index += 1) {
    const url = `https://api.example.com/unsubscribe?token=t${index}`;
    const personal = personalizeDigest(rendered, url);
    bytes += (await composeMime('موجز <digest@example.com>', { to: `reader${index}@example.com`, ...personal, headers: listUnsubscribeHeaders(url) })).length;
  }
  const perSecond = recipients / ((performance.now() - started) / 1000);
  console.log(`Per-recipient personalization + MIME: ${perSecond.toFixed(0)} messages/s on one core; ${(bytes / recipients / 1024).toFixed(1)} KB per message`);
}

benchSummaries();
benchEmail().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
