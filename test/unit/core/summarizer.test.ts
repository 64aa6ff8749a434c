import { summarizableText } from '../../../lambdas/core/domain/report';
import { parsePlainTextReport } from '../../../lambdas/core/domain/report-submission';
import { splitParagraphs, splitSentences } from '../../../lambdas/core/domain/sentences';
import { countWords, DIGEST_BUDGET, type SummaryBudget, summarize } from '../../../lambdas/core/domain/summarizer';
import { ENGLISH_REPORT, SAMPLE_REPORT_AR } from '../../support/use-case-harness';

const sample = parsePlainTextReport(SAMPLE_REPORT_AR);
const sampleText = summarizableText(sample);
const sampleSentences = splitParagraphs(sampleText).flatMap(splitSentences);
const summarizeSample = (budget?: SummaryBudget): string[] =>
  summarize(sampleText, { language: 'ar', title: sample.title, ...(budget === undefined ? {} : { budget }) }).sentences;

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
    expect(sampleSentences.length).toBeGreaterThan(9);
    expect(DIGEST_BUDGET).toEqual({ sentences: 3 });
  });

  it('returns three sentences by default', () => {
    expect(summarizeSample()).toHaveLength(3);
  });

  it('returns sentences of the text verbatim, in document order, without repeats', () => {
    const summary = summarizeSample();
    const order = positions(summary, sampleSentences);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
  });

  it('opens with the lead: the first sentence of the text is chosen', () => {
    expect(summarizeSample()[0]).toBe(sampleSentences[0]);
  });

  it('gives the sample its known summary and key phrases (what every new user sees first)', () => {
    expect(summarize(sampleText, { language: 'ar', title: sample.title })).toEqual({
      sentences: [
        'طالما كان شعار داعش البقاء والتوسع، وهو ما انخدع به عدد ليس بالقليل من الشباب.',
        'ومع تعثر مشروع التنظيم الإرهابي، لم يعد شعاره هذا جذابا',
        'وفي هذا الصدد، نشرت صحيفة الجارديان البريطانية تقريرا قالت فيه إن تنظيم داعش بدأ يستنفد قوته؛ حيث فرت أعداد كبيرة من مقاتليه ومؤيديه الأجانب.',
      ],
      keyPhrases: ['داعش', 'التنظيم', 'مقاتلين أجانب', 'البريطانية', 'الجارديان'],
    });
  });

  it('does not pick both the lede and the body sentence that repeats it', () => {
    const ledeFirst = splitSentences(sample.lede!)[0]!;
    const bodyFirst = splitSentences(sample.body.split('\n')[0]!)[0]!;
    expect(ledeFirst.startsWith('طالما كان شعار داعش')).toBe(true);
    expect(bodyFirst.startsWith('طالما كان شعار تنظيم داعش')).toBe(true);
    for (const budget of [DIGEST_BUDGET, { sentences: 8 }, { ratio: 0.5 }]) {
      const summary = summarizeSample(budget);
      expect(summary.includes(ledeFirst) && summary.includes(bodyFirst)).toBe(false);
    }
  });

  it('honours a sentence budget, treating anything below one as one', () => {
    expect(summarizeSample({ sentences: 1 })).toHaveLength(1);
    expect(summarizeSample({ sentences: 5 })).toHaveLength(5);
    expect(summarizeSample({ sentences: 0 })).toHaveLength(1);
    expect(summarizeSample({ sentences: -4 })).toHaveLength(1);
  });

  it('honours a ratio budget: the smallest run of chosen sentences that reaches the share of words', () => {
    const totalWords = countWords(sampleSentences.join(' '));
    for (const ratio of [0.2, 0.33, 0.5]) {
      const summary = summarizeSample({ ratio });
      const words = summary.map(countWords);
      const sum = words.reduce((a, b) => a + b, 0);
      expect(sum).toBeGreaterThanOrEqual(ratio * totalWords);
      // Nothing was added after the budget was met: the last sentence added (at most the longest) crossed it.
      expect(sum - Math.max(...words)).toBeLessThan(ratio * totalWords);
    }
    expect(countWords(summarizeSample({ ratio: 0.5 }).join(' '))).toBeGreaterThan(
      countWords(summarizeSample({ ratio: 0.2 }).join(' ')),
    );
  });

  it('honours a word budget the same way', () => {
    const summary = summarizeSample({ words: 60 });
    const words = summary.map(countWords);
    expect(words.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(60);
    expect(words.reduce((a, b) => a + b, 0) - Math.max(...words)).toBeLessThan(60);
  });

  it('gives the same result whether or not the text carries diacritics or tatweel', () => {
    const vocalized = sampleText.replace(/داعش/gu, 'داعِشُ').replace(/التنظيم/gu, 'التَّنظيـم');
    const plain = summarizeSample().map((sentence) => sampleSentences.indexOf(sentence));
    const vocalizedSentences = splitParagraphs(vocalized).flatMap(splitSentences);
    const chosen = summarize(vocalized, { language: 'ar', title: sample.title }).sentences.map((sentence) =>
      vocalizedSentences.indexOf(sentence),
    );
    expect(chosen).toEqual(plain);
  });

  it('names three to five key phrases that occur in the text, led by what the report is about', () => {
    const { keyPhrases } = summarize(sampleText, { language: 'ar', title: sample.title });
    expect(keyPhrases.length).toBeGreaterThanOrEqual(3);
    expect(keyPhrases.length).toBeLessThanOrEqual(5);
    for (const phrase of keyPhrases) expect(sampleText).toContain(phrase);
    expect(keyPhrases.some((phrase) => phrase.includes('داعش'))).toBe(true);
    expect(new Set(keyPhrases).size).toBe(keyPhrases.length);
  });
});

