// Core layer: splitting report text into paragraphs and sentences, for Arabic and English alike.
//
// Hand-written on purpose: Intl.Segmenter (ICU's UAX #29 rules), sbd and sentence-splitter all break after
// "Dr." or "أ.د.", and the latter two neither end a sentence at ؟ nor keep » with the sentence it closes.
import boundaries from './data/sentence-boundaries.json';

/** Ends a sentence: . ! ? and the Arabic question mark, the ellipsis, the Arabic full stop ۔, and kin. */
const TERMINATORS: ReadonlySet<string> = new Set(boundaries.terminators);
/**
 * Closes what a terminator ended: quotes and brackets right after it belong to that sentence. “ and ‘ close
 * as often as they open in Arabic typesetting; straight after a terminator they can only close.
 */
const CLOSERS: ReadonlySet<string> = new Set(boundaries.closers);
/** Opens a quotation at the start of the next sentence. */
const OPENERS: ReadonlySet<string> = new Set(boundaries.openers);

/** Titles before a name, and Latin shorthands, whose period never ends a sentence (compared lower-cased). */
const TITLES: ReadonlySet<string> = new Set(boundaries.titles);
/** Abbreviations followed by a number (No. 10, p. 45, Jan. 5): not an ending before a digit. */
const BEFORE_NUMBERS: ReadonlySet<string> = new Set(boundaries.beforeNumbers);
/**
 * Abbreviations that end a name (Acme Inc., John Smith Jr.) or a list (etc.): inside a sentence a lower-case
 * word or a comma follows them ("Acme Inc. said"), so a capital after them starts a new sentence.
 */
const END_NAMES: ReadonlySet<string> = new Set(boundaries.endNames);
/**
 * Abbreviations that may end a sentence as well as sit inside one ("St. Louis" / "Main St. The"): an ending
 * only when a word that starts sentences follows. Dotted ones (U.S., a.m., Ph.D.) and single capitals (the
 * initials in "J. K. Rowling") are taken the same way.
 */
const MAY_END: ReadonlySet<string> = new Set(boundaries.mayEnd);
/** Words that open English sentences; after an ambiguous abbreviation they say a new sentence began. */
const SENTENCE_STARTERS: ReadonlySet<string> = new Set(boundaries.sentenceStarters);

/**
 * Arabic abbreviations are single letters (أ. د. م. ص. ج.) or dotted letters (أ.د. ص.ب. ج.م.ع.), which never
 * end a sentence; but م (ميلادي) after a year, هـ after a Hijri year and ق.م (before Christ) are year
 * markers, and a sentence ends on them as often as not.
 */
const ARABIC_YEAR_MARKERS: ReadonlySet<string> = new Set(boundaries.arabicYearMarkers);

