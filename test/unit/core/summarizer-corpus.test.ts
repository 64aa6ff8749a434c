// The summarizer on real articles: the first articles of each development set (../shared/datasets), summarized
// at the bench's ratios and at the digest's budget, must give the summaries, key phrases and detected language
// recorded in the snapshot. A change to scoring, selection, splitting or detection that moves any of them fails
// here; when the change is meant (a retuned summarizer), check `npm run bench` and re-record with `jest -u`.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { detectLanguage } from '../../../lambdas/core/domain/language-detection';
import { DIGEST_BUDGET, summarize } from '../../../lambdas/core/domain/summarizer';

interface Article {
  id: string;
  lang: string;
  title: string;
  text: string;
}

/** ../shared/datasets beside the project, found from wherever the tests run (Stryker runs them in a sandbox copy). */
function datasetsDirectory(): string {
  for (let directory = __dirname; directory !== dirname(directory); directory = dirname(directory)) {
    const candidate = join(directory, 'shared', 'datasets');
    if (existsSync(join(candidate, 'easc-dev.jsonl'))) return candidate;
  }
  throw new Error(`no shared/datasets above ${__dirname}`);
}

const DATASETS = datasetsDirectory();
const PER_SET = 10;

function firstArticles(file: string): Article[] {
  return readFileSync(join(DATASETS, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, PER_SET)
    .map((line) => JSON.parse(line) as Article);
}

describe.each([
  ['easc-dev.jsonl', 0.33],
  ['bbc-dev.jsonl', 0.45],
])('%s', (file, ratio) => {
  it.each(firstArticles(file).map((article) => [article.id, article] as const))('%s', (_id, article) => {
    const options = { language: article.lang, title: article.title };
    expect({
      detected: detectLanguage(`${article.title}\n${article.text}`),
      atRatio: summarize(article.text, { ...options, budget: { ratio } }),
      forTheDigest: summarize(article.text, { ...options, budget: DIGEST_BUDGET }).sentences,
    }).toMatchSnapshot();
  });
});
