// Core layer: which language a text is written in, as far as Mujaz can summarize it, and the direction it reads.
import stopwordsIso from 'stopwords-iso';

/** What detection returns: the two languages Mujaz summarizes, or 'und' when it will not guess. */
export type LanguageCode = 'ar' | 'en' | 'und';
/** A language an editor may state outright: an ISO 639 code in lower case ('fr', 'ckb'), or 'und'. */
export type LanguageTag = string;
export type TextDirection = 'rtl' | 'ltr';

/** Two or three lower-case letters (ISO 639-1 or 639-2/3), which takes in 'und'. */
export function isLanguageTag(value: unknown): value is LanguageTag {
  return typeof value === 'string' && /^[a-z]{2,3}$/u.test(value);
}

/** Languages written right to left. 'ku' is listed for Sorani (ckb), Kurdish as Iraqi and Iranian media write it. */
const RTL_LANGUAGES: ReadonlySet<string> = new Set([
  'ar',
  'fa',
  'ur',
  'he',
  'ps',
  'ku',
  'ckb',
  'sd',
  'ug',
  'yi',
  'dv',
  'iw',
  'ji', // retired codes for Hebrew and Yiddish that older systems still send
]);
const RTL_SCRIPTS: ReadonlySet<string> = new Set(['arab', 'hebr', 'thaa', 'syrc', 'nkoo', 'adlm', 'rohg']);

/**
 * Right to left for the languages written in the Arabic, Hebrew or Thaana script, left to right otherwise.
 * Takes a bare code or a BCP 47 tag; a script subtag, where there is one, decides ('ku-Latn' reads left to right).
 */
export function directionOf(language: LanguageTag): TextDirection {
  const [primary = '', ...subtags] = language.toLowerCase().split(/[-_]/u);
  const script = subtags.find((subtag) => /^[a-z]{4}$/u.test(subtag));
  if (script !== undefined) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}

// ---------------------------------------------------------------------------------------------- detection

/** Share of the letters one script needs; below it the text is mixed and we say 'und'. */
const SCRIPT_MAJORITY = 0.6;
/**
 * Share of the Arabic-script letters that Arabic does not use (Persian پ چ ژ گ ک ی, Urdu ٹ ڈ ڑ ں ے ھ ہ, ...)
 * from which the text is taken for another Arabic-script language: Persian runs at 10–15 %, Urdu at 20–35 %,
 * Persian typed with the Arabic ي and ك still at 2–3 %, while Arabic meets them only in a foreign name.
 */
const FOREIGN_LETTER_SHARE = 0.02;
/** ...in at least this many words, so that one foreign name in an Arabic headline ("گوگل") does not tip it. */
const FOREIGN_WORD_MIN = 2;
/** Share of the words that are Persian function words (از، را، است...) from which it is Persian all the same. */
const PERSIAN_WORD_SHARE = 0.06;
const PERSIAN_WORD_MIN = 2;
/** Share of the Latin words that must be English function words, at the least (one in a 10-word title). */
const ENGLISH_WORD_SHARE = 0.1;
/** Against each rival language, English-only function words must outnumber its own ones this many times. */
const ENGLISH_LEAD = 2;
/** When every function word is one English shares with a rival ("to", "in"), accents (é, ş) forbid calling it English. */
const ACCENTED_SHARE_FOR_TIES = 0.02;

export interface LanguageEvidence {
  letters: number;
  arabic: number;
  /** Arabic-script letters of Persian, Urdu and the other languages written in the script, not of Arabic... */
  foreignArabic: number;
  /** ...and the words that hold any. */
  foreignWords: number;
  /** Arabic-script words, and how many of them are Persian function words. */
  arabicWords: number;
  persianWords: number;
  latin: number;
  /** Latin letters outside ASCII (é, ñ, ş, ...), which English rarely has. */
  accented: number;
  /** Latin-script words, and how many of them are English function words. */
  words: number;
  english: number;
  /**
   * The Latin-script language that comes closest to English on function words: how many of the words are
   * its function words and not English ones, and how many are function words of both.
   */
  rival?: string;
  rivalOnly: number;
  shared: number;
}

