// A scoring profile per language: Arabic and English their own, every other language the neutral one, chosen by
// the given or detected language — one engine, the weights are data.
import { summarize } from '../../../lambdas/core/domain/summarizer';
import {
  SUMMARY_PROFILES,
  summaryProfileFor,
  summaryProfileNameFor,
} from '../../../lambdas/core/domain/summary-profiles';

it.each([
  ['ar', 'ar'],
  ['ar-EG', 'ar'],
  ['AR', 'ar'],
  ['en', 'en'],
  ['en-GB', 'en'],
  ['fr', 'neutral'],
  ['fa', 'neutral'],
  ['und', 'neutral'],
  ['', 'neutral'],
])('summarizes %s with the %s profile', (language, profile) => {
  expect(summaryProfileNameFor(language)).toBe(profile);
  expect(summaryProfileFor(language)).toBe(SUMMARY_PROFILES[profile as keyof typeof SUMMARY_PROFILES]);
});

it('keeps a profile for each, with every feature weighted', () => {
  const features = Object.keys(SUMMARY_PROFILES.neutral.weights).sort();
  for (const profile of Object.values(SUMMARY_PROFILES)) {
    expect(Object.keys(profile.weights).sort()).toEqual(features);
    for (const weight of Object.values(profile.weights)) expect(Number.isFinite(weight)).toBe(true);
  }
});

describe('the language picks the profile summarize uses', () => {
  // The opening sentence is about something else; the middle is what the text keeps coming back to. A profile
  // that weighs position picks the opening, one that does not (English's) picks the central sentence.
  const text = [
    'The weather in the capital was mild on Tuesday morning.',
    'The council approved the new library budget after a long debate.',
    'The library budget adds funds for books, staff and longer opening hours at the library.',
    'Critics of the library budget said the council should spend the funds on roads instead.',
  ].join(' ');
  const oneSentence = { budget: { sentences: 1 } };

  it('gives English text the English profile: a sentence on the library budget, where the neutral profile takes the opening', () => {
    const english = summarize(text, { language: 'en', ...oneSentence }).sentences;
    expect(english).toEqual(summarize(text, { language: 'en', ...oneSentence }, SUMMARY_PROFILES.en).sentences);
    expect(english).toEqual([
      'Critics of the library budget said the council should spend the funds on roads instead.',
    ]);
    expect(summarize(text, { language: 'en', ...oneSentence }, SUMMARY_PROFILES.neutral).sentences).toEqual([
      'The weather in the capital was mild on Tuesday morning.',
    ]);
  });
});
