import { detectLanguage, directionOf } from '../../../lambdas/core/domain/language';
import { SAMPLE_REPORT_AR } from '../mujaz-harness';

describe('detectLanguage', () => {
  it('names Arabic text', () => {
    expect(detectLanguage('مقاتلو داعش يفرون من التنظيم بعدما أوشك على الانهيار')).toBe('ar');
    expect(detectLanguage(SAMPLE_REPORT_AR)).toBe('ar');
  });

  it('names Arabic text that quotes a few Latin words', () => {
    expect(detectLanguage('نشرت صحيفة الجارديان البريطانية (The Guardian) تقريرا مطولا عن التنظيم')).toBe('ar');
  });

  it('names English text', () => {
    expect(detectLanguage('The council approved the bicycle lane plan on Monday.')).toBe('en');
  });

  it("says 'und' for an even mix of Arabic and Latin", () => {
    expect(detectLanguage('مرحبا hello')).toBe('und');
  });

  it("says 'und' for other scripts", () => {
    expect(detectLanguage('Привет, как дела?')).toBe('und');
    expect(detectLanguage('你好世界')).toBe('und');
    expect(detectLanguage('Γειά σου κόσμε')).toBe('und');
  });

  it("says 'und' for text without letters", () => {
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('   ')).toBe('und');
    expect(detectLanguage('2026 — 42% ... !!!')).toBe('und');
    expect(detectLanguage('٢٠٢٦ ١٢٣')).toBe('und');
  });

  it('ignores digits and punctuation when it counts letters', () => {
    expect(detectLanguage('2026-11-24: 1,000,000 people! ...ok then')).toBe('en');
  });
});

describe('directionOf', () => {
  it('reads Arabic right to left and everything else left to right', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('en')).toBe('ltr');
    expect(directionOf('und')).toBe('ltr');
  });
});
