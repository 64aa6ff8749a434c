// Core layer: the language codes editors, pages and detection speak (ISO 639), checked in one place.

/** A language an editor may state outright: an ISO 639 code in lower case ('fr', 'ckb'), or 'und'. */
export type LanguageTag = string;

/** Two or three lower-case letters (ISO 639-1 or 639-2/3), which takes in 'und'. */
const ISO_639_CODE = /^[a-z]{2,3}$/u;

export function isLanguageTag(value: unknown): value is LanguageTag {
  return typeof value === 'string' && ISO_639_CODE.test(value);
}

/**
 * A code as a person types it, in the one spelling we keep: trimmed and lower-cased ('FR ' → 'fr'); undefined when
 * that is no ISO 639 code. Every language an editor, an import or a queue message names goes through here.
 */
export function languageTagFrom(given: string): LanguageTag | undefined {
  const tag = given.trim().toLowerCase();
  return isLanguageTag(tag) ? tag : undefined;
}

/** The subtags of a BCP 47 tag, lower-cased: 'ar-EG' → ['ar', 'eg'], 'en_US' → ['en', 'us']. */
export function languageSubtags(tag: string): string[] {
  return tag.trim().toLowerCase().split(/[-_]/u);
}

/** The primary subtag of a BCP 47 tag when it is an ISO 639 code ('ar' for 'ar-EG'); undefined otherwise. */
export function primaryLanguageOf(tag: string): LanguageTag | undefined {
  const [primary] = languageSubtags(tag);
  return isLanguageTag(primary) ? primary : undefined;
}
