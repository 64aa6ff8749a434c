// Core layer: extractive summaries — the sentences that carry a report, in the order it tells them — and the
// key phrases that name what it is about. Deterministic and pure: the same text always gives the same summary.
import type { LanguageCode } from './language';
import { splitParagraphs, splitSentences } from './sentences';
import { stopWordsFor } from './stop-words';
import { lightStem, tokenize } from './text-normalization';

/** How long a summary may be: a share of the text's words, a number of sentences, or a number of words. */
export type SummaryBudget = { ratio: number } | { sentences: number } | { words: number };

export interface SummaryOptions {
  language: LanguageCode | string;
  budget?: SummaryBudget;
  /** Sentences about what the title names are favoured. */
  title?: string;
}

export interface Summary {
  sentences: string[];
  keyPhrases: string[];
}

/** The digest shows about three sentences of each report. */
export const DIGEST_BUDGET: SummaryBudget = { sentences: 3 };

/**
 * Sentence score = Σ weight × feature, every feature scaled to about [0, 1] within the document.
 * Tuned once on both development sets together (EASC Arabic, BBC English; see bench/), never per language.
 *  - position: news and encyclopedic texts lead with what matters (1/√(1+i), the first sentence, the first
 *    paragraph, and a gentle slope over the whole text);
 *  - centrality: how much of the text's recurring vocabulary a sentence carries (mean term frequency) and
 *    how central it is in the sentence-similarity graph (TextRank);
 *  - lead similarity: sharing vocabulary with the opening sentence;
 *  - length: fragments (under 8 words) and run-on sentences (over 40) read badly on their own.
 */
export interface SummarizerSettings {
  weights: Record<keyof typeof DEFAULT_WEIGHTS, number>;
  /** Word overlap (Jaccard on content terms) above which a candidate repeats a sentence already chosen. */
  redundancyLimit: number;
}

const DEFAULT_WEIGHTS = {
  position: 1.23,
  first: 0.83,
  firstParagraph: 0.2,
  slope: 0.1,
  termFrequency: 0.86,
  textRank: 0.15,
  similarity: 0,
  leadSimilarity: 0.47,
  fragment: -1.45,
  runOn: -0.31,
  length: 0,
} as const;

export const DEFAULT_SUMMARIZER_SETTINGS: SummarizerSettings = { weights: { ...DEFAULT_WEIGHTS }, redundancyLimit: 0.45 };
const FRAGMENT_WORDS = 8;
const SCRAP_WORDS = 3;
const RUN_ON_WORDS = 40;
/** The similarity graph grows with the square of the sentence count; beyond this the tail joins by position only. */
const GRAPH_SENTENCES = 400;
const KEY_PHRASES = { max: 5, maxWords: 4 } as const;

interface Sentence {
  text: string;
  index: number;
  paragraph: number;
  words: number;
  terms: string[];
}

/** `settings` exists for the bench's ablations; everything else uses the defaults. */
export function summarize(text: string, options: SummaryOptions, settings: SummarizerSettings = DEFAULT_SUMMARIZER_SETTINGS): Summary {
  const analysis = analyze(text, options.language);
  const sentences = analysis.sentences;
  if (sentences.length === 0) return { sentences: [], keyPhrases: [] };
  const scores = scoreSentences(sentences, settings.weights);
  const chosen = select(sentences, scores, options.budget ?? DIGEST_BUDGET, settings.redundancyLimit);
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
  const contentTerms = termExtractor(language);
  const sentences: Sentence[] = [];
  splitParagraphs(text).forEach((paragraph, paragraphIndex) => {
    for (const sentence of splitSentences(paragraph)) {
      sentences.push({ text: sentence, index: sentences.length, paragraph: paragraphIndex, words: countWords(sentence), terms: contentTerms(sentence) });
    }
  });
  const termFrequency = new Map<string, number>();
  for (const sentence of sentences) for (const term of sentence.terms) termFrequency.set(term, (termFrequency.get(term) ?? 0) + 1);
  return { sentences: sentences.filter((sentence) => sentence.words > 0), termFrequency };
}

/** Content terms of a sentence: folded words without stop words and bare numbers, stemmed where we have a stemmer. */
function termExtractor(language: string): (text: string) => string[] {
  const stopWords = stopWordsFor(language);
  // English keeps whole words: light suffix stripping merged more distinct words than variants it joined.
  const stem = language === 'ar' ? lightStem : (word: string) => word;
  return (text) =>
    tokenize(text)
      .filter((word) => !stopWords.has(word) && !/^\p{N}+$/u.test(word))
      .map(stem);
}

