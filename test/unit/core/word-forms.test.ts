import { stopWordsFor } from '../../../lambdas/core/domain/summary-stop-words';
import { lightStem, normalizeArabic, tokenize } from '../../../lambdas/core/domain/word-forms';

describe('normalizeArabic', () => {
  it('strips diacritics (harakat, tanwin, shadda, sukun, dagger alef)', () => {
    expect(normalizeArabic('مُحَمَّدٌ')).toBe('محمد');
    expect(normalizeArabic('تبنّى')).toBe('تبني');
    expect(normalizeArabic('هٰذا')).toBe('هذا');
  });

  it('removes tatweel', () => {
    expect(normalizeArabic('مـــرحبا')).toBe('مرحبا');
  });

  it('folds alef with hamza above, hamza below, madda and wasla to a bare alef', () => {
    expect(normalizeArabic('أحمد')).toBe('احمد');
    expect(normalizeArabic('إسلام')).toBe('اسلام');
    expect(normalizeArabic('آمال')).toBe('امال');
    expect(normalizeArabic('ٱلكتاب')).toBe('الكتاب');
  });

  it('folds alef maqsura to yeh and teh marbuta to heh', () => {
    expect(normalizeArabic('مستشفى')).toBe('مستشفي');
    expect(normalizeArabic('مدرسة')).toBe('مدرسه');
  });

  it('folds waw with hamza to waw and yeh with hamza to yeh', () => {
    expect(normalizeArabic('مؤتمر')).toBe('موتمر');
    expect(normalizeArabic('رئيس')).toBe('رييس');
  });

  it('makes spelling variants of one word equal', () => {
    expect(normalizeArabic('إلى')).toBe(normalizeArabic('الي'));
    expect(normalizeArabic('الحكومة')).toBe(normalizeArabic('الحكومه'));
  });

  it('leaves Latin text alone', () => {
    expect(normalizeArabic('Hello World 42')).toBe('Hello World 42');
  });
});

describe('tokenize', () => {
  it('lower-cases, drops punctuation (Latin and Arabic) and keeps numbers', () => {
    expect(tokenize('Hello, World! It costs 42 dollars.')).toEqual(['hello', 'world', 'it', 'costs', '42', 'dollars']);
    expect(tokenize('هل انتهى؟ نعم، انتهى؛ «حقا».')).toEqual(['هل', 'انتهي', 'نعم', 'انتهي', 'حقا']);
  });

  it('folds Arabic words the way normalizeArabic does', () => {
    expect(tokenize('المدرسة إلى مـــرحبا')).toEqual(['المدرسه', 'الي', 'مرحبا']);
  });

  it('keeps a word with diacritics as one token (they are marks, not word breaks)', () => {
    expect(tokenize('مُحَمَّدٌ ذهبَ إلى المدرسةِ')).toEqual(['محمد', 'ذهب', 'الي', 'المدرسه']);
    // From the sample report: "تبنّى الفكر" carries a shadda.
    expect(tokenize('تبنّى الفكر')).toEqual(['تبني', 'الفكر']);
  });

  it('returns nothing for text without letters or digits', () => {
    expect(tokenize(' ... !!! ؟ ')).toEqual([]);
  });
});

describe('lightStem', () => {
  it('strips the Arabic definite article so "الحكومة" and "حكومة" meet', () => {
    const [withArticle, bare] = tokenize('الحكومة حكومة');
    expect(withArticle).toBeDefined();
    expect(lightStem(withArticle!)).toBe(lightStem(bare!));
    expect(lightStem('الكتاب')).toBe('كتاب');
  });

  it('strips the article with a preceding conjunction or preposition (وال، بال)', () => {
    expect(lightStem('والكتاب')).toBe('كتاب');
    expect(lightStem('بالكتاب')).toBe('كتاب');
  });

  it('leaves a short word whole rather than cut it below three letters', () => {
    expect(lightStem('الحب')).toBe('الحب');
    expect(lightStem('كتب')).toBe('كتب');
    expect(lightStem('فيه')).toBe('فيه');
  });

  it('strips an Arabic prefix or suffix when three letters are left, and not otherwise', () => {
    expect(lightStem('الكتب')).toBe('كتب');
    expect(lightStem('كتبه')).toBe('كتب');
    expect(lightStem('مدرسه')).toBe('مدرس');
    expect(lightStem('مدرسون')).toBe('مدرس');
  });

  it('strips English -ing, -ed and -s so inflections of one word meet', () => {
    expect(lightStem('reporting')).toBe('report');
    expect(lightStem('reports')).toBe('report');
    expect(lightStem('reported')).toBe('report');
  });

  it('strips an English suffix when three letters are left', () => {
    expect(lightStem('cats')).toBe('cat');
    expect(lightStem('boxes')).toBe('box');
  });

  it('leaves short English words alone', () => {
    expect(lightStem('is')).toBe('is');
    expect(lightStem('bus')).toBe('bus');
    expect(lightStem('sing')).toBe('sing');
  });
});

describe('stopWordsFor', () => {
  it('holds the common Arabic function words, folded as tokenize folds them', () => {
    const arabic = stopWordsFor('ar');
    for (const word of tokenize('في على إلى من عن هذا التي')) expect(arabic).toContain(word);
    expect(arabic.has('حكومه')).toBe(false);
  });

  it('stores folded forms only, so raw spellings with hamza or alef maqsura never match', () => {
    const folded = [...stopWordsFor('ar')].filter((word) => /[أإآٱىة\u064B-\u065F]/u.test(word));
    expect(folded).toEqual([]);
  });

  it('holds English function words and not content words', () => {
    const english = stopWordsFor('en');
    for (const word of ['the', 'and', 'of', 'is']) expect(english).toContain(word);
    expect(english.has('council')).toBe(false);
    expect(english.has('في')).toBe(false);
    expect(stopWordsFor('ar').has('the')).toBe(false);
  });

  it('uses both lists for an undetermined language', () => {
    const both = stopWordsFor('und');
    expect(both.has('the')).toBe(true);
    expect(both.has('في')).toBe(true);
    expect(both.size).toBeGreaterThan(stopWordsFor('en').size);
  });

  it("takes a language's own list from stopwords-iso, not the English or Arabic ones", () => {
    const french = stopWordsFor('fr');
    for (const word of ['le', 'la', 'et', 'dans']) expect(french).toContain(word);
    expect(french.has('the')).toBe(false);
    expect(french.has('في')).toBe(false);
  });

  it('splits a stop word the way tokenize splits it (aujourd’hui, celle-ci), so each part is one', () => {
    const french = stopWordsFor('fr');
    for (const word of tokenize("aujourd'hui celle-ci")) expect(french).toContain(word);
  });

  it('keeps a listed Arabic word whole across its diacritics, and stores it folded', () => {
    // stopwords-iso lists "إنّما" only with its shadda: tokenize folds it to one word, which the set must hold.
    expect(tokenize('إنّما')).toEqual(['انما']);
    expect(stopWordsFor('ar')).toContain('انما');
  });

  it('builds each set once', () => {
    expect(stopWordsFor('ar')).toBe(stopWordsFor('ar'));
  });
});
