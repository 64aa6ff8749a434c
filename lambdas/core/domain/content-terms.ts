// Core layer: the words of a text that say what it is about — folded, without stop words or bare numbers,
// stemmed where a stemmer helps — and how often each recurs. Sentence scores and key phrases both count them.
import { stopWordsFor } from './summary-stop-words';
import { lightStem, tokenize } from './word-forms';

const BARE_NUMBER = /^\p{N}+$/u;

export function isBareNumber(word: string): boolean {
  return BARE_NUMBER.test(word);
}

/** Content terms of a text in a language: Arabic is light-stemmed; English keeps whole words. */
export function contentTermsOf(language: string): (text: string) => string[] {
  const stopWords = stopWordsFor(language);
  // English keeps whole words: light suffix stripping merged more distinct words than variants it joined.
  const stem = language === 'ar' ? lightStem : (word: string) => word;
  return (text) =>
    tokenize(text)
      .filter((word) => !stopWords.has(word) && !isBareNumber(word))
      .map(stem);
}

/** How many times each term occurs across the given sentences. */
export function countTerms(sentences: Iterable<{ terms: readonly string[] }>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sentence of sentences) {
    for (const term of sentence.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}
