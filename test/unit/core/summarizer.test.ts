import { parsePlainTextReport, summarizableText } from '../../../lambdas/core/domain/report';
import { splitParagraphs, splitSentences } from '../../../lambdas/core/domain/sentences';
import { DIGEST_SUMMARY_SENTENCES, summarize } from '../../../lambdas/core/domain/summarizer';
import { ENGLISH_REPORT, SAMPLE_REPORT_AR } from '../mujaz-harness';

const sample = parsePlainTextReport(SAMPLE_REPORT_AR);
const sampleText = summarizableText(sample);
const sampleSentences = splitParagraphs(sampleText).flatMap(splitSentences);
const summarizeSample = (maxSentences?: number): string[] =>
  summarize(sampleText, { language: 'ar', title: sample.title, ...(maxSentences === undefined ? {} : { maxSentences }) });

/** Positions of the chosen sentences in the document; fails the test if one is not a sentence of it. */
function positions(chosen: string[], all: string[]): number[] {
  return chosen.map((sentence) => {
    const index = all.indexOf(sentence);
    expect(index).toBeGreaterThanOrEqual(0);
    return index;
  });
}

describe('summarize — the Arabic sample report', () => {
  it('has many more sentences than the digest budget (the premise of these tests)', () => {
    expect(sampleSentences.length).toBeGreaterThan(DIGEST_SUMMARY_SENTENCES * 3);
  });

  it('returns at most three sentences by default, and at least one', () => {
    const summary = summarizeSample();
    expect(summary.length).toBeGreaterThan(0);
    expect(summary.length).toBeLessThanOrEqual(DIGEST_SUMMARY_SENTENCES);
    expect(DIGEST_SUMMARY_SENTENCES).toBe(3);
  });

  it('returns sentences of the text verbatim', () => {
    for (const sentence of summarizeSample()) {
      expect(sampleText).toContain(sentence);
      expect(sampleSentences).toContain(sentence);
    }
  });

  it('keeps the order of the document', () => {
    const order = positions(summarizeSample(), sampleSentences);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
  });

  it('is deterministic', () => {
    expect(summarizeSample()).toEqual(summarizeSample());
  });

  it('does not pick both the lede and the body sentence that repeats it', () => {
    // Line 2 (lede) opens with a shortened copy of the body's first sentence.
    const ledeFirst = splitSentences(sample.lede!)[0]!;
    const bodyFirst = splitSentences(sample.body.split('\n')[0]!)[0]!;
    expect(ledeFirst.startsWith('طالما كان شعار داعش')).toBe(true);
    expect(bodyFirst.startsWith('طالما كان شعار تنظيم داعش')).toBe(true);
    const summary = summarizeSample();
    expect(summary.includes(ledeFirst) && summary.includes(bodyFirst)).toBe(false);
    // With a larger budget the temptation is bigger; still never both.
    const longer = summarizeSample(8);
    expect(longer.includes(ledeFirst) && longer.includes(bodyFirst)).toBe(false);
  });

  it('honours maxSentences', () => {
    expect(summarizeSample(1)).toHaveLength(1);
    expect(summarizeSample(2).length).toBeLessThanOrEqual(2);
    const five = summarizeSample(5);
    expect(five.length).toBeGreaterThan(3);
    expect(five.length).toBeLessThanOrEqual(5);
    positions(five, sampleSentences);
  });

  it('treats a budget below one as one', () => {
    expect(summarizeSample(0)).toHaveLength(1);
    expect(summarizeSample(-4)).toHaveLength(1);
  });

  it('gives the same result whether or not the text carries diacritics', () => {
    // Vocalizing a few words must not change which sentences are chosen.
    const vocalized = sampleText.replace(/داعش/gu, 'داعِشُ').replace(/التنظيم/gu, 'التَّنظيم');
    const plain = summarizeSample().map((sentence) => sampleSentences.indexOf(sentence));
    const vocalizedSentences = splitParagraphs(vocalized).flatMap(splitSentences);
    const chosen = summarize(vocalized, { language: 'ar', title: sample.title }).map((sentence) => vocalizedSentences.indexOf(sentence));
    expect(chosen).toEqual(plain);
  });
});

describe('summarize — short and degenerate texts', () => {
  it('returns a text no longer than the budget whole, sentence by sentence', () => {
    const text = 'The council approved the plan on Monday. The first lanes open in spring.';
    expect(summarize(text, { language: 'en' })).toEqual(splitSentences(text));
    expect(summarize(text, { language: 'en', maxSentences: 2 })).toHaveLength(2);
  });

  it('returns nothing for empty text', () => {
    expect(summarize('', { language: 'ar' })).toEqual([]);
  });

  it('falls back to the first sentence when no sentence has enough content words', () => {
    const text = 'Yes. No. Maybe so. It is. We are.';
    const sentences = splitSentences(text);
    expect(summarize(text, { language: 'en', maxSentences: 2 })).toEqual([sentences[0]]);
  });

  it('summarizes English text with sentences of the text, in order', () => {
    const text = summarizableText(ENGLISH_REPORT);
    const all = splitParagraphs(text).flatMap(splitSentences);
    const summary = summarize(text, { language: 'en', title: ENGLISH_REPORT.title, maxSentences: 2 });
    expect(summary).toHaveLength(2);
    const order = positions(summary, all);
    expect(order[0]!).toBeLessThan(order[1]!);
  });
});
