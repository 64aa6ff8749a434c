// The summarizer on real articles: the golden articles (test/fixtures/articles: Arabic and English Wikipedia text,
// its README names each source), summarized at the bench's ratios and at the digest's budget, must give the
// summaries, key phrases and detected language recorded in the snapshot. A change to scoring, selection, splitting
// or detection that moves any of them fails here; when the change is meant (a retuned summarizer), check
// `npm run bench` and re-record with `jest -u`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage } from '../../../lambdas/core/domain/language-detection';
import { DIGEST_BUDGET, summarize } from '../../../lambdas/core/domain/summarizer';

interface Article {
  id: string;
  lang: string;
  title: string;
  text: string;
}

/** The bench's ratio for each language's development set: the references' mean length there. */
const BENCH_RATIO: Record<string, number> = { ar: 0.33, en: 0.45 };

const ARTICLES = readFileSync(join(__dirname, '..', '..', 'fixtures', 'articles', 'golden.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as Article);

it('holds ten articles in each language', () => {
  expect(ARTICLES.filter((article) => article.lang === 'ar')).toHaveLength(10);
  expect(ARTICLES.filter((article) => article.lang === 'en')).toHaveLength(10);
});

it.each(ARTICLES.map((article) => [article.id, article] as const))('%s', (_id, article) => {
  const options = { language: article.lang, title: article.title };
  expect({
    detected: detectLanguage(`${article.title}\n${article.text}`),
    atRatio: summarize(article.text, { ...options, budget: { ratio: BENCH_RATIO[article.lang]! } }),
    forTheDigest: summarize(article.text, { ...options, budget: DIGEST_BUDGET }).sentences,
  }).toMatchSnapshot();
});