const ARABIC_LETTER = /[\u0620-\u063f\u0641-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f]/u;
const ARABIC_MARKS = /[\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/gu;
const ARABIC_ABBREVIATION = /^(?:\p{Script=Arabic}{1,2}\.)+\p{Script=Arabic}{1,2}$/u;
const LATIN_DOTTED = /^(?:\p{Script=Latin}{1,2}\.)+\p{Script=Latin}{1,2}$/u;
const NUMBER = /^[\d\u0660-\u0669\u06f0-\u06f9]+(?:[.,٫٬][\d\u0660-\u0669\u06f0-\u06f9]+)*$/u;
/** A list marker at the head of a paragraph ("1.", "b.", "iv.", "١."), not a sentence of its own. */
const LIST_MARKER = /^(?:[\d\u0660-\u0669\u06f0-\u06f9]{1,3}|\p{L}|x{0,3}(?:ix|iv|v?i{0,3}))$/iu;
const DIGITS_AT_END = /[\d\u0660-\u0669\u06f0-\u06f9]$/u;
/** Punctuation around a word that the abbreviation check looks past: ("Dr. → Dr, «أ.د. → أ.د */
const WRAPPING = /^[("'“‘«[]+|[)"'”’»\]]+$/gu;

export function splitParagraphs(text: string): string[] {
  const lines = text
    .split(/\r\n|[\n\r\u0085\u2028\u2029]/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  // A loop, not Math.max(...lengths): a report may hold a few hundred thousand lines, more than a call takes.
  const width = lines.reduce((widest, line) => Math.max(widest, line.length), 0);
  return isHardWrapped(lines, width) ? joinWrappedLines(lines, width) : lines;
}

/**
 * Plain-text wire copy and mail wrap lines at a fixed width, mid-sentence: taken one by one, such lines would be
 * summarized as fragments cut anywhere. A wrapped line stops without ending a sentence and fills most of the
 * width; a text is hard-wrapped when it has a few lines, none wider than a wrapping width, and most of them are.
 */
const WRAPPED_MIN_LINES = 4;
const WRAPPED_WIDTHS = { min: 40, max: 120 };
/** A wrapped line fills at least this share of the widest line: shorter ones end a paragraph or head one. */
const WRAPPED_FILL = 0.6;
const WRAPPED_SHARE = 0.5;

/** A list item's head — a bullet, a dash, or a number or letter with . or ) — begins its own paragraph. */
const LIST_ITEM = /^(?:[-–—•*▪●◦·]|(?:[\d\u0660-\u0669\u06f0-\u06f9]{1,3}|\p{L})[.)])\s/u;

function isHardWrapped(lines: readonly string[], width: number): boolean {
  if (lines.length < WRAPPED_MIN_LINES) return false;
  if (width < WRAPPED_WIDTHS.min || width > WRAPPED_WIDTHS.max) return false;
  return lines.filter((line, index) => runsOn(line, lines[index + 1], width)).length / lines.length >= WRAPPED_SHARE;
}

/**
 * Wrapped lines run on into the next one; any other line (a sentence's end, a heading, a list's colon, the line
 * before a list item) ends a paragraph.
 */
function joinWrappedLines(lines: readonly string[], width: number): string[] {
  const paragraphs: string[] = [];
  let open: string[] = [];
  for (const [index, line] of lines.entries()) {
    open.push(line);
    if (!runsOn(line, lines[index + 1], width)) {
      paragraphs.push(joinLines(open));
      open = [];
    }
  }
  if (open.length > 0) paragraphs.push(joinLines(open));
  return paragraphs;
}

/** A space between wrapped lines, except after a word broken at a hyphen ("well-" + "known"), which it would split. */
function joinLines(lines: readonly string[]): string {
  // Each line looks back at the one before it only: testing the text joined so far would make joining quadratic.
  return lines.map((line, index) => (index === 0 || /\p{L}-$/u.test(lines[index - 1]!) ? line : ` ${line}`)).join('');
}

function runsOn(line: string, next: string | undefined, width: number): boolean {
  // Stryker disable next-line StringLiteral: any stand-in for "no next line" that is no list item does the same
  return line.length >= WRAPPED_FILL * width && !endsAtBoundary(line) && !LIST_ITEM.test(next ?? '');
}

function endsAtBoundary(line: string): boolean {
  const last = line[line.length - 1]!;
  return TERMINATORS.has(last) || CLOSERS.has(last) || last === ':';
}

/** Splits text into sentences; a line break always ends one, so paragraphs never share a sentence. */
export function splitSentences(paragraph: string): string[] {
  return splitParagraphs(paragraph).flatMap(splitLine);
}

function splitLine(text: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  let index = 0;
  while (index < text.length) {
    if (!TERMINATORS.has(text[index]!)) {
      index += 1;
      continue;
    }
    let end = index + 1;
    // A run: "?!", "...", ". . .", then closing quotes and brackets ('."', '.)', '؟»').
    for (;;) {
      const char = text[end];
      if (char !== undefined && (TERMINATORS.has(char) || CLOSERS.has(char))) end += 1;
      else if (char === ' ' && text[index] === '.' && text[end - 1] === '.' && text[end + 1] === '.') end += 2;
      else break;
    }
    if (endsSentence(text, start, index, end)) {
      pushSentence(sentences, text.slice(start, end));
      start = end;
    }
    index = end;
  }
  pushSentence(sentences, text.slice(start));
  return sentences;
}

/** Whether the run of terminators and closers at [index, end) ends the sentence that began at start. */
function endsSentence(text: string, start: number, index: number, end: number): boolean {
  const next = text[end];
  if (next === undefined) return true;
  if (!/\s/u.test(next)) return endsWithoutSpace(text, index, end);

  const before = text.slice(start, index).trim();
  if (before.length === 0) return false; // a stray terminator at the head of a line ends nothing
  const period = text.slice(index, end) === '.';
  if (period && LIST_MARKER.test(before)) return false;
  const following = text.slice(end).trimStart();
  const first = following[0] ?? '';
  // "Wait... what?", "e.g. apples", '"Stop!" he said': a lower-case word carries the sentence on; but a
  // number does not abbreviate, so "in May 2003. with" is a sentence that forgot its capital.
  if (/\p{Ll}/u.test(first) && !(period && DIGITS_AT_END.test(before))) return false;
  // Not a lone period: "?!", "...", or a period before a closing quote or bracket ('H."'), which no
  // abbreviation or initial is followed by.
  if (!period) return true;

  const words = before.split(/\s+/u);
  const word = (words[words.length - 1] ?? '').replace(WRAPPING, '');
  const previous = (words[words.length - 2] ?? '').replace(WRAPPING, '');
  const arabic = arabicAbbreviationEnds(word, previous);
  if (arabic !== undefined) return arabic;

  const lower = word.toLowerCase();
  if (TITLES.has(lower)) return false;
  if (BEFORE_NUMBERS.has(lower)) return !/^\p{N}/u.test(first);
  if (END_NAMES.has(lower)) return startsAfterName(following);
  if (MAY_END.has(lower) || LATIN_DOTTED.test(word) || /^\p{Lu}$/u.test(word)) return startsSentence(following);
  return true;
}

/**
 * A terminator glued to the next word ends a sentence only between Arabic words ("انتهى.ثم", "لماذا؟لا",
 * and "الخشب .فالعود" with the space on the wrong side), never inside 2.5, U.S.A, example.com or أ.د.
 */
function endsWithoutSpace(text: string, index: number, end: number): boolean {
  let last = index - 1;
  while (last >= 0 && text[last] === ' ') last -= 1;
  if (!isArabicAt(text, last) || !isArabicAt(text, end)) return false;
  if (text[index] !== '.' || end - index > 1) return true;
  return arabicRunLength(text, last, -1) >= 2 && arabicRunLength(text, end, 1) >= 2;
}

/** true or false for an Arabic word before a period; undefined when the word is not Arabic. */
function arabicAbbreviationEnds(word: string, previous: string): boolean | undefined {
  const bare = word.replace(ARABIC_MARKS, '');
  if (!ARABIC_LETTER.test(bare[0] ?? '')) return undefined;
  if (ARABIC_YEAR_MARKERS.has(bare)) return true;
  // م. after a year (1990 م.) or after ق. (500 ق. م.) ends on a date; before a name it is an engineer's title.
  if (bare === 'م') return NUMBER.test(previous) || previous.replace(ARABIC_MARKS, '') === 'ق.';
  if (bare.length === 1) return false;
  if (ARABIC_ABBREVIATION.test(bare)) return false;
  return true;
}

/**
 * After an ambiguous abbreviation: does the text that follows open a new sentence? Not when it is Arabic:
 * "Google Inc. إن" is an Arabic sentence going on past a Latin name.
 */
function startsSentence(following: string): boolean {
  if (OPENERS.has(following[0] ?? '')) return true;
  if (!/^\p{Lu}/u.test(following) || isInitial(following)) return false; // another initial: J. K. Rowling
  return SENTENCE_STARTERS.has(firstWord(following).toLowerCase());
}

/** After Inc., Jr. or etc.: any capitalized word but another initial or name ending ("Co. Ltd.") opens a sentence. */
function startsAfterName(following: string): boolean {
  if (OPENERS.has(following[0] ?? '')) return true;
  return /^\p{Lu}/u.test(following) && !isInitial(following) && !END_NAMES.has(firstWord(following).toLowerCase());
}

function firstWord(text: string): string {
  return /^\p{L}+/u.exec(text)?.[0] ?? '';
}

function isInitial(following: string): boolean {
  return /^\p{Lu}\./u.test(following);
}

function isArabicAt(text: string, index: number): boolean {
  const char = text[index];
  return char !== undefined && (ARABIC_LETTER.test(char) || /[\u064b-\u065f\u0670]/u.test(char));
}

function arabicRunLength(text: string, from: number, step: 1 | -1): number {
  let length = 0;
  for (let index = from; index >= 0 && index < text.length; index += step) {
    const char = text[index]!;
    if (ARABIC_LETTER.test(char)) length += 1;
    else if (!/[\u0640\u064b-\u065f\u0670]/u.test(char)) break;
  }
  return length;
}

/** Adds a trimmed sentence; a fragment without a letter or digit ("...") joins the sentence before it in the line. */
function pushSentence(sentences: string[], candidate: string): void {
  const sentence = candidate.trim();
  if (sentence.length === 0) return;
  if (!/[\p{L}\p{N}]/u.test(sentence) && sentences.length > 0) sentences[sentences.length - 1] += ` ${sentence}`;
  else sentences.push(sentence);
}
