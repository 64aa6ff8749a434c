// The letter counts language detection decides on: each range of code points countScripts knows, probed at its
// edges and just outside them, and the words that hold a letter Arabic does not write.
import { languageEvidence } from '../../../lambdas/core/domain/language-detection';

/** The script counts of languageEvidence, without the word counts that depend on the language found. */
function scripts(text: string) {
  const { letters, arabic, foreignArabic, foreignWords, latin, accented } = languageEvidence(text);
  return { letters, arabic, foreignArabic, foreignWords, latin, accented };
}

const NONE = { letters: 0, arabic: 0, foreignArabic: 0, foreignWords: 0, latin: 0, accented: 0 };
const LATIN = { ...NONE, letters: 1, latin: 1 };
const ACCENTED = { ...LATIN, accented: 1 };
const ARABIC = { ...NONE, letters: 1, arabic: 1 };
const FOREIGN = { ...ARABIC, foreignArabic: 1, foreignWords: 1 };
/** A letter of another script: it counts among the letters and for no script. */
const OTHER = { ...NONE, letters: 1 };

describe('languageEvidence — one code point at a time', () => {
  it.each([
    // Basic Latin: the letters and their neighbours
    ['U+0040 @', '@', NONE],
    ['U+0041 A', 'A', LATIN],
    ['U+005A Z', 'Z', LATIN],
    ['U+005B [', '[', NONE],
    ['U+0060 `', '`', NONE],
    ['U+0061 a', 'a', LATIN],
    ['U+007A z', 'z', LATIN],
    ['U+007B {', '{', NONE],
    ['U+0030 0', '0', NONE],
    ['U+0020 space', ' ', NONE],
    ['U+007F', '\u007f', NONE],
    ['U+0080', '\u0080', NONE],
    // Latin-1 Supplement and Latin Extended-A/B: accented Latin, but for × and ÷
    ['U+00AA ª', '\u00aa', OTHER],
    ['U+00BF ¿', '\u00bf', NONE],
    ['U+00C0 À', '\u00c0', ACCENTED],
    ['U+00D6 Ö', '\u00d6', ACCENTED],
    ['U+00D7 ×', '\u00d7', NONE],
    ['U+00D8 Ø', '\u00d8', ACCENTED],
    ['U+00F7 ÷', '\u00f7', NONE],
    ['U+00F8 ø', '\u00f8', ACCENTED],
    ['U+024F ɏ', '\u024f', ACCENTED],
    ['U+0250 ɐ', '\u0250', OTHER],
    ['U+03B1 α', '\u03b1', OTHER],
    ['U+0414 Д', '\u0414', OTHER],
    // The Arabic block
    ['U+0600 number sign', '\u0600', NONE],
    ['U+060C comma', '\u060c', NONE],
    ['U+0610 mark', '\u0610', NONE],
    ['U+0620 Kashmiri yeh', '\u0620', FOREIGN],
    ['U+0621 hamza', '\u0621', ARABIC],
    ['U+063A ghain', '\u063a', ARABIC],
    ['U+063B keheh variant', '\u063b', FOREIGN],
    ['U+0640 tatweel', '\u0640', NONE],
    ['U+0641 feh', '\u0641', ARABIC],
    ['U+064A yeh', '\u064a', ARABIC],
    ['U+064B fathatan', '\u064b', NONE],
    ['U+0660 digit zero', '\u0660', NONE],
    ['U+0669 digit nine', '\u0669', NONE],
    ['U+066E dotless beh', '\u066e', ARABIC],
    ['U+0670 superscript alef', '\u0670', NONE],
    ['U+0671 alef wasla', '\u0671', ARABIC],
    ['U+067E peh', '\u067e', FOREIGN],
    ['U+06A4 veh', '\u06a4', ARABIC],
    ['U+06D3 yeh barree with hamza', '\u06d3', FOREIGN],
    ['U+06D4 full stop', '\u06d4', NONE],
    ['U+06D5 ae', '\u06d5', FOREIGN],
    ['U+06F0 extended digit zero', '\u06f0', NONE],
    ['U+06FF heh with inverted v', '\u06ff', FOREIGN],
    // Arabic Supplement and Extended-A: letters of other languages only
    ['U+074F Syriac', '\u074f', OTHER],
    ['U+0750', '\u0750', FOREIGN],
    ['U+077F', '\u077f', FOREIGN],
    ['U+0780 Thaana', '\u0780', OTHER],
    ['U+089F mark', '\u089f', NONE],
    ['U+08A0', '\u08a0', FOREIGN],
    ['U+08C9', '\u08c9', FOREIGN],
    ['U+08CA mark', '\u08ca', NONE],
    // Latin Extended Additional
    ['U+1DFF mark', '\u1dff', NONE],
    ['U+1E00 Ḁ', '\u1e00', ACCENTED],
    ['U+1EFF ỿ', '\u1eff', ACCENTED],
    ['U+1F00 ἀ', '\u1f00', OTHER],
    // Arabic presentation forms: Arabic, whatever they are
    ['U+FB4F Hebrew ligature', '\ufb4f', OTHER],
    ['U+FB50', '\ufb50', ARABIC],
    ['U+FDFF ligature (a symbol)', '\ufdff', ARABIC],
    ['U+FE00 variation selector', '\ufe00', NONE],
    ['U+FE6B small @', '\ufe6b', NONE],
    ['U+FE70', '\ufe70', ARABIC],
    ['U+FEFC', '\ufefc', ARABIC],
    ['U+FEFD', '\ufefd', NONE],
    ['U+FEFF byte order mark', '\ufeff', NONE],
    ['U+FF21 fullwidth A', '\uff21', OTHER],
    ['U+2014 em dash', '\u2014', NONE],
    // Outside the BMP: a surrogate pair is one code point
    ['U+10000 (high surrogate D800)', '\u{10000}', OTHER],
    ['U+1D400 𝐀', '\u{1d400}', OTHER],
    ['U+1F600 😀', '\u{1f600}', NONE],
    ['U+10FC00 (high surrogate DBFF)', '\u{10fc00}', NONE],
  ])('%s', (_name, text, expected) => {
    expect(scripts(text)).toEqual(expected);
  });
});

