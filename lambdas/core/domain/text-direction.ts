// Core layer: which way a language's text runs, and the edge templates align it to.
import rightToLeft from './data/right-to-left.json';
import { type LanguageTag, languageSubtags } from './language-tag';

export type TextDirection = 'rtl' | 'ltr';

/**
 * Languages written right to left: those of the Arabic, Hebrew and Thaana scripts. 'ku' stands for Sorani (ckb),
 * Kurdish as Iraqi and Iranian media write it; 'iw' and 'ji' are retired codes for Hebrew and Yiddish that older
 * systems still send.
 */
const RTL_LANGUAGES: ReadonlySet<string> = new Set(rightToLeft.languages);
/** ISO 15924 codes of the scripts written right to left. */
const RTL_SCRIPTS: ReadonlySet<string> = new Set(rightToLeft.scripts);
const SCRIPT_SUBTAG = /^[a-z]{4}$/u;
/** A letter of one of those scripts (the JSON lists ISO 15924 codes in lower case; \p{Script=…} wants 'Arab'). */
const RTL_LETTER = new RegExp(
  `[${rightToLeft.scripts.map((code) => `\\p{Script=${code[0]!.toUpperCase()}${code.slice(1)}}`).join('')}]`,
  'u',
);
const LETTER = /\p{L}/u;

/**
 * Right to left for the languages written in the Arabic, Hebrew or Thaana script, left to right otherwise.
 * Takes a bare code or a BCP 47 tag; a script subtag, where there is one, decides ('ku-Latn' reads left to right).
 */
export function directionOf(language: LanguageTag): TextDirection {
  const [primary = '', ...subtags] = languageSubtags(language);
  const script = subtags.find((subtag) => SCRIPT_SUBTAG.test(subtag));
  if (script !== undefined) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}

/**
 * Which way a short text of unknown language runs — a name an editor typed: as its first letter's script runs, as
 * browsers find it for dir="auto". Undefined for a text without a letter ("24").
 */
export function directionOfText(text: string): TextDirection | undefined {
  const letter = LETTER.exec(text)?.[0];
  if (letter === undefined) return undefined;
  return RTL_LETTER.test(letter) ? 'rtl' : 'ltr';
}

/** Which way a piece of text runs, and the edge templates align it to: the pair every template needs. */
export interface TextLayout {
  direction: TextDirection;
  align: 'right' | 'left';
}

export function layoutOf(language: LanguageTag): TextLayout {
  const direction = directionOf(language);
  return { direction, align: direction === 'rtl' ? 'right' : 'left' };
}
