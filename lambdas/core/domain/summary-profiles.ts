// Core layer: the summarizer's weights, a profile per language — what a sentence's place in the text, its
// centrality and its length are worth differs between languages (the bench shows position worth +2.75 R-1 in
// Arabic and −5.58 in English). The profiles are data (data/summary-profiles.json); the engine is one.
import profiles from './data/summary-profiles.json';
import { primaryLanguageOf } from './language-tag';
import type { SummarizerSettings } from './summarizer';

/** Arabic and English have profiles of their own; every other language gets the neutral one. */
export type SummaryProfileName = 'ar' | 'en' | 'neutral';

export const SUMMARY_PROFILES: Readonly<Record<SummaryProfileName, SummarizerSettings>> = profiles;

/** The profile for a language code or tag (`ar`, `ar-EG`, `en-GB`, `fr`, `und`). */
export function summaryProfileNameFor(language: string): SummaryProfileName {
  const primary = primaryLanguageOf(language);
  return primary === 'ar' || primary === 'en' ? primary : 'neutral';
}

export function summaryProfileFor(language: string): SummarizerSettings {
  return SUMMARY_PROFILES[summaryProfileNameFor(language)];
}
