// Core port: a feed's text read as its entries, in any of the formats feeds come in, and the feeds a page names.
import type { FeedEntry } from '../domain/feed-entries';

export type { FeedEntry } from '../domain/feed-entries';

/** A feed, read. Entries stay in the order the feed lists them. */
export interface ParsedFeed {
  /** Which format the text was: RSS 0.9x/2.0, Atom, RSS 1.0 (RDF) or JSON Feed. */
  format: 'rss' | 'atom' | 'rdf' | 'json';
  /** The feed's title, one line of plain text. */
  title?: string;
  /** The primary language subtag the feed declares ('ar' for ar-EG), lower-cased. */
  language?: string;
  /** RSS <ttl>: how many minutes the feed may be cached. */
  ttlMinutes?: number;
  /** Every entry the feed holds, in its order (the core picks the newest). */
  entries: FeedEntry[];
}

/** Reads feeds and finds them in pages (feedsmith in the functions and locally). */
export interface FeedParser {
  /**
   * The feed in `text` (already decoded), its relative links resolved against `feedUrl`. Throws
   * FeedUnreadableError when the text is no feed in a format we read, or one we refuse to expand (entity bombs).
   */
  parse(text: string, feedUrl: string): ParsedFeed;
  /**
   * The feeds an HTML page names (`<link rel="alternate">` of an RSS, Atom or JSON Feed type), absolute against
   * `pageUrl`, http: and https: only, in the page's order; none when the page names none.
   */
  discoverFeeds(html: string, pageUrl: string): string[];
}
