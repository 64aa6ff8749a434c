// Core layer: extractive summaries — the sentences that carry a report, in the order it tells them — scored,
// then chosen within a budget. Deterministic and pure: the same text always gives the same summary.
import { contentTermsOf, countTerms } from './content-terms';
import { keyPhrases } from './key-phrases';
import type { LanguageCode } from './language-detection';
import { splitParagraphs, splitSentences } from './sentences';
import { summaryProfileFor } from './summary-profiles';

/** How long a summary may be: a share of the text's words, a number of sentences, or a number of words. */
export type SummaryBudget = { ratio: number } | { sentences: number } | { words: number };

export interface SummaryOptions {
  language: LanguageCode | string;
  budget?: SummaryBudget;
  /** The title's words count double when key phrases are chosen. */
  title?: string;
}

export interface Summary {
  sentences: string[];
  keyPhrases: string[];
}

/** The digest shows about three sentences of each report. */
export const DIGEST_BUDGET: SummaryBudget = { sentences: 3 };

export interface SummarizerSettings {
  weights: Record<SummaryFeature, number>;
  /** Share of a sentence's content terms already in a chosen one above which it only repeats that one. */
  redundancyLimit: number;
  /** How much lower a sentence may score and still close a word budget in place of a longer one. */
  closingSlack: number;
}

/**
 * Sentence score = Σ weight × feature, each feature scaled to about [0, 1] within the document. The weights are a
 * profile per language (summary-profiles.ts): one engine, the data differs. What the features say:
 *  - position: news and encyclopedic texts lead with what matters — 1/√(1+i), a linear slope over the
 *    whole text, the first paragraph;
 *  - centrality: `similarity` (a sentence's summed cosine similarity to all others: what the text keeps
 *    coming back to) and `textRank` (the same graph, walked as PageRank); `termFrequency` (mean frequency of
 *    a sentence's terms) comes out negative next to them: among central sentences, those packed with the
 *    few most repeated words say less that is new;
 *  - leadSimilarity: sharing vocabulary with the opening sentence (which shares all of it: the lead is
 *    always chosen);
 *  - length: fragments (under 8 words) and run-on sentences (over 40 words) read badly on their own, and
 *    shorter sentences leave room for one more.
 */
export const SUMMARY_FEATURES = [
  'position',
  'firstParagraph',
  'slope',
  'similarity',
  'textRank',
  'termFrequency',
  'leadSimilarity',
  'fragment',
  'runOn',
  'length',
] as const;
export type SummaryFeature = (typeof SUMMARY_FEATURES)[number];

const FRAGMENT_WORDS = 8;
const SCRAP_WORDS = 3;
const RUN_ON_WORDS = 40;
/** The similarity graph grows with the square of the sentence count; beyond this the tail joins by position only. */
const GRAPH_SENTENCES = 400;

interface Sentence {
  text: string;
  index: number;
  paragraph: number;
  words: number;
  terms: string[];
}

/** `settings` exists for the bench's ablations and tuning; everything else uses the language's profile. */
export function summarize(
  text: string,
  options: SummaryOptions,
  settings: SummarizerSettings = summaryProfileFor(options.language),
): Summary {
  const analysis = analyze(text, options.language);
  const sentences = analysis.sentences;
  if (sentences.length === 0) return { sentences: [], keyPhrases: [] };
  const scores = scoreSentences(sentences, analysis.termFrequency, settings.weights);
  const chosen = select(sentences, scores, options.budget ?? DIGEST_BUDGET, settings);
  return {
    sentences: chosen.map((sentence) => sentence.text),
    keyPhrases: keyPhrases(text, options, analysis.termFrequency),
  };
}

/** Words as the ROUGE scorer counts them: runs of letters and digits. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu)?.length ?? 0;
}

function analyze(text: string, language: string): { sentences: Sentence[]; termFrequency: Map<string, number> } {
  const contentTerms = contentTermsOf(language);
  const sentences: Sentence[] = [];
  splitParagraphs(text).forEach((paragraph, paragraphIndex) => {
    for (const sentence of splitSentences(paragraph)) {
      sentences.push({
        text: sentence,
        index: sentences.length,
        paragraph: paragraphIndex,
        words: countWords(sentence),
        terms: contentTerms(sentence),
      });
    }
  });
  return { sentences: sentences.filter((sentence) => sentence.words > 0), termFrequency: countTerms(sentences) };
}

function scoreSentences(
  sentences: Sentence[],
  frequency: ReadonlyMap<string, number>,
  weights: SummarizerSettings['weights'],
): number[] {
  return featuresOf(sentences, frequency).map((features) =>
    SUMMARY_FEATURES.reduce((score, feature) => score + weights[feature] * features[feature], 0),
  );
}

/** Each sentence's features: what a profile's weights multiply. */
function featuresOf(sentences: Sentence[], frequency: ReadonlyMap<string, number>): Record<SummaryFeature, number>[] {
  const meanFrequency = normalizeByMax(
    sentences.map((s) => s.terms.reduce((sum, term) => sum + frequency.get(term)!, 0) / Math.max(1, s.terms.length)),
  );
  const graph = similarityGraph(sentences);
  const textRank = normalizeByMax(textRankScores(graph));
  const degree = normalizeByMax(graph.map((row) => row.reduce((sum, x) => sum + x, 0)));
  const lead = new Set(sentences[0]!.terms);
  const count = sentences.length;
  return sentences.map((sentence, i) => {
    const unique = new Set(sentence.terms);
    const leadSimilarity = i === 0 ? 1 : [...unique].filter((term) => lead.has(term)).length / Math.max(1, unique.size);
    return {
      position: 1 / Math.sqrt(1 + i),
      firstParagraph: sentence.paragraph === 0 ? 1 : 0,
      slope: 1 - i / count,
      similarity: degree[i] ?? 0,
      textRank: textRank[i] ?? 0,
      termFrequency: meanFrequency[i]!,
      leadSimilarity,
      fragment: sentence.words < FRAGMENT_WORDS ? 1 : 0,
      runOn: Math.min(1, Math.max(0, (sentence.words - RUN_ON_WORDS) / 30)),
      length: Math.min(2, sentence.words / 30),
    };
  });
}

