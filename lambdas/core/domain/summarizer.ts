// Core layer: extractive summaries — the few sentences that carry a report, in the order it tells them.
import type { LanguageCode } from './language';
import { splitParagraphs, splitSentences } from './sentences';
import { stopWordsFor } from './stop-words';
import { lightStem, tokenize } from './text-normalization';

export interface SummaryOptions {
  language: LanguageCode;
  /** Upper bound on the number of sentences; the digest uses a short budget. */
  maxSentences?: number;
  /** Sentences that share words with the title are favoured. */
  title?: string;
}

export const DIGEST_SUMMARY_SENTENCES = 3;

const WEIGHTS = { centrality: 0.55, position: 0.3, title: 0.15 } as const;
/** Word overlap (Jaccard) above which a candidate repeats a chosen sentence. */
const REDUNDANCY_LIMIT = 0.5;
const MIN_CONTENT_WORDS = 3;

interface Candidate {
  text: string;
  order: number;
  terms: Set<string>;
  score: number;
}

export function summarize(text: string, options: SummaryOptions): string[] {
  const budget = Math.max(1, options.maxSentences ?? DIGEST_SUMMARY_SENTENCES);
  const stopWords = stopWordsFor(options.language);
  const contentTerms = (sentence: string): string[] =>
    tokenize(sentence)
      .filter((word) => !stopWords.has(word) && !/^\d+$/u.test(word))
      .map(lightStem);

  const sentences = splitParagraphs(text).flatMap(splitSentences);
  if (sentences.length <= budget) return sentences;

  const termsBySentence = sentences.map(contentTerms);
  const documentFrequency = new Map<string, number>();
  for (const terms of termsBySentence) {
    for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const titleTerms = new Set(options.title ? contentTerms(options.title) : []);

  const centralities = termsBySentence.map((terms) => {
    const unique = new Set(terms);
    let sharedWeight = 0;
    for (const term of unique) sharedWeight += (documentFrequency.get(term) ?? 1) - 1;
    return unique.size === 0 ? 0 : sharedWeight / Math.sqrt(unique.size);
  });
  const maxCentrality = Math.max(...centralities, Number.EPSILON);

  const candidates: Candidate[] = sentences.map((sentence, order) => {
    const terms = new Set(termsBySentence[order]);
    const titleShare = titleTerms.size === 0 ? 0 : countShared(terms, titleTerms) / titleTerms.size;
    const score =
      WEIGHTS.centrality * (centralities[order]! / maxCentrality) +
      WEIGHTS.position / Math.sqrt(1 + order) +
      WEIGHTS.title * titleShare;
    return { text: sentence, order, terms, score };
  });

  const chosen: Candidate[] = [];
  const ranked = [...candidates].sort((a, b) => b.score - a.score || a.order - b.order);
  for (const candidate of ranked) {
    if (chosen.length >= budget) break;
    if (candidate.terms.size < MIN_CONTENT_WORDS) continue;
    if (chosen.some((picked) => jaccard(picked.terms, candidate.terms) > REDUNDANCY_LIMIT)) continue;
    chosen.push(candidate);
  }
  if (chosen.length === 0) chosen.push(candidates[0]!);
  return chosen.sort((a, b) => a.order - b.order).map((candidate) => candidate.text);
}

function countShared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared += 1;
  return shared;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const shared = countShared(a, b);
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
