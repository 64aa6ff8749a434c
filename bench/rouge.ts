// Bench tooling (no product code imports it): the project's own ROUGE scorer, as docs/SUMMARIES.md ("How summaries
// are scored") specifies it — tokens, sentences for the Lead baseline, ROUGE-1/2/L F1 averaged over an article's
// references. The bench and the tuner score with it; it has no dependency, so it reads in one sitting.

/** Arabic diacritics (U+064B–U+065F), superscript alef (U+0670) and tatweel (U+0640): they never tell words apart. */
const ARABIC_MARKS = /[\u064B-\u065F\u0670\u0640]/g;
/** Alef with hamza above or below, with madda, and alef wasla: the references often write them as bare alef. */
const ALEF_FORMS = /[\u0623\u0625\u0622\u0671]/g;
const NOT_A_WORD_CHARACTER = /[^\p{L}\p{N}]+/u;

/** NFKC, lower case, Arabic letters folded to the forms people type interchangeably. */
export function normalizeForScoring(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(ARABIC_MARKS, '')
    .replace(ALEF_FORMS, '\u0627')
    .replace(/\u0649/g, '\u064A')
    .replace(/\u0629/g, '\u0647');
}

/** Runs of letters and digits, after normalization; no stemming, no stop words. */
export function tokenize(text: string): string[] {
  return normalizeForScoring(text)
    .split(NOT_A_WORD_CHARACTER)
    .filter((token) => token !== '');
}

/** A run of . ! ? or ؟ (with closing quotes or brackets after it) ends a sentence where white space follows. */
const SENTENCE_END = /(?<=[.!?\u061F]["'\u2019\u201D\u00BB)\]]*)\s+/u;

/** The Lead baseline's sentences: every line break ends one too, so a hard-wrapped line is a sentence of its own. */
export function leadSentences(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .flatMap((line) => line.split(SENTENCE_END))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence !== '');
}

function f1(overlap: number, candidateCount: number, referenceCount: number): number {
  if (overlap === 0 || candidateCount === 0 || referenceCount === 0) return 0;
  const precision = overlap / candidateCount;
  const recall = overlap / referenceCount;
  return (2 * precision * recall) / (precision + recall);
}

function nGramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let start = 0; start + n <= tokens.length; start += 1) {
    const gram = tokens.slice(start, start + n).join('\u0000');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N F1: n-grams the candidate shares with the reference, each counted at most as often as the reference has it. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): number {
  const candidateGrams = nGramCounts(candidate, n);
  const referenceGrams = nGramCounts(reference, n);
  let overlap = 0;
  for (const [gram, count] of candidateGrams) overlap += Math.min(count, referenceGrams.get(gram) ?? 0);
  const total = (counts: Map<string, number>) => [...counts.values()].reduce((sum, count) => sum + count, 0);
  return f1(overlap, total(candidateGrams), total(referenceGrams));
}

/** Length of the longest common subsequence of two token sequences, in two rows of memory. */
export function longestCommonSubsequence(a: readonly string[], b: readonly string[]): number {
  // Tokens as small integers: the inner loop runs |a|·|b| times, and comparing numbers beats comparing strings.
  const ids = new Map<string, number>();
  const idsOf = (tokens: readonly string[]) =>
    Int32Array.from(tokens, (token) => ids.get(token) ?? ids.set(token, ids.size).size - 1);
  const x = idsOf(a);
  const y = idsOf(b);
  let previous = new Int32Array(y.length + 1);
  let current = new Int32Array(y.length + 1);
  for (const token of x) {
    for (let j = 1; j <= y.length; j += 1) {
      current[j] = token === y[j - 1] ? previous[j - 1]! + 1 : Math.max(previous[j]!, current[j - 1]!);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

/** ROUGE-L F1 over the whole token sequences (rouge-score's "rougeL", not the per-sentence "rougeLsum"). */
export function rougeL(candidate: readonly string[], reference: readonly string[]): number {
  return f1(longestCommonSubsequence(candidate, reference), candidate.length, reference.length);
}

export interface RougeScores {
  rouge1: number;
  rouge2: number;
  rougeL: number;
}

/** F1 fractions in [0, 1], each the mean over the references: a summary is scored against every reader's choice. */
export function scoreSummary(summary: string, references: readonly string[]): RougeScores {
  const candidate = tokenize(summary);
  const scores = { rouge1: 0, rouge2: 0, rougeL: 0 };
  if (references.length === 0) return scores;
  for (const reference of references.map(tokenize)) {
    scores.rouge1 += rougeN(candidate, reference, 1);
    scores.rouge2 += rougeN(candidate, reference, 2);
    scores.rougeL += rougeL(candidate, reference);
  }
  return {
    rouge1: scores.rouge1 / references.length,
    rouge2: scores.rouge2 / references.length,
    rougeL: scores.rougeL / references.length,
  };
}

/**
 * The Lead baseline: the text's first sentences, taken until they hold at least `ratio` of its tokens — so it may
 * overshoot by most of a sentence, never stop short.
 */
export function leadSummary(text: string, ratio: number): string {
  const sentences = leadSentences(text);
  const lengths = sentences.map((sentence) => tokenize(sentence).length);
  const budget = ratio * lengths.reduce((sum, length) => sum + length, 0);
  const picked: string[] = [];
  let words = 0;
  for (const [index, sentence] of sentences.entries()) {
    if (words >= budget && picked.length > 0) break;
    if (lengths[index] === 0) continue;
    picked.push(sentence);
    words += lengths[index]!;
  }
  return picked.join(' ');
}
