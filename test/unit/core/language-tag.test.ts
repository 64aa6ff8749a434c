import {
  isLanguageTag,
  languageSubtags,
  languageTagFrom,
  primaryLanguageOf,
} from '../../../lambdas/core/domain/language-tag';

describe('isLanguageTag', () => {
  it('takes two or three lower-case letters, and und', () => {
    for (const tag of ['ar', 'en', 'fr', 'fa', 'ckb', 'und']) expect(isLanguageTag(tag)).toBe(true);
  });

  it('refuses anything else', () => {
    for (const value of ['', 'f', 'FR', 'Ar', 'fren', 'fr-CA', 'f1', ' ar', 42, undefined, null])
      expect(isLanguageTag(value)).toBe(false);
  });

  it('refuses a value that is not a string, even one that reads as a code (a repeated query parameter)', () => {
    expect(isLanguageTag(['fr'])).toBe(false);
    expect(isLanguageTag({ toString: () => 'en' })).toBe(false);
  });
});

describe('languageSubtags and primaryLanguageOf', () => {
  it('split a BCP 47 tag at hyphens and underscores, lower-cased and trimmed', () => {
    expect(languageSubtags(' ar-EG ')).toEqual(['ar', 'eg']);
    expect(languageSubtags('en_US')).toEqual(['en', 'us']);
    expect(languageSubtags('az-Arab-IR')).toEqual(['az', 'arab', 'ir']);
  });

  it('give the primary subtag when it is an ISO 639 code, and nothing otherwise', () => {
    expect(primaryLanguageOf('ar-EG')).toBe('ar');
    expect(primaryLanguageOf('FIL')).toBe('fil');
    expect(primaryLanguageOf('en_GB')).toBe('en');
    for (const tag of ['', 'i-klingon', '123', 'x', 'english']) expect(primaryLanguageOf(tag)).toBeUndefined();
  });
});

describe('languageTagFrom', () => {
  it('keeps a code in its one spelling: trimmed and lower-cased', () => {
    expect(languageTagFrom(' FR ')).toBe('fr');
    expect(languageTagFrom('Ckb')).toBe('ckb');
    expect(languageTagFrom('und')).toBe('und');
  });

  it('gives nothing for what is no ISO 639 code, however it is spelled', () => {
    for (const given of ['', '  ', 'french', 'fr-CA', 'f1', 'e']) expect(languageTagFrom(given)).toBeUndefined();
  });
});