describe('languageEvidence — runs of code points', () => {
  it.each([
    ['two Cyrillic letters', '\u0414\u0414', { ...NONE, letters: 2 }],
    ['two fullwidth letters', '\uff21\uff21', { ...NONE, letters: 2 }],
    ['Latin around a letter outside the BMP', 'a\u{1d400}b', { ...NONE, letters: 3, latin: 2 }],
    ['Latin after an emoji', '\u{1f600}a', { ...NONE, letters: 1, latin: 1 }],
    // Malformed UTF-16: a stray high surrogate takes the code unit after it along, as if it were its pair.
    ['a stray U+D800 before a letter', '\ud800a', NONE],
    ['a stray U+DBFF before a letter', '\udbffa', NONE],
    ['digits and punctuation between letters', 'a1,b-\u00e9!', { ...NONE, letters: 3, latin: 3, accented: 1 }],
    [
      'every kind at once',
      'Ab\u00e9 \u0628\u067e\u0750 \u0414 \ufb50',
      { letters: 8, arabic: 4, foreignArabic: 2, foreignWords: 1, latin: 3, accented: 1 },
    ],
  ])('%s', (_name, text, expected) => {
    expect(scripts(text)).toEqual(expected);
  });
});

describe('languageEvidence — words with a letter Arabic does not write', () => {
  it('counts a foreign letter at the very start of the text as a word', () => {
    expect(scripts('\u067e')).toEqual(FOREIGN);
    expect(scripts('\u0750')).toEqual(FOREIGN);
  });

  it.each([
    ['پپ', 1],
    ['پ پ', 2],
    ['ݐݐ', 1],
    ['ݐ ݐ', 2],
    ['پݐ', 1],
    ['ݐپ', 1],
    ['پ ݐ', 2],
    ['گوگل', 1],
    ['گوگل و گوگل', 2],
  ])('%s: %i', (text, foreignWords) => {
    expect(languageEvidence(text).foreignWords).toBe(foreignWords);
  });

  // Between two پ: what is part of an Arabic-script word keeps them in one foreign word, anything else splits them.
  it.each([
    ['U+0020 space', ' ', 2],
    ['U+200C zero-width non-joiner', '\u200c', 2],
    ['U+0031 digit', '1', 2],
    ['U+060F sign misra', '\u060f', 2],
    ['U+0610 mark', '\u0610', 1],
    ['U+061A mark', '\u061a', 1],
    ['U+061B semicolon', '\u061b', 2],
    ['U+061F question mark', '\u061f', 2],
    ['U+0620 Kashmiri yeh', '\u0620', 1],
    ['U+0640 tatweel', '\u0640', 1],
    ['U+065F mark', '\u065f', 1],
    ['U+0660 digit zero', '\u0660', 2],
    ['U+066D five-pointed star', '\u066d', 2],
    ['U+066E dotless beh', '\u066e', 1],
    ['U+06D3 yeh barree with hamza', '\u06d3', 1],
    ['U+06D4 full stop', '\u06d4', 2],
    ['U+06D5 ae', '\u06d5', 1],
    ['U+06EF reh with inverted v', '\u06ef', 1],
    ['U+06F0 extended digit zero', '\u06f0', 2],
    ['U+06F9 extended digit nine', '\u06f9', 2],
    ['U+06FA sheen with dot below', '\u06fa', 1],
    ['U+06FF heh with inverted v', '\u06ff', 1],
    ['U+0700 Syriac end of paragraph', '\u0700', 2],
    ['U+074F Syriac letter', '\u074f', 2],
    ['U+0750 Arabic Supplement', '\u0750', 1],
    ['U+077F Arabic Supplement', '\u077f', 1],
    ['U+0780 Thaana', '\u0780', 2],
    ['U+089F mark', '\u089f', 2],
    ['U+08A0 Arabic Extended-A', '\u08a0', 1],
    ['U+08FF mark', '\u08ff', 1],
    ['U+0900 Devanagari mark', '\u0900', 2],
  ])('پ %s پ', (_name, between, foreignWords) => {
    expect(languageEvidence(`\u067e${between}\u067e`).foreignWords).toBe(foreignWords);
  });
});

