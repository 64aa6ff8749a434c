// Core layer: splitting report text into sentences, for Arabic and English alike.

// Abbreviations whose trailing period does not end a sentence (compared lower-cased, without the period).
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sr', 'jr', 'st', 'mt', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'no', 'gen', 'gov', 'sen', 'rep', 'u.s', 'u.k', 'e.g', 'i.e',
  // Arabic titles written with a period: أ. (ustadh), د. (doctor), أ.د (professor). Not م.: it more often
  // ends a sentence on a year ("عام 2015 م.") than it abbreviates an engineer's title.
  'أ', 'د', 'أ.د', 'ا.د',
]);

const TERMINATORS = new Set(['.', '!', '?', '؟', '…']);
// “ closes as often as it opens in Arabic typesetting; after a terminator it can only close.
const CLOSERS = new Set(['"', "'", '”', '“', '’', '»', ')', ']', '›']);

/** Splits one paragraph into sentences; paragraphs never share a sentence. */
export function splitSentences(paragraph: string): string[] {
  const text = paragraph.trim();
  const sentences: string[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]!;
    if (!TERMINATORS.has(char)) continue;
    let end = index + 1;
    while (end < text.length && (TERMINATORS.has(text[end]!) || CLOSERS.has(text[end]!))) end += 1;
    const next = text[end];
    if (next !== undefined && !/\s/u.test(next)) continue; // 2.5, U.S.A, example.com
    if (char === '.' && endsWithAbbreviation(text.slice(start, index))) continue;
    pushSentence(sentences, text.slice(start, end));
    start = end;
    index = end - 1;
  }
  pushSentence(sentences, text.slice(start));
  return sentences;
}

export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

function endsWithAbbreviation(textBeforePeriod: string): boolean {
  const lastWord = textBeforePeriod.split(/\s+/u).pop() ?? '';
  const bare = lastWord.replace(/^[("'“«]+/u, '');
  if (ABBREVIATIONS.has(bare.toLowerCase())) return true;
  // A lone capital ("J. Smith") is an initial, not the end of a sentence.
  return /^\p{Lu}$/u.test(bare);
}

function pushSentence(sentences: string[], candidate: string): void {
  const sentence = candidate.trim();
  if (sentence.length > 0) sentences.push(sentence);
}
