// Core layer: the function-word evidence language detection weighs for a text in Latin script — English's own
// function words against those of 37 other Latin-script languages (stopwords-iso).
import functionWords from './data/function-words.json';
import type { LanguageEvidence } from './language-detection';
import { stopwordsIsoLists } from './stopwords-iso-lists';

/** Against each rival language, English-only function words must outnumber its own ones this many times. */
export const ENGLISH_LEAD = 2;

/**
 * English function words, and a few common words English headlines lean on ("says", "new", "year"). Many
 * are words of other languages too ("a", "in", "was"): the rivals' lists count those, and they weigh nothing.
 * The list ends with what is left of a contraction once its clitic goes: don't → don, isn't → isn.
 */
const ENGLISH_WORDS: ReadonlySet<string> = new Set(functionWords.english);

/**
 * Latin-script languages whose stopwords-iso lists English is weighed against. Left out: Breton's list, full of
 * English words, and Malay's, full of names ("india", "bank"); Indonesian's list stands for Malay.
 */
const RIVALS: readonly string[] = functionWords.rivals;

/** Single letters that are words somewhere (Spanish y, Portuguese o, Polish w); some lists hold the whole alphabet. */
const SINGLE_LETTER_WORDS: ReadonlySet<string> = new Set(functionWords.singleLetterWords);

const LATIN = 'A-Za-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF';
const WHOLE_WORD = new RegExp(`^[${LATIN}]+$`, 'u');
/** A Latin word; "U.S." and "e.g." stay whole, and so does a word with an apostrophe, to be looked at. */
const LATIN_WORD = new RegExp(`[${LATIN}]+(?:[.'’][${LATIN}]+)*`, 'gu');
const APOSTROPHE = /['’]/u;
/** English clitics: "it's", "don't", "we're", "I'll", "I'd", "I've", "I'm" count by their first half alone. */
const ENGLISH_CLITIC = /^(?:s|t|re|ve|ll|d|m)$/u;

let rivalIndex: Map<string, number[]> | undefined;

/** The rivals (positions in RIVALS) whose list holds the word; the index (≈ 14,000 words) is built on first use. */
function rivalsOf(word: string): readonly number[] | undefined {
  rivalIndex ??= buildRivalIndex(RIVALS, stopwordsIsoLists());
  return rivalIndex.get(word);
}

/**
 * Word → the positions in `rivals` of the languages whose list (in `lists`) holds it, in order. Entries are
 * lower-cased and lose leading and trailing apostrophes; what is then not one Latin word is left out, and so is
 * a single ASCII letter that is not in SINGLE_LETTER_WORDS.
 */
export function buildRivalIndex(
  rivals: readonly string[],
  lists: Readonly<Record<string, readonly string[] | undefined>>,
): Map<string, number[]> {
  const index = new Map<string, number[]>();
  rivals.forEach((language, position) => {
    // Stryker disable next-line ArrayDeclaration: a stand-in entry ("Stryker was here") has spaces, so it is never a whole word
    for (const entry of lists[language] ?? []) {
      const word = entry.toLowerCase().replace(/^['’]+|['’]+$/gu, '');
      if (!WHOLE_WORD.test(word)) continue;
      if (word.length === 1 && word < '\u0080' && !SINGLE_LETTER_WORDS.has(word)) continue;
      const holders = index.get(word);
      if (!holders) index.set(word, [position]);
      else if (holders[holders.length - 1] !== position) holders.push(position);
    }
  });
  return index;
}

function countUpperCase(text: string): number {
  let upper = 0;
  // Stryker disable next-line EqualityOperator: one more turn reads charCodeAt(length), NaN, which is no capital
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x41 && code <= 0x5a) upper += 1;
  }
  return upper;
}

export function countFunctionWords(text: string, evidence: LanguageEvidence): void {
  const rivalOnly = new Array<number>(RIVALS.length).fill(0);
  const shared = new Array<number>(RIVALS.length).fill(0);
  const count = (word: string) => {
    evidence.words += 1;
    const english = ENGLISH_WORDS.has(word);
    if (english) evidence.english += 1;
    const holders = rivalsOf(word);
    if (holders) for (const position of holders) (english ? shared : rivalOnly)[position]! += 1;
  };
  // In running text an all-capital word is an acronym (EU, US, IT), not a function word; in a text set all in
  // capitals it is just a word.
  const acronymsStandOut = evidence.latin > 0 && countUpperCase(text) / evidence.latin < 0.5;
  for (const match of text.matchAll(LATIN_WORD)) {
    const original = match[0];
    const token = original.toLowerCase();
    const acronym = acronymsStandOut && original.length > 1 && original === original.toUpperCase();
    if (acronym || token.includes('.'))
      evidence.words += 1; // EU, U.S., e.g., example.com: no function word
    // Stryker disable next-line ConditionalExpression: without an apostrophe the split below yields the token alone, counted the same
    else if (!APOSTROPHE.test(token)) count(token);
    else {
      const parts = token.split(APOSTROPHE);
      if (parts.length === 2 && ENGLISH_CLITIC.test(parts[1]!)) count(parts[0]!);
      else for (const part of parts) count(part); // French and Italian elision: l'homme, d'un, dell'anno
    }
  }
  // The closest rival: the one that leaves English the thinnest margin.
  let closest = Number.POSITIVE_INFINITY;
  RIVALS.forEach((language, position) => {
    const margin = evidence.english - shared[position]! - ENGLISH_LEAD * rivalOnly[position]!;
    const tieWithLessEdge = margin === closest && shared[position]! > evidence.shared;
    if ((margin < closest || tieWithLessEdge) && rivalOnly[position]! + shared[position]! > 0) {
      closest = margin;
      evidence.rival = language;
      evidence.rivalOnly = rivalOnly[position]!;
      evidence.shared = shared[position]!;
    }
  });
}
