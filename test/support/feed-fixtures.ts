// Test support: the hand-made feeds and page in test/fixtures/feeds (its README says what each holds).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type FeedFixture =
  | 'rss2-content-encoded.xml'
  | 'rss091.xml'
  | 'rss1-rdf.xml'
  | 'atom-xml-base.xml'
  | 'json-feed-1.1.json'
  | 'arabic-utf8.xml'
  | 'page-naming-two-feeds.html';

/** A fixture's text, decoded as UTF-8 (the fetcher's work, done here by hand). */
export function feedFixture(name: FeedFixture): string {
  return readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name), 'utf8');
}
