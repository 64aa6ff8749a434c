// Core layer: function words that say nothing about what a sentence is about.
import stopwordsIso from 'stopwords-iso';
import { normalizeArabic } from './text-normalization';

/**
 * English: NLTK's list (the 179 function words of the NLTK stopwords corpus). stopwords-iso's English list
 * (1,298 words) also drops content words such as "year", "million", "government" or "research", and
 * frequency-based sentence scores lose exactly the words that tell a report's subject apart.
 */
const ENGLISH = [
  'i', 'me', 'my', 'myself', 'we', 'our', 'ours', 'ourselves', 'you', "you're", "you've", "you'll", "you'd", 'your',
  'yours', 'yourself', 'yourselves', 'he', 'him', 'his', 'himself', 'she', "she's", 'her', 'hers', 'herself', 'it',
  "it's", 'its', 'itself', 'they', 'them', 'their', 'theirs', 'themselves', 'what', 'which', 'who', 'whom', 'this',
  'that', "that'll", 'these', 'those', 'am', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'have', 'has', 'had',
  'having', 'do', 'does', 'did', 'doing', 'a', 'an', 'the', 'and', 'but', 'if', 'or', 'because', 'as', 'until',
  'while', 'of', 'at', 'by', 'for', 'with', 'about', 'against', 'between', 'into', 'through', 'during', 'before',
  'after', 'above', 'below', 'to', 'from', 'up', 'down', 'in', 'out', 'on', 'off', 'over', 'under', 'again',
  'further', 'then', 'once', 'here', 'there', 'when', 'where', 'why', 'how', 'all', 'any', 'both', 'each', 'few',
  'more', 'most', 'other', 'some', 'such', 'no', 'nor', 'not', 'only', 'own', 'same', 'so', 'than', 'too', 'very',
  's', 't', 'can', 'will', 'just', 'don', "don't", 'should', "should've", 'now', 'd', 'll', 'm', 'o', 're', 've',
  'y', 'ain', 'aren', "aren't", 'couldn', "couldn't", 'didn', "didn't", 'doesn', "doesn't", 'hadn', "hadn't", 'hasn',
  "hasn't", 'haven', "haven't", 'isn', "isn't", 'ma', 'mightn', "mightn't", 'mustn', "mustn't", 'needn', "needn't",
  'shan', "shan't", 'shouldn', "shouldn't", 'wasn', "wasn't", 'weren', "weren't", 'won', "won't", 'wouldn',
  "wouldn't",
];

const cache = new Map<string, ReadonlySet<string>>();

/**
 * Stop words for a language, folded the way tokenize() folds words. English has its own list; other
 * languages come from stopwords-iso; an undetermined language (often Arabic and English mixed) gets both.
 */
export function stopWordsFor(language: string): ReadonlySet<string> {
  const cached = cache.get(language);
  if (cached) return cached;
  const list = language === 'en' ? ENGLISH : language === 'und' ? [...ENGLISH, ...(stopwordsIso.ar ?? [])] : (stopwordsIso[language] ?? []);
  const words = new Set<string>();
  for (const word of list) {
    for (const part of word.toLowerCase().split(/[^\p{L}\p{N}\p{M}]+/u)) if (part) words.add(normalizeArabic(part));
  }
  cache.set(language, words);
  return words;
}
