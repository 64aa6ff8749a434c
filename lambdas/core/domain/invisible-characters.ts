// Core layer: the one rule for characters that render as nothing. Unicode names them Default_Ignorable_Code_Point:
// a font draws no glyph for them and a renderer that does not know one must show nothing. They are the zero-width
// space, joiners and word joiner, the BOM, the soft hyphen, the bidi marks, embeddings, overrides and isolates,
// the combining grapheme joiner (U+034F), the Mongolian vowel separator and variation selectors (U+180B–U+180F),
// the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), the variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF),
// the tag characters (U+E0000–U+E007F) and the invisible operators — every one of them a way to make two texts
// that look the same differ, to hide words from a reader, or to make an empty title look like none was given.
// Text a reader sees loses them (text-cleaning.ts); a name we show as it was given (a report's source, the
// newsletter's) is refused with one of them in it.
//
// Joiners and variation selectors do shape some writing — ZWNJ inside a Persian word, ZWJ and U+FE0F inside an
// emoji sequence, a variation selector on a CJK ideograph. Mujaz writes Arabic and English, where removing them
// leaves the same words (an emoji sequence falls apart into its emoji): no partial rule that keeps them "between
// letters" would stop them being used to hide text, so none is made.

/** Every character that renders as nothing, wherever it stands. */
const RENDERS_AS_NOTHING = /\p{Default_Ignorable_Code_Point}/gu;

/** The text without any character that renders as nothing. */
export function withoutInvisibleCharacters(text: string): string {
  return text.replace(RENDERS_AS_NOTHING, '');
}

/** Whether the text holds a character that renders as nothing. */
export function hasInvisibleCharacters(text: string): boolean {
  return withoutInvisibleCharacters(text).length !== text.length;
}