function scoreSentences(sentences: Sentence[], w: SummarizerSettings['weights']): number[] {
  const frequency = new Map<string, number>();
  for (const sentence of sentences) for (const term of sentence.terms) frequency.set(term, (frequency.get(term) ?? 0) + 1);
  const meanFrequency = normalizeByMax(sentences.map((s) => s.terms.reduce((sum, term) => sum + frequency.get(term)!, 0) / Math.max(1, s.terms.length)));
  const graph = similarityGraph(sentences);
  const textRank = normalizeByMax(textRankScores(graph));
  const degree = normalizeByMax(graph.map((row) => row.reduce((sum, x) => sum + x, 0)));
  const lead = new Set(sentences[0]!.terms);
  const count = sentences.length;
  return sentences.map((sentence, i) => {
    const unique = new Set(sentence.terms);
    const leadSimilarity = i === 0 ? 1 : [...unique].filter((term) => lead.has(term)).length / Math.max(1, unique.size);
    return (
      w.position / Math.sqrt(1 + i) +
      (i === 0 ? w.first : 0) +
      (sentence.paragraph === 0 ? w.firstParagraph : 0) +
      w.slope * (1 - i / count) +
      w.termFrequency * meanFrequency[i]! +
      w.textRank * (textRank[i] ?? 0) +
      w.similarity * (degree[i] ?? 0) +
      w.leadSimilarity * leadSimilarity +
      (sentence.words < FRAGMENT_WORDS ? w.fragment : 0) +
      w.runOn * Math.min(1, Math.max(0, (sentence.words - RUN_ON_WORDS) / 30)) +
      w.length * Math.min(2, sentence.words / 30)
    );
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

function select(sentences: Sentence[], scores: number[], budget: SummaryBudget, redundancyLimit: number): Sentence[] {
  const totalWords = sentences.reduce((sum, sentence) => sum + sentence.words, 0);
  const done =
    'sentences' in budget
      ? (picked: Sentence[]) => picked.length >= Math.max(1, Math.floor(budget.sentences))
      : (picked: Sentence[], words: number) => picked.length > 0 && words >= ('ratio' in budget ? budget.ratio * totalWords : budget.words);
  // Two-word scraps ("Yes.", a dateline) only ever fill in when nothing else is left.
  const scrap = (sentence: Sentence) => (sentence.words < SCRAP_WORDS ? 1 : 0);
  const ranked = [...sentences].sort((a, b) => scrap(a) - scrap(b) || scores[b.index]! - scores[a.index]! || a.index - b.index);
  const picked: Sentence[] = [];
  const pickedTerms: Set<string>[] = [];
  let words = 0;
  for (const candidate of ranked) {
    if (done(picked, words)) break;
    const terms = new Set(candidate.terms);
    if (pickedTerms.some((chosen) => jaccard(chosen, terms) > redundancyLimit)) continue;
    picked.push(candidate);
    pickedTerms.push(terms);
    words += candidate.words;
  }
  return picked.sort((a, b) => a.index - b.index);
}

/**
 * Key phrases, RAKE-style: runs of content words between stop words and punctuation, scored by how often
 * their words recur in the text, with a bonus for words of the title. Shown as written in the text.
 */
function keyPhrases(text: string, options: SummaryOptions, termFrequency: Map<string, number>): string[] {
  const stopWords = stopWordsFor(options.language);
  const stem = options.language === 'ar' ? lightStem : (word: string) => word;
  const titleTerms = new Set(options.title ? tokenize(options.title).map(stem) : []);
  const candidates = new Map<string, { surface: string; score: number; firstSeen: number }>();
  let position = 0;
  for (const fragment of text.split(/[\n.!?؟،,;؛:()«»"“”[\]{}|–—]+/u)) {
    const words = fragment.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu) ?? [];
    let run: string[] = [];
    const flush = () => {
      if (run.length > 0 && run.length <= KEY_PHRASES.maxWords) {
        const terms = run.flatMap((word) => tokenize(word)).map(stem);
        const key = terms.join(' ');
        const score = terms.reduce((sum, term) => sum + (termFrequency.get(term) ?? 0) + (titleTerms.has(term) ? 2 : 0), 0) * Math.sqrt(terms.length);
        const existing = candidates.get(key);
        if (existing) existing.score += score / 2;
        else if (terms.every((term) => term.length > 1) && terms.some((term) => (termFrequency.get(term) ?? 0) > 1 || titleTerms.has(term))) {
          candidates.set(key, { surface: run.join(' '), score, firstSeen: position });
        }
      }
      run = [];
    };
    for (const word of words) {
      position += 1;
      const folded = tokenize(word);
      if (folded.length === 0 || folded.every((part) => stopWords.has(part) || /^\p{N}+$/u.test(part))) flush();
      else run.push(word);
    }
    flush();
  }
  const ranked = [...candidates.entries()].sort(([, a], [, b]) => b.score - a.score || a.firstSeen - b.firstSeen);
  const phrases: string[] = [];
  const usedTerms = new Set<string>();
  for (const [key, candidate] of ranked) {
    if (phrases.length >= KEY_PHRASES.max) break;
    const terms = key.split(' ');
    // A phrase whose words are all inside phrases already chosen adds nothing.
    if (terms.every((term) => usedTerms.has(term))) continue;
    phrases.push(candidate.surface);
    for (const term of terms) usedTerms.add(term);
  }
  return phrases;
}

function normalizeByMax(values: number[]): number[] {
  const max = values.reduce((largest, value) => Math.max(largest, value), Number.EPSILON);
  return values.map((value) => value / max);
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
