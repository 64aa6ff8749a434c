// The function-word evidence for a text in Latin script: which words count and how (acronyms, dotted words,
// apostrophes), the closest rival language, and the rival index built from the stopword lists.
import { languageEvidence } from '../../../lambdas/core/domain/language-detection';
import { buildRivalIndex } from '../../../lambdas/core/domain/latin-function-words';

const words = (text: string) => {
  const { words: all, english } = languageEvidence(text);
  return { words: all, english };
};

describe('countFunctionWords — acronyms', () => {
  it('takes an all-capital word in running text for an acronym, counted as a word and no function word', () => {
    expect(words('IT staff is on strike')).toEqual({ words: 5, english: 2 });
    expect(words('EU ministers to mull jet fuel tax')).toEqual({ words: 7, english: 1 });
  });

  it('reads all-capital words as words when capitals are half the letters or more', () => {
    expect(words('AT tv')).toEqual({ words: 2, english: 1 }); // 2 capitals in 4 letters
    expect(words('IT Zoom')).toEqual({ words: 2, english: 1 }); // 3 in 6
    expect(words('THE PLAN IS ON')).toEqual({ words: 4, english: 3 });
  });

  it('takes them for acronyms below half', () => {
    expect(words('AT tvs')).toEqual({ words: 2, english: 0 }); // 2 in 5
    expect(words('IT Zooms')).toEqual({ words: 2, english: 0 }); // 3 in 7
  });

  it('never takes a single capital letter for an acronym', () => {
    expect(words('I am here')).toEqual({ words: 3, english: 2 });
  });
});

describe('countFunctionWords — dots and apostrophes', () => {
  it('counts a dotted word as one word and no function word', () => {
    expect(words('U.S. and e.g. example.com')).toEqual({ words: 4, english: 1 });
  });

  it.each([
    ["don't", { words: 1, english: 1 }],
    ['don’t', { words: 1, english: 1 }],
    ["it's", { words: 1, english: 1 }],
    ["we're", { words: 1, english: 1 }],
    ["I'll", { words: 1, english: 1 }],
  ])('counts an English contraction by its first half: %s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it.each([
    ["l'homme", { words: 2, english: 0 }],
    ["dell'anno", { words: 2, english: 0 }],
    ["the'the", { words: 2, english: 2 }],
  ])('counts both halves of an elision: %s', (text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('counts every part of a word with two apostrophes, clitic or not', () => {
    expect(words("wouldn't've")).toEqual({ words: 3, english: 1 });
  });
});

describe('countFunctionWords — the closest rival', () => {
  const rival = (text: string) => {
    const { rival: language, rivalOnly, shared } = languageEvidence(text);
    return { rival: language, rivalOnly, shared };
  };

  it('is the language that leaves English the thinnest margin', () => {
    // Dutch shares "of" (margin 3 − 3 = 0); Romanian has "cat" to itself (margin 3 − 2 × 1 = 1).
    expect(rival('of of of cat')).toEqual({ rival: 'nl', rivalOnly: 0, shared: 3 });
    // German has "und" (margin 1 − 2 = −1); Dutch shares "of" (margin 0).
    expect(rival('of und')).toEqual({ rival: 'de', rivalOnly: 1, shared: 0 });
  });

  it('on a tie, is the later language only when it shares more words with English', () => {
    // German: 2 − 2 × 1 = 0; Dutch: 2 − 2 = 0, with 2 words shared.
    expect(rival('und of of')).toEqual({ rival: 'nl', rivalOnly: 0, shared: 2 });
    // "am" is German, Romanian and Tagalog alike: the first of them in the list stays.
    expect(rival('am')).toEqual({ rival: 'de', rivalOnly: 1, shared: 0 });
  });

  it('is a language that shares a word with English, and none only', () => {
    expect(rival('Japan turns to beer alternatives')).toEqual({ rival: 'cs', rivalOnly: 0, shared: 1 });
  });

  it('is none when no rival list holds a word of the text', () => {
    expect(languageEvidence('with says people')).toEqual({
      letters: 14,
      arabic: 0,
      foreignArabic: 0,
      foreignWords: 0,
      arabicWords: 0,
      persianWords: 0,
      latin: 14,
      accented: 0,
      words: 3,
      english: 3,
      rivalOnly: 0,
      shared: 0,
    });
  });
});

describe('buildRivalIndex', () => {
  it('indexes each word once per language, with the languages in order', () => {
    const index = buildRivalIndex(['xx', 'yy'], { xx: ['Und', 'und', 'ab'], yy: ['ab', 'und', 'new'] });
    expect([...index]).toEqual([
      ['und', [0, 1]],
      ['ab', [0, 1]],
      ['new', [1]],
    ]);
  });

  it('strips leading and trailing apostrophes, and leaves out what is not then one Latin word', () => {
    const index = buildRivalIndex(['xx'], {
      xx: ["''tis", 'tween’’', "d'un", "l'", 'de la', 'привет', '', '2'],
    });
    expect([...index]).toEqual([
      ['tis', [0]],
      ['tween', [0]],
    ]);
  });

  it('keeps a single ASCII letter only when it is a word somewhere, and any other single letter', () => {
    const index = buildRivalIndex(['xx'], { xx: ['b', 'Y', 'é', 'q', 'w', 'ab'] });
    expect([...index]).toEqual([
      ['y', [0]],
      ['é', [0]],
      ['w', [0]],
      ['ab', [0]],
    ]);
  });

  it('passes over a language without a list', () => {
    expect([...buildRivalIndex(['zz', 'xx'], { xx: ['und'] })]).toEqual([['und', [1]]]);
    expect(buildRivalIndex(['zz'], {}).size).toBe(0);
  });
});
