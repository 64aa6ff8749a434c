// Core layer: function words that say nothing about what a sentence is about.
import stopwordsIso from 'stopwords-iso';
import { normalizeArabic } from './text-normalization';
import type { LanguageCode } from './language';

const cache = new Map<string, ReadonlySet<string>>();

/** Stop words for a language from the stopwords-iso list, folded the way tokenize() folds words. */
export function stopWordsFor(language: LanguageCode): ReadonlySet<string> {
  const cached = cache.get(language);
  if (cached) return cached;
  const lists = language === 'und' ? [stopwordsIso.ar, stopwordsIso.en] : [stopwordsIso[language]];
  const words = new Set<string>();
  for (const list of lists) for (const word of list ?? []) words.add(normalizeArabic(word.toLowerCase()));
  cache.set(language, words);
  return words;
}
