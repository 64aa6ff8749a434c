// Core layer: stopwords-iso's lists, loaded at their first use rather than when a function starts: ~14,000 words
// (300 KB of bundle, ~30 ms to load) that only report intake reads — the summarizer and language detection.
import type stopwordsIso from 'stopwords-iso';

export type StopwordLists = typeof stopwordsIso;

let lists: StopwordLists | undefined;

export function stopwordLists(): StopwordLists {
  // require, not import: the bundle then builds the lists at this first call, not at every cold start.
  lists ??= require('stopwords-iso') as StopwordLists;
  return lists;
}
