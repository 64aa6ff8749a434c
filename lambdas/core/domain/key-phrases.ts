// Core layer: key phrases — the few recurring runs of words that name what a report is about, shown as labels.
import { isBareNumber } from './content-terms';
import keyPhraseData from './data/key-phrases.json';
import { stopWordsFor } from './summary-stop-words';
import { lightStem, tokenize } from './word-forms';

export interface KeyPhraseOptions {
  language: string;
  /** The title's words count double. */
  title?: string;
}

const KEY_PHRASES = { max: 5, maxWords: 3 } as const;

let reportingVerbs: ReadonlySet<string> | undefined;

/** Reporting verbs: everywhere in news, never what a report is about ("Maran said", "وقال المتحدث"); folded once. */
function reportingVerbSet(): ReadonlySet<string> {
  reportingVerbs ??= new Set(keyPhraseData.reportingVerbs.flatMap((word) => tokenize(word)));
  return reportingVerbs;
}

/**
 * Key phrases: one- to three-word runs of content words (never across a stop word or punctuation), scored by
 * how often the phrase recurs × how central its words are, longer phrases favoured, the title's words
 * counted double. Chosen best first, none sharing a word with one already chosen; shown as written.
 */
export function keyPhrases(
  text: string,
  options: KeyPhraseOptions,
  termFrequency: ReadonlyMap<string, number>,
): string[] {
  const stopWords = stopWordsFor(options.language);
  // English plurals fold here ("profit"/"profits" are one phrase), though not for sentence scoring.
  const stem =
    options.language === 'ar'
      ? lightStem
      : options.language === 'en'
        ? (word: string) => (word.length > 3 ? word.replace(/(?<!s)s$/u, '') : word)
        : (word: string) => word;
  const frequency = options.language === 'en' ? foldCounts(termFrequency, stem) : termFrequency;
  const titleTerms = new Set(options.title ? tokenize(options.title).map(stem) : []);
  const candidates = new Map<string, { surface: string; terms: string[]; count: number; firstSeen: number }>();
  let position = 0;
  const collect = (run: { word: string; term: string }[]) => {
    for (let length = 1; length <= KEY_PHRASES.maxWords; length += 1) {
      for (let start = 0; start + length <= run.length; start += 1) {
        const slice = run.slice(start, start + length);
        const key = slice.map((item) => item.term).join(' ');
        const existing = candidates.get(key);
        if (existing) existing.count += 1;
        else
          candidates.set(key, {
            surface: slice.map((item) => item.word).join(' '),
            terms: slice.map((item) => item.term),
            count: 1,
            firstSeen: position,
          });
      }
    }
  };
  for (const fragment of text.split(/[\n.!?؟،,;؛:()«»"“”[\]{}|–—]+/u)) {
    let run: { word: string; term: string }[] = [];
    for (const word of fragment.match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}'’-]*/gu) ?? []) {
      position += 1;
      const folded = tokenize(word);
      if (
        folded.length !== 1 ||
        stopWords.has(folded[0]!) ||
        reportingVerbSet().has(folded[0]!) ||
        isBareNumber(folded[0]!) ||
        folded[0]!.length < 2
      ) {
        collect(run);
        run = [];
      } else {
        run.push({ word, term: stem(folded[0]!) });
      }
    }
    collect(run);
  }
  const weight = (term: string) => (frequency.get(term) ?? 0) * (titleTerms.has(term) ? 2 : 1);
  const scored = [...candidates.values()]
    .filter((candidate) => candidate.count > 1 || candidate.terms.some((term) => titleTerms.has(term)))
    .map((candidate) => ({
      ...candidate,
      score:
        candidate.count *
        candidate.terms.length ** 1.5 *
        (candidate.terms.reduce((sum, term) => sum + weight(term), 0) / candidate.terms.length),
    }))
    .sort((a, b) => b.score - a.score || a.firstSeen - b.firstSeen);
  const phrases: string[] = [];
  const usedTerms = new Set<string>();
  for (const candidate of scored) {
    if (phrases.length >= KEY_PHRASES.max) break;
    if (candidate.terms.some((term) => usedTerms.has(term))) continue;
    phrases.push(candidate.surface);
    for (const term of candidate.terms) usedTerms.add(term);
  }
  return phrases;
}

/** Adds up the counts of terms that fold to the same key. */
function foldCounts(counts: ReadonlyMap<string, number>, fold: (term: string) => string): Map<string, number> {
  const folded = new Map<string, number>();
  for (const [term, count] of counts) folded.set(fold(term), (folded.get(fold(term)) ?? 0) + count);
  return folded;
}