describe('languageEvidence — Persian function words', () => {
  it('counts the Arabic-script words, and the Persian function words among them', () => {
    expect(languageEvidence('كتب از را')).toMatchObject({ arabicWords: 3, persianWords: 2 });
  });

  it('reads a function word through its diacritics and tatweel', () => {
    expect(languageEvidence('ازْ رـا كتب')).toMatchObject({ arabicWords: 3, persianWords: 2 });
  });
});

describe('languageEvidence — which words it counts, by the script that holds the majority', () => {
  const none = { ...NONE, arabicWords: 0, persianWords: 0, words: 0, english: 0, rivalOnly: 0, shared: 0 };

  it('counts Arabic-script words from 60 % Arabic letters on', () => {
    expect(languageEvidence('كتب ДД')).toEqual({ ...none, letters: 5, arabic: 3, arabicWords: 1 });
    expect(languageEvidence('كتب ДДД')).toEqual({ ...none, letters: 6, arabic: 3 });
  });

  it('counts Latin-script words from 60 % Latin letters on', () => {
    expect(languageEvidence('the ДД')).toEqual({ ...none, letters: 5, latin: 3, words: 1, english: 1 });
    expect(languageEvidence('the ДДД')).toEqual({ ...none, letters: 6, latin: 3 });
  });

  it('counts nothing more without letters', () => {
    expect(languageEvidence('2026 — ١٢٣ ...')).toEqual(none);
    expect(languageEvidence('')).toEqual(none);
  });
});