/**
 * Names Arabic or English, or says 'und' rather than guess: another script, another language written in
 * the Arabic or Latin script, or a mix where no script holds a clear majority. Deterministic, no I/O.
 */
export function detectLanguage(text: string): LanguageCode {
  return decide(languageEvidence(text));
}

/** The counts detectLanguage decides on, for logs and tuning. */
export function languageEvidence(text: string): LanguageEvidence {
  const evidence: LanguageEvidence = {
    letters: 0,
    arabic: 0,
    foreignArabic: 0,
    foreignWords: 0,
    arabicWords: 0,
    persianWords: 0,
    latin: 0,
    accented: 0,
    words: 0,
    english: 0,
    rivalOnly: 0,
    shared: 0,
  };
  countScripts(text, evidence);
  if (evidence.letters === 0) return evidence;
  if (evidence.arabic / evidence.letters >= SCRIPT_MAJORITY) countPersianWords(text, evidence);
  else if (evidence.latin / evidence.letters >= SCRIPT_MAJORITY) countFunctionWords(text, evidence);
  return evidence;
}

function decide(evidence: LanguageEvidence): LanguageCode {
  const { letters, arabic, latin } = evidence;
  if (letters === 0) return 'und';
  if (arabic / letters >= SCRIPT_MAJORITY) return isArabic(evidence) ? 'ar' : 'und';
  if (latin / letters >= SCRIPT_MAJORITY) return isEnglish(evidence) ? 'en' : 'und';
  return 'und';
}

function isArabic({ arabic, foreignArabic, foreignWords, arabicWords, persianWords }: LanguageEvidence): boolean {
  if (foreignWords >= FOREIGN_WORD_MIN && foreignArabic / arabic >= FOREIGN_LETTER_SHARE) return false;
  return !(persianWords >= PERSIAN_WORD_MIN && persianWords / arabicWords >= PERSIAN_WORD_SHARE);
}

/**
 * English must win clearly: enough of the words are English function words, and against every other
 * Latin-script language the English-only ones outnumber that language's own (stopwords-iso lists).
 */
function isEnglish(evidence: LanguageEvidence): boolean {
  const { words, english, latin, accented, rivalOnly, shared } = evidence;
  if (english === 0 || english / words < ENGLISH_WORD_SHARE) return false;
  const edge = english - shared;
  if (edge < ENGLISH_LEAD * rivalOnly) return false;
  // "Japan turns to beer": "to" is English and Czech, and nothing else speaks; Czech would show its accents.
  return edge > 0 || accented / latin < ACCENTED_SHARE_FOR_TIES;
}

// ------------------------------------------------------------------------------------------------- scripts

function countScripts(text: string, evidence: LanguageEvidence): void {
  let inForeignWord = false; // inside a word that already has a letter Arabic does not use
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inForeignWord && !isArabicLetterOrMark(code)) inForeignWord = false;
    if (code < 0x80) {
      const lower = code | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) {
        evidence.letters += 1;
        evidence.latin += 1;
      }
    } else if (code >= 0x0600 && code <= 0x06ff) {
      const kind = ARABIC_BLOCK[code - 0x0600];
      if (kind === NOT_A_LETTER) continue;
      evidence.letters += 1;
      evidence.arabic += 1;
      if (kind === FOREIGN) {
        evidence.foreignArabic += 1;
        if (!inForeignWord) evidence.foreignWords += 1;
        inForeignWord = true;
      }
    } else if (
      (code >= 0x00c0 && code <= 0x024f && code !== 0x00d7 && code !== 0x00f7) ||
      (code >= 0x1e00 && code <= 0x1eff)
    ) {
      evidence.letters += 1;
      evidence.latin += 1;
      evidence.accented += 1;
    } else if ((code >= 0x0750 && code <= 0x077f) || (code >= 0x08a0 && code <= 0x08c9)) {
      // Arabic Supplement and Extended-A: letters added for languages other than Arabic.
      evidence.letters += 1;
      evidence.arabic += 1;
      evidence.foreignArabic += 1;
      if (!inForeignWord) evidence.foreignWords += 1;
      inForeignWord = true;
    } else if ((code >= 0xfb50 && code <= 0xfdff) || (code >= 0xfe70 && code <= 0xfefc)) {
      // Presentation forms, from legacy encodings.
      evidence.letters += 1;
      evidence.arabic += 1;
    } else if (code >= 0xd800 && code <= 0xdbff) {
      if (ANY_LETTER.test(String.fromCodePoint(text.codePointAt(index) ?? code))) evidence.letters += 1;
      index += 1;
    } else if (ANY_LETTER.test(text[index]!)) {
      evidence.letters += 1; // another script: Cyrillic, Hebrew, Greek, CJK, Devanagari...
    }
  }
}

