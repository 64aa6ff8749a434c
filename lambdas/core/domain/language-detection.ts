// Core layer: which language a text is written in, as far as Mujaz can summarize it: Arabic, English, or 'und'
// rather than a guess. Deterministic, no I/O.
import functionWords from './data/function-words.json';
import { countFunctionWords, ENGLISH_LEAD } from './latin-function-words';

/** What detection returns: the two languages Mujaz summarizes, or 'und' when it will not guess. */
export type LanguageCode = 'ar' | 'en' | 'und';

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
  // Stryker disable next-line ConditionalExpression: without letters arabic and latin are 0 too, 0 / 0 is NaN and neither count below runs
  if (evidence.letters === 0) return evidence;
  if (evidence.arabic / evidence.letters >= SCRIPT_MAJORITY) countPersianWords(text, evidence);
  else if (evidence.latin / evidence.letters >= SCRIPT_MAJORITY) countFunctionWords(text, evidence);
  return evidence;
}

function decide(evidence: LanguageEvidence): LanguageCode {
  const { letters, arabic, latin } = evidence;
  // Stryker disable next-line ConditionalExpression: without letters both shares below are NaN, so it is 'und' all the same
  if (letters === 0) return 'und';
  if (arabic / letters >= SCRIPT_MAJORITY) return isArabic(evidence) ? 'ar' : 'und';
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: below the majority no function word was counted (english is 0), so isEnglish says no
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
    // Stryker disable next-line EqualityOperator: U+0080 is no letter on either path (0x80 | 0x20 is 0xA0, and \p{L} rejects it)
    if (code < 0x80) {
      const lower = code | 0x20;
      if (lower >= 0x61 && lower <= 0x7a) {
        evidence.letters += 1;
        evidence.latin += 1;
      }
    } else if (code >= 0x0600 && code <= 0x06ff) {
      const kind = arabicBlockKinds()[code - 0x0600];
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
/** The kinds of code point in buildArabicBlock's table. */
export const NOT_A_LETTER = 0;
export const ARABIC = 1;
export const FOREIGN = 2;

/** U+0600–U+06FF: which code points are letters, and which of those Arabic itself does not write. */
let arabicBlock: Uint8Array | undefined;

/** Built on first use, so that it is code tests reach, not module loading. */
function arabicBlockKinds(): Uint8Array {
  arabicBlock ??= buildArabicBlock();
  return arabicBlock;
}

/** The table arabicBlockKinds caches, indexed by code point − U+0600; exported so that tests reach it directly. */
export function buildArabicBlock(): Uint8Array {
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
}

// ----------------------------------------------------------------------------- Persian in Arabic letters

/**
 * Persian function words spelled with the Arabic ي and ك, as older Persian sites type them: no Arabic word
 * (که → كه, می → مي). Left out: those Arabic writes too (به "with him", آن, اين "where", كرد "Kurds").
 */
const PERSIAN_WORDS: ReadonlySet<string> = new Set(functionWords.persianInArabicLetters);
/** An Arabic-script word with its diacritics and tatweel; the zero-width non-joiner (می‌شود) ends it. */
const ARABIC_WORD = /[\u0621-\u063a\u0640-\u065f\u0670-\u06d3]+/gu;
const ARABIC_MARKS = /[\u0640\u064b-\u065f\u0670]/gu;

function countPersianWords(text: string, evidence: LanguageEvidence): void {
  for (const match of text.matchAll(ARABIC_WORD)) {
    evidence.arabicWords += 1;
    if (PERSIAN_WORDS.has(match[0].replace(ARABIC_MARKS, ''))) evidence.persianWords += 1;
  }
}