describe('summarize — English', () => {
  const text = summarizableText(ENGLISH_REPORT);
  const all = splitParagraphs(text).flatMap(splitSentences);

  it('gives the English report its known summary and key phrases', () => {
    expect(summarize(text, { language: 'en', title: ENGLISH_REPORT.title })).toEqual({
      sentences: [
        'The council voted to build forty kilometres of protected bicycle lanes by 2028.',
        'The council approved the bicycle lane plan on Monday after a long debate.',
        'Supporters said protected lanes would make cycling safer for children and older residents.',
      ],
      keyPhrases: ['bicycle lanes', 'council', 'protected', 'plan'],
    });
  });

  it('summarizes with sentences of the text, in order', () => {
    const { sentences } = summarize(text, { language: 'en', title: ENGLISH_REPORT.title, budget: { sentences: 2 } });
    expect(sentences).toHaveLength(2);
    const order = positions(sentences, all);
    expect(order[0]!).toBeLessThan(order[1]!);
  });

  it('finds key phrases made of content words, never of stop words alone', () => {
    const { keyPhrases } = summarize(text, { language: 'en', title: ENGLISH_REPORT.title });
    expect(keyPhrases.length).toBeGreaterThanOrEqual(3);
    expect(keyPhrases.some((phrase) => /bicycle lanes?/iu.test(phrase))).toBe(true);
    for (const phrase of keyPhrases) expect(phrase).not.toMatch(/^(the|and|of|to|a)$/iu);
  });
});

describe('summarize — short and degenerate texts', () => {
  it('returns a text no longer than the budget whole, sentence by sentence', () => {
    const text = 'The council approved the plan on Monday. The first lanes open in spring.';
    expect(summarize(text, { language: 'en' }).sentences).toEqual(splitSentences(text));
  });

  it('returns nothing for empty text', () => {
    expect(summarize('', { language: 'ar' })).toEqual({ sentences: [], keyPhrases: [] });
  });

  it('prefers full sentences over fragments', () => {
    const text =
      'Yes. The city council approved forty kilometres of new protected bicycle lanes on Monday evening. No. Maybe.';
    expect(summarize(text, { language: 'en', budget: { sentences: 1 } }).sentences).toEqual([
      'The city council approved forty kilometres of new protected bicycle lanes on Monday evening.',
    ]);
  });

  it('works for a language without a stop-word list and for an undetermined one', () => {
    const text =
      'Первое предложение здесь длинное и содержательное о городе. Второе предложение тоже говорит о городе и его жителях. Третье.';
    for (const language of ['und', 'xx']) {
      const { sentences } = summarize(text, { language, budget: { sentences: 2 } });
      expect(sentences).toHaveLength(2);
      positions(sentences, splitSentences(text));
    }
  });
});

describe('key phrases — what they leave out', () => {
  const text = [
    'Quarterly profits at TimeWarner jumped as advertising sales grew, the company said on Friday.',
    'The profit rise came from higher advertising sales and broadband subscriptions, Mr Parsons said.',
    'TimeWarner said its profits would keep growing as advertising sales recover.',
    'Analysts said the broadband subscriptions would decide the profit outlook.',
  ].join('\n');
  const { keyPhrases } = summarize(text, { language: 'en', title: 'Advertising sales lift TimeWarner profit' });

  it('never offers a reporting verb as (part of) a key phrase', () => {
    expect(keyPhrases.length).toBeGreaterThanOrEqual(3);
    for (const phrase of keyPhrases) expect(phrase).not.toMatch(/\bsaid\b/iu);
  });

  it('offers singular and plural of a word once, and no two phrases sharing a word', () => {
    const words = keyPhrases.flatMap((phrase) =>
      phrase
        .toLowerCase()
        .split(' ')
        .map((word) => word.replace(/s$/u, '')),
    );
    expect(new Set(words).size).toBe(words.length);
    expect(keyPhrases.some((phrase) => /advertising sales/iu.test(phrase))).toBe(true);
  });
});
