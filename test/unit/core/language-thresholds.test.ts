// The thresholds detectLanguage decides by, each met exactly and missed by one: the script majority (60 %),
// foreign Arabic-script letters (2 %, in 2 words), Persian function words (6 %, at least 2), English function
// words (10 % of the words), English's lead over the closest rival (2×), and accents on a tie (2 %).
import { detectLanguage, languageEvidence } from '../../../lambdas/core/domain/language-detection';

/** `word` `count` times, space-separated. */
const repeat = (word: string, count: number) => Array<string>(count).fill(word).join(' ');

describe('detectLanguage — the script majority (60 % of the letters)', () => {
  it('names Arabic from 3 Arabic letters in 5', () => {
    expect(detectLanguage('كتب ДД')).toBe('ar');
    expect(detectLanguage('كتب ДДД')).toBe('und');
  });

  it('names English from 3 Latin letters in 5', () => {
    expect(detectLanguage('the ДД')).toBe('en');
    expect(detectLanguage('the ДДД')).toBe('und');
  });
});

describe('detectLanguage — letters Arabic does not write (2 % of the Arabic-script letters, in 2 words)', () => {
  // Two words with a Persian پ; the rest is Arabic with no Persian function word.
  const twoForeignWords = `پا پا ${repeat('كتب', 32)}`;

  it('at exactly 2 % is another language', () => {
    expect(languageEvidence(twoForeignWords)).toMatchObject({
      letters: 100,
      arabic: 100,
      foreignArabic: 2,
      foreignWords: 2,
      persianWords: 0,
    });
    expect(detectLanguage(twoForeignWords)).toBe('und');
  });

  it('below 2 % is Arabic', () => {
    const text = `${twoForeignWords} و`;
    expect(languageEvidence(text)).toMatchObject({ arabic: 101, foreignArabic: 2, foreignWords: 2 });
    expect(detectLanguage(text)).toBe('ar');
  });

  it('takes two words: one is a foreign name, however many of its letters are foreign', () => {
    expect(detectLanguage('پا')).toBe('ar');
    expect(detectLanguage('پا پا')).toBe('und');
    expect(languageEvidence('گوگل')).toMatchObject({ arabic: 4, foreignArabic: 2, foreignWords: 1 });
    expect(detectLanguage('گوگل')).toBe('ar');
  });
});

describe('detectLanguage — Persian function words (6 % of the Arabic-script words, at least 2)', () => {
  it('at exactly 6 % is Persian', () => {
    const text = `از را است ${repeat('كتب', 47)}`;
    expect(languageEvidence(text)).toMatchObject({ arabicWords: 50, persianWords: 3, foreignArabic: 0 });
    expect(detectLanguage(text)).toBe('und');
  });

  it('below 6 % is Arabic', () => {
    expect(detectLanguage(`از را است ${repeat('كتب', 48)}`)).toBe('ar');
    const two = `از را ${repeat('كتب', 32)}`;
    expect(languageEvidence(two)).toMatchObject({ arabicWords: 34, persianWords: 2 });
    expect(detectLanguage(two)).toBe('ar');
  });

  it('takes two of them, however short the text', () => {
    expect(detectLanguage('از كتب')).toBe('ar');
    expect(detectLanguage('از')).toBe('ar');
    expect(languageEvidence('از را كتب')).toMatchObject({ arabicWords: 3, persianWords: 2 });
    expect(detectLanguage('از را كتب')).toBe('und');
  });
});

describe('detectLanguage — English function words (10 % of the words)', () => {
  // "with" is English and in no rival's list; the other words are in no list at all.
  const tenWords = 'with zoo mull jet fuel tax council plan budget hall';

  it('at exactly 10 % is English', () => {
    expect(languageEvidence(tenWords)).toMatchObject({ words: 10, english: 1, rivalOnly: 0, shared: 0 });
    expect(detectLanguage(tenWords)).toBe('en');
  });

  it('below 10 % is not', () => {
    expect(languageEvidence(`${tenWords} city`)).toMatchObject({ words: 11, english: 1 });
    expect(detectLanguage(`${tenWords} city`)).toBe('und');
  });

  it('without any is not', () => {
    expect(detectLanguage('zoo mull jet fuel')).toBe('und');
  });
});

describe('detectLanguage — the lead over the closest rival (2 English-only words for each of its own)', () => {
  it('is English with a lead of exactly 2', () => {
    expect(languageEvidence('with says und')).toMatchObject({ english: 2, rival: 'de', rivalOnly: 1, shared: 0 });
    expect(detectLanguage('with says und')).toBe('en');
  });

  it('is not English with less', () => {
    expect(languageEvidence('with und')).toMatchObject({ english: 1, rival: 'de', rivalOnly: 1, shared: 0 });
    expect(detectLanguage('with und')).toBe('und');
  });

  it('weighs each English word against the rival whose list does not hold it', () => {
    // "of" is Dutch too but not Romanian; "cat" is Romanian only.
    expect(languageEvidence('of cat')).toMatchObject({ english: 1, rival: 'ro', rivalOnly: 1, shared: 0 });
    expect(detectLanguage('of cat')).toBe('und');
    expect(detectLanguage('of with cat')).toBe('en');
  });
});

describe('detectLanguage — accents on a tie (English shares every function word it has)', () => {
  it('is English without an accent, not with one', () => {
    expect(languageEvidence('of café')).toMatchObject({
      english: 1,
      rival: 'nl',
      rivalOnly: 0,
      shared: 1,
      latin: 6,
      accented: 1,
    });
    expect(detectLanguage('of café')).toBe('und');
    expect(detectLanguage('of cafe')).toBe('en');
  });

  it('is not English at exactly 2 % accented letters', () => {
    const text = 'of café council approved budget ministers alternatives tv';
    expect(languageEvidence(text)).toMatchObject({ latin: 50, accented: 1, words: 8, english: 1, shared: 1 });
    expect(detectLanguage(text)).toBe('und');
  });

  it('is English below 2 %', () => {
    const text = 'of café council approved budgets ministers alternatives tv';
    expect(languageEvidence(text)).toMatchObject({ latin: 51, accented: 1, english: 1, shared: 1 });
    expect(detectLanguage(text)).toBe('en');
  });

  it('lets an English-only word outweigh any accent', () => {
    expect(detectLanguage('of with café')).toBe('en');
  });
});
