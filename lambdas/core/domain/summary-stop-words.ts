// Core layer: the stop words the summarizer skips — function words that say nothing about what a sentence is
// about — per language, folded as tokenize() folds words.
import nltkStopWords from './data/nltk-stop-words.json';
import { stopwordsIsoLists } from './stopwords-iso-lists';
import { normalizeArabic } from './word-forms';

/**
 * English: NLTK's list (the 179 function words of the NLTK stopwords corpus). stopwords-iso's English list
 * (1,298 words) also drops content words such as "year", "million", "government" or "research", and
 * frequency-based sentence scores lose exactly the words that tell a report's subject apart.
 */
const ENGLISH: readonly string[] = nltkStopWords.englishNltk;

const cache = new Map<string, ReadonlySet<string>>();

/**
 * Stop words for a language, folded the way tokenize() folds words. English has its own list; other
 * languages come from stopwords-iso; an undetermined language (often Arabic and English mixed) gets both.
 */
export function stopWordsFor(language: string): ReadonlySet<string> {
  const cached = cache.get(language);
  if (cached) return cached;
  const list =
    language === 'en'
      ? ENGLISH
      : language === 'und'
        ? // Stryker disable next-line ArrayDeclaration: unreachable fallback: stopwords-iso has an Arabic list
          [...ENGLISH, ...(stopwordsIsoLists().ar ?? [])]
        : (stopwordsIsoLists()[language] ?? []);
  const words = new Set<string>();
  for (const word of list) {
    // Stryker disable next-line ConditionalExpression: '' in the set would change nothing: tokenize never yields ''
    for (const part of word.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u)) if (part) words.add(normalizeArabic(part));
  }
  cache.set(language, words);
  return words;
}
