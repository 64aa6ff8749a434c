// Core layer: which script a text is written in, and the direction it reads.

export type LanguageCode = 'ar' | 'en' | 'und';
export type TextDirection = 'rtl' | 'ltr';

const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/u;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/u;
const ANY_LETTER = /\p{L}/u;

/** Share of letters a script needs before we name the language; below it we say 'und' rather than guess. */
const DOMINANT_SHARE = 0.6;

export function detectLanguage(text: string): LanguageCode {
  let arabic = 0;
  let latin = 0;
  let letters = 0;
  for (const char of text) {
    if (!ANY_LETTER.test(char)) continue;
    letters += 1;
    if (ARABIC_LETTER.test(char)) arabic += 1;
    else if (LATIN_LETTER.test(char)) latin += 1;
  }
  if (letters === 0) return 'und';
  if (arabic / letters >= DOMINANT_SHARE) return 'ar';
  // Latin script alone does not make English, but English is the only Latin-script language we summarize for now.
  if (latin / letters >= DOMINANT_SHARE) return 'en';
  return 'und';
}

export function directionOf(language: LanguageCode): TextDirection {
  return language === 'ar' ? 'rtl' : 'ltr';
}
