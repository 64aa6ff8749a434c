// Core layer: making submitted text safe to summarize and store, and naming what makes it unusable.
// Pure string work: no HTML parser here (the adapters own parsing); the markup check below only has to tell
// "tags and nothing else" from text.
import { hasInvisibleCharacters, withoutInvisibleCharacters } from './invisible-characters';

/** Above this share of control or replacement characters (U+FFFD), a text is taken for binary data. */
export const MAX_BINARY_SHARE = 0.1;

// \r\n and \r, plus the other line terminators (VT, FF, NEL, LINE and PARAGRAPH SEPARATOR), become \n.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const LINE_BREAKS = /\r\n?|[\u000B\u000C\u0085\u2028\u2029]/gu;
// C0 and C1 controls and DEL, except \t and \n (handled before this runs).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;
// What a one-line name must not hold besides invisible characters: control characters, line and paragraph
// separators.
const NOT_IN_A_NAME = /[\p{Cc}\u2028\u2029]/u;
// Every space separator (NBSP from &nbsp;, thin and narrow spaces, ideographic space…) is a plain space.
const SPACES = /[\t\p{Zs}]+/gu;

/**
 * Text as we store and summarize it: NFC; every character that renders as nothing (invisible-characters.ts: bidi
 * controls, zero-width characters, joiners, fillers, variation selectors, tags…) and control characters removed
 * (\r\n and \r become \n, tabs and other spaces a single space); each line trimmed; empty lines dropped, so
 * paragraphs stay one per line.
 */
export function cleanText(raw: string): string {
  const characters = raw.replace(LINE_BREAKS, '\n').replace(CONTROLS, '');
  // Invisible characters go before NFC, which a combining grapheme joiner would otherwise hold apart.
  const visible = withoutInvisibleCharacters(characters).normalize('NFC');
  return visible
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

/** A title or lede: cleaned like any text, its lines joined into one. */
export function cleanLine(raw: string): string {
  return cleanText(raw).replace(/\n/gu, ' ');
}

/**
 * Whether a name (a publication's, say) holds a control character, a line break or a character that renders as
 * nothing (a bidi control, which would re-order the text next to it, among them).
 */
export function hasControlOrInvisibleCharacters(name: string): boolean {
  return NOT_IN_A_NAME.test(name) || hasInvisibleCharacters(name);
}

/** The UTF-8 size of a string, without encoding it. Lone surrogates count as U+FFFD (3 bytes), as TextEncoder writes them. */
export function utf8ByteLength(text: string): number {
  // Native, and a lone surrogate counts 3 bytes (U+FFFD) as the encoder writes it: an email's size is measured with
  // this on every rendering that decides what fits (send-digest.ts), where a loop over characters took milliseconds.
  return Buffer.byteLength(text, 'utf8');
}

/** True when the text holds a NUL or more than MAX_BINARY_SHARE control or replacement characters. */
export function looksBinary(raw: string): boolean {
  if (raw.includes('\u0000')) return true;
  let total = 0;
  let suspicious = 0;
  for (const character of raw) {
    total += 1;
    const code = character.codePointAt(0)!;
    const control = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f);
    if (control || code === 0xfffd) suspicious += 1;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator: for empty text, 0 / 0 is NaN: not above the share
  return total > 0 && suspicious / total > MAX_BINARY_SHARE;
}

// No pattern scans past the next '<' from a failed start, so a megabyte of unclosed '<' stays linear.
const MARKUP = [
  /<!--[\s\S]*?(?:-->|$)/gu, // comments, even an unterminated one
  /<(script|style|template|noscript)\b[^<>]*>[\s\S]*?(?:<\/\1\s*>|$)/giu, // elements whose content is not text
  /<[!?][^<>]*>/gu, // doctype, CDATA markers, processing instructions (<?xml …?>)
  /<\/?[A-Za-z][^<>]*>/gu, // start and end tags
  /&(?:#\d+|#x[\da-f]+|[a-z][a-z\d]*);/giu, // character references (&nbsp; alone is no text either)
];

/** True when the text is HTML or XML markup with nothing readable between the tags. */
export function isMarkupOnly(text: string): boolean {
  let rest = text;
  for (const pattern of MARKUP) rest = rest.replace(pattern, ' ');
  return rest !== text && cleanText(rest) === '';
}

export type UnusableText = 'binary' | 'markup_only' | 'empty';

/** What makes raw submitted text unusable — binary data, markup with no text, nothing at all — or undefined. */
export function unusableTextReason(raw: string): UnusableText | undefined {
  if (looksBinary(raw)) return 'binary';
  const text = cleanText(raw);
  if (text === '') return 'empty';
  if (isMarkupOnly(text)) return 'markup_only';
  return undefined;
}

/** An upper bound on the elements a page can have: '<' followed by a letter. A count, not a parse. */
export function countStartTags(html: string): number {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1) | 0x20; // ASCII lower case
    if (next >= 0x61 && next <= 0x7a) count += 1;
  }
  return count;
}
