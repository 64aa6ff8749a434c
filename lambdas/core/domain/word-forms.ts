// Core layer: the forms of a word that count as one when sentences are compared — Arabic letter variants folded, light
// stems — and the words of a text.

const ARABIC_DIACRITICS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]/gu;
const TATWEEL = /\u0640/gu;

/** Folds Arabic letter variants (hamza on alef, alef maqsura, teh marbuta) and strips diacritics and tatweel. */
export function normalizeArabic(word: string): string {
  return word
    .replace(ARABIC_DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(/[إأآٱ]/gu, 'ا')
    .replace(/ى/gu, 'ي')
    .replace(/ة/gu, 'ه')
    .replace(/[ؤ]/gu, 'و')
    .replace(/[ئ]/gu, 'ي');
}

/** Words of a text, folded for matching: lower-cased, Arabic-normalized, punctuation dropped. */
export function tokenize(text: string): string[] {
  // Diacritics are combining marks (\p{M}), not letters: they belong inside the word until normalizeArabic drops them.
  const words =
    text
      .normalize('NFC')
      .toLowerCase()
      .match(/[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu) ?? [];
  return words.map(normalizeArabic);
}

const ARABIC_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال'];
const ARABIC_SUFFIXES = ['ها', 'ان', 'ات', 'ون', 'ين', 'يه', 'ه', 'ي'];
const ENGLISH_SUFFIXES = ['ingly', 'edly', 'ing', 'ies', 'ied', 'es', 'ed', 'ly', 's'];

/** A light stemmer: strips the commonest affixes so "reports"/"reported" or "الحكومة"/"حكومة" meet. */
export function lightStem(word: string): string {
  if (/[\u0600-\u06FF]/u.test(word)) {
    let stem = word;
    for (const prefix of ARABIC_PREFIXES) {
      if (stem.startsWith(prefix) && stem.length - prefix.length >= 3) {
        stem = stem.slice(prefix.length);
        break;
      }
    }
    for (const suffix of ARABIC_SUFFIXES) {
      if (stem.endsWith(suffix) && stem.length - suffix.length >= 3) {
        stem = stem.slice(0, -suffix.length);
        break;
      }
    }
    return stem;
  }
  for (const suffix of ENGLISH_SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}
