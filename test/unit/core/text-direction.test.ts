import { directionOf, directionOfText, layoutOf } from '../../../lambdas/core/domain/text-direction';

describe('directionOf', () => {
  it('reads Arabic right to left and everything else left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
    expect(directionOf('und')).toBe('ltr');
  });

  it('reads every language written in the Arabic, Hebrew or Thaana script right to left', () => {
    for (const language of ['ar', 'fa', 'ur', 'he', 'ps', 'ku', 'ckb', 'sd', 'ug', 'yi', 'dv', 'iw', 'ji'])
      expect(directionOf(language)).toBe('rtl');
  });

  it('reads other languages left to right', () => {
    for (const language of ['fr', 'es', 'de', 'tr', 'id', 'ru', 'zh', 'hi', 'sw'])
      expect(directionOf(language)).toBe('ltr');
  });

  it('takes region and script subtags, in any case', () => {
    expect(directionOf('ar-EG')).toBe('rtl');
    expect(directionOf('AR')).toBe('rtl');
    expect(directionOf('en-US')).toBe('ltr');
    expect(directionOf('ku-Latn')).toBe('ltr'); // Kurmanji in Latin letters
    expect(directionOf('az-Arab')).toBe('rtl'); // Azerbaijani as written in Iran
  });
});

describe('layoutOf', () => {
  it('pairs right-to-left text with the right edge, and left-to-right text with the left edge', () => {
    expect(layoutOf('ar')).toEqual({ direction: 'rtl', align: 'right' });
    expect(layoutOf('fa-IR')).toEqual({ direction: 'rtl', align: 'right' });
    expect(layoutOf('en')).toEqual({ direction: 'ltr', align: 'left' });
    expect(layoutOf('ku-Latn')).toEqual({ direction: 'ltr', align: 'left' });
  });
});

describe('directionOfText', () => {
  it('reads a name the way its first letter’s script runs, whatever comes before it', () => {
    expect(directionOfText('الجزيرة')).toBe('rtl');
    expect(directionOfText('BBC News')).toBe('ltr');
    expect(directionOfText('24 ساعة')).toBe('rtl');
    expect(directionOfText('«הארץ»')).toBe('rtl'); // Hebrew, after a quotation mark
    expect(directionOfText('CNN عربي')).toBe('ltr');
    expect(directionOfText('Le Monde (Paris)')).toBe('ltr');
    expect(directionOfText('Известия')).toBe('ltr');
  });

  it('has no direction for a text without a letter', () => {
    expect(directionOfText('24/7')).toBeUndefined();
    expect(directionOfText('')).toBeUndefined();
  });
});