const ANY_LETTER = /\p{L}/u;

/** Letters and marks of the Arabic blocks, tatweel included: what a word in Arabic script is made of. */
function isArabicLetterOrMark(code: number): boolean {
  return (
    (code >= 0x0610 && code <= 0x061a) ||
    (code >= 0x0620 && code <= 0x06d3 && (code < 0x0660 || code > 0x066d)) ||
    (code >= 0x06d5 && code <= 0x06ff && (code < 0x06f0 || code > 0x06f9)) ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0x08a0 && code <= 0x08ff)
  );
}
const NOT_A_LETTER = 0;
const ARABIC = 1;
const FOREIGN = 2;

/** U+0600–U+06FF: which code points are letters, and which of those Arabic itself does not write. */
const ARABIC_BLOCK: Uint8Array = (() => {
  const table = new Uint8Array(0x100); // NOT_A_LETTER: punctuation, digits, diacritics, tatweel
  const mark = (from: number, to: number, kind: number) => table.fill(kind, from - 0x0600, to - 0x0600 + 1);
  mark(0x0620, 0x063f, FOREIGN); // Kashmiri yeh, and the keheh and yeh variants at 063B–063F...
  mark(0x0621, 0x063a, ARABIC); // ...around hamza to ghain
  mark(0x0641, 0x064a, ARABIC); // feh to yeh (0640, tatweel, is no letter)
  mark(0x066e, 0x066f, ARABIC); // dotless beh and qaf
  mark(0x0671, 0x06d3, FOREIGN); // letters other languages added: پ چ ژ گ ک ی ٹ ڈ ڑ ں ے ھ ہ ...
  mark(0x0671, 0x0671, ARABIC); // ...but alef wasla is Arabic
  for (const code of [0x06a1, 0x06a4, 0x06a7, 0x06a8, 0x06ad]) table[code - 0x0600] = ARABIC; // ڡ ڤ ڧ ڨ ڭ: Arabic for foreign sounds
  mark(0x06d5, 0x06d5, FOREIGN); // ae (Kurdish, Uyghur)
  mark(0x06ee, 0x06ef, FOREIGN);
  mark(0x06fa, 0x06fc, FOREIGN);
  mark(0x06ff, 0x06ff, FOREIGN);
  return table;
})();

// ----------------------------------------------------------------------------- Persian in Arabic letters

/**
 * Persian function words spelled with the Arabic ي and ك, as older Persian sites type them: no Arabic word
 * (که → كه, می → مي). Left out: those Arabic writes too (به "with him", آن, اين "where", كرد "Kurds").
 */
const PERSIAN_WORDS: ReadonlySet<string> = new Set([
  'از',
  'را',
  'است',
  'كه',
  'مي',
  'براي',
  'هاي',
  'شده',
  'شد',
  'بود',
  'نيز',
  'يك',
  'دارد',
  'شود',
  'كند',
  'كرده',
  'بايد',
]);
/** An Arabic-script word with its diacritics and tatweel; the zero-width non-joiner (می‌شود) ends it. */
const ARABIC_WORD = /[\u0621-\u063a\u0640-\u065f\u0670-\u06d3]+/gu;
const ARABIC_MARKS = /[\u0640\u064b-\u065f\u0670]/gu;

function countPersianWords(text: string, evidence: LanguageEvidence): void {
  for (const match of text.matchAll(ARABIC_WORD)) {
    evidence.arabicWords += 1;
    if (PERSIAN_WORDS.has(match[0].replace(ARABIC_MARKS, ''))) evidence.persianWords += 1;
  }
}

// ------------------------------------------------------------------------------------ Latin function words

/**
 * English function words, and a few common words English headlines lean on ("says", "new", "year"). Many
 * are words of other languages too ("a", "in", "was"): the rivals' lists count those, and they weigh nothing.
 */