/** Cosine similarity of the sentences' term-frequency vectors: the graph both centralities walk. */
function similarityGraph(sentences: Sentence[]): number[][] {
  const vectors = sentences.slice(0, GRAPH_SENTENCES).map((sentence) => {
    const vector = new Map<string, number>();
    for (const term of sentence.terms) vector.set(term, (vector.get(term) ?? 0) + 1);
    return vector;
  });
  const norms = vectors.map((vector) => Math.sqrt([...vector.values()].reduce((sum, x) => sum + x * x, 0)) || 1);
  return vectors.map((a, i) =>
    vectors.map((b, j) => {
      if (i === j) return 0;
      let dot = 0;
      for (const [term, x] of a) dot += x * (b.get(term) ?? 0);
      return dot / (norms[i]! * norms[j]!);
    }),
  );
}

/** TextRank (Mihalcea & Tarau): PageRank over the similarity graph, damping 0.85. */
function textRankScores(weights: number[][]): number[] {
  const n = weights.length;
  const outWeight = weights.map((row) => row.reduce((sum, x) => sum + x, 0));
  let rank = new Array<number>(n).fill(1 / n);
  for (let iteration = 0; iteration < 30; iteration += 1) {
    const next = new Array<number>(n).fill(0.15 / n);
    for (let j = 0; j < n; j += 1) {
      if (outWeight[j] === 0) continue;
      const share = (0.85 * rank[j]!) / outWeight[j]!;
      const row = weights[j]!;
      for (let i = 0; i < n; i += 1) if (row[i]) next[i]! += share * row[i]!;
    }
    rank = next;
  }
  return rank;
}

function select(
  sentences: Sentence[],
  scores: number[],
  budget: SummaryBudget,
  settings: SummarizerSettings,
): Sentence[] {
  const totalWords = sentences.reduce((sum, sentence) => sum + sentence.words, 0);
  const target = 'sentences' in budget ? undefined : 'ratio' in budget ? budget.ratio * totalWords : budget.words;
  const done = (picked: Sentence[], words: number) =>
    target === undefined
      ? picked.length >= Math.max(1, Math.floor((budget as { sentences: number }).sentences))
      : picked.length > 0 && words >= target;
  // Two-word scraps ("Yes.", a dateline) only ever fill in when nothing else is left.
  const scrap = (sentence: Sentence) => (sentence.words < SCRAP_WORDS ? 1 : 0);
  const remaining = [...sentences].sort(
    (a, b) => scrap(a) - scrap(b) || scores[b.index]! - scores[a.index]! || a.index - b.index,
  );
  const picked: Sentence[] = [];
  const pickedTerms: Set<string>[] = [];
  const repeats = (candidate: Sentence) => {
    const terms = new Set(candidate.terms);
    return pickedTerms.some((chosen) => containment(chosen, terms) > settings.redundancyLimit);
  };
  let words = 0;
  while (!done(picked, words)) {
    let choice = remaining.findIndex((candidate) => !repeats(candidate));
    if (choice < 0) break;
    const best = remaining[choice]!;
    // The sentence that closes a word budget: a nearly-as-good one that closes it with less overshoot wins.
    if (target !== undefined && words + best.words >= target) {
      for (let next = choice + 1; next < remaining.length; next += 1) {
        const candidate = remaining[next]!;
        if (scores[candidate.index]! < scores[best.index]! - settings.closingSlack) break;
        if (words + candidate.words >= target && candidate.words < remaining[choice]!.words && !repeats(candidate))
          choice = next;
      }
    }
    const [chosen] = remaining.splice(choice, 1);
    picked.push(chosen!);
    pickedTerms.push(new Set(chosen!.terms));
    words += chosen!.words;
  }
  return picked.sort((a, b) => a.index - b.index);
}

function normalizeByMax(values: number[]): number[] {
  const max = values.reduce((largest, value) => Math.max(largest, value), Number.EPSILON);
  return values.map((value) => value / max);
}

/** Share of the smaller sentence's terms that the other one also has: 1 when one restates the other. */
function containment(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  const smaller = Math.min(a.size, b.size);
  return smaller === 0 ? 0 : shared / smaller;
}
