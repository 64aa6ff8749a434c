import { contentTermsOf, countTerms, isBareNumber } from '../../../lambdas/core/domain/content-terms';

describe('contentTermsOf', () => {
  it('drops English stop words and bare numbers, and keeps whole words (no stemming)', () => {
    expect(contentTermsOf('en')('The councils approved 40 new lanes in 2028, and 3D printing.')).toEqual([
      'councils',
      'approved',
      'new',
      'lanes',
      '3d',
      'printing',
    ]);
  });

  it('folds and light-stems Arabic, without its stop words (وقالت is one)', () => {
    expect(contentTermsOf('ar')('وقالت الحكومة إن المشاريع في 2026 ستكتمل')).toEqual(['حكوم', 'مشاريع', 'ستكتمل']);
  });

  it('keeps every word that is not a stop word for a language without a stemmer', () => {
    expect(contentTermsOf('fr')('Le conseil municipal a voté 12 pistes')).toEqual([
      'conseil',
      'municipal',
      'voté',
      'pistes',
    ]);
  });
});

describe('isBareNumber', () => {
  it('is true for digits only, in any script', () => {
    for (const word of ['2026', '٢٠٢٦', '۱۲']) expect(isBareNumber(word)).toBe(true);
    for (const word of ['3d', 'a1', '', '12th']) expect(isBareNumber(word)).toBe(false);
  });
});

describe('countTerms', () => {
  it('counts each term across all sentences', () => {
    const counts = countTerms([{ terms: ['a', 'b', 'a'] }, { terms: ['b', 'c'] }, { terms: [] }]);
    expect(Object.fromEntries(counts)).toEqual({ a: 2, b: 2, c: 1 });
  });
});