const ENGLISH_WORDS: ReadonlySet<string> = new Set([
  'the',
  'of',
  'and',
  'to',
  'in',
  'is',
  'that',
  'for',
  'it',
  'with',
  'as',
  'was',
  'on',
  'be',
  'by',
  'this',
  'are',
  'from',
  'at',
  'an',
  'have',
  'has',
  'had',
  'not',
  'but',
  'or',
  'which',
  'were',
  'been',
  'their',
  'they',
  'he',
  'she',
  'his',
  'her',
  'its',
  'will',
  'would',
  'can',
  'could',
  'should',
  'may',
  'might',
  'must',
  'shall',
  'than',
  'also',
  'who',
  'whom',
  'whose',
  'what',
  'when',
  'where',
  'why',
  'how',
  'we',
  'you',
  'i',
  'a',
  'our',
  'your',
  'my',
  'me',
  'him',
  'them',
  'us',
  'these',
  'those',
  'there',
  'then',
  'if',
  'about',
  'into',
  'over',
  'after',
  'before',
  'up',
  'out',
  'all',
  'so',
  'no',
  'do',
  'does',
  'did',
  'just',
  'because',
  'between',
  'during',
  'through',
  'under',
  'against',
  'without',
  'within',
  'upon',
  'until',
  'while',
  'both',
  'each',
  'such',
  'only',
  'own',
  'same',
  'very',
  'most',
  'more',
  'any',
  'many',
  'much',
  'some',
  'other',
  'again',
  'further',
  'once',
  'here',
  'now',
  'being',
  'having',
  'itself',
  'himself',
  'herself',
  'themselves',
  'ourselves',
  'yourself',
  'myself',
  'cannot',
  'although',
  'though',
  'whether',
  'since',
  'yet',
  'still',
  'even',
  'already',
  'ever',
  'never',
  'around',
  'across',
  'among',
  'towards',
  'toward',
  'onto',
  'off',
  'down',
  'however',
  'therefore',
  'thus',
  'every',
  'either',
  'neither',
  'nor',
  'another',
  'few',
  'several',
  'one',
  'two',
  'three',
  'first',
  'last',
  'next',
  'new',
  'said',
  'says',
  'say',
  'told',
  'like',
  'well',
  'back',
  'get',
  'got',
  'make',
  'made',
  'take',
  'took',
  'year',
  'years',
  'people',
  'time',
  // What is left of a contraction once its clitic goes: don't → don, isn't → isn.
  'don',
  'doesn',
  'didn',
  'isn',
  'aren',
  'wasn',
  'weren',
  'hasn',
  'haven',
  'hadn',
  'won',
  'wouldn',
  'couldn',
  'shouldn',
]);

/**
 * Latin-script languages whose stopwords-iso lists English is weighed against. Left out: Breton's list, full of
 * English words, and Malay's, full of names ("india", "bank"); Indonesian's list stands for Malay.
 */
const RIVALS = [
  'af',
  'ca',
  'cs',
  'da',
  'de',
  'eo',
  'es',
  'et',
  'eu',
  'fi',
  'fr',
  'ga',
  'gl',
  'ha',
  'hr',
  'hu',
  'id',
  'it',
  'la',
  'lt',
  'lv',
  'nl',
  'no',
  'pl',
  'pt',
  'ro',
  'sk',
  'sl',
  'so',
  'st',
  'sv',
  'sw',
  'tl',
  'tr',
  'vi',
  'yo',
  'zu',
] as const;

/** Single letters that are words somewhere (Spanish y, Portuguese o, Polish w); some lists hold the whole alphabet. */
const SINGLE_LETTER_WORDS: ReadonlySet<string> = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'w', 'z', 'k', 'v']);

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
  rivalIndex ??= buildRivalIndex();
  return rivalIndex.get(word);
}

function buildRivalIndex(): Map<string, number[]> {
  const index = new Map<string, number[]>();
  RIVALS.forEach((language, position) => {
    for (const entry of stopwordsIso[language] ?? []) {
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
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= 0x41 && code <= 0x5a) upper += 1;
  }
  return upper;
}

function countFunctionWords(text: string, evidence: LanguageEvidence): void {
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
