// Core layer: a feed's entries as a poll takes them — which are examined, what names each one so that it is stored
// once whatever the feed changes, when its page is fetched for the full text, and the report it becomes.
import { createHash } from 'node:crypto';
import { normalizeLink } from './feed-links';
import { isInstant } from './instant';
import type { TextReportSubmission } from './report';
import { MAX_LINK_LENGTH, MAX_TITLE_LENGTH } from './report-submission';
import { splitSentences } from './sentences';
import type { FullTextPolicy, Source } from './source';
import { cleanLine, cleanText } from './text-cleaning';
import { tokenize } from './word-forms';

/**
 * One entry of a feed (an RSS item, an Atom entry, a JSON Feed item), as the feed gives it: what the FeedParser port
 * reads (ports/feed-parser.ts), and what the rules below take.
 */
export interface FeedEntry {
  /** RSS guid, Atom id, JSON Feed id: the feed's own name for the entry, when it gives one. */
  guid?: string;
  /** The entry's page, absolute (resolved against the feed's URL); only http: and https: links are kept. */
  link?: string;
  /** The title as plain text (markup and entities resolved), on one line. */
  title?: string;
  /**
   * The entry's content (or, without content, its summary) as plain text: markup gone, one paragraph per line;
   * never a script, a style or a link's target. Absent when the entry has no text.
   */
  text?: string;
  /** When it was published (or, failing that, updated), as an ISO 8601 instant, when the feed gives a readable one. */
  publishedAt?: string;
}

/** The entries a source's first poll takes: its newest, not the archive a feed may carry. */
export const FIRST_POLL_ENTRIES = 10;
/** The entries any later poll examines at most. */
export const MAX_POLL_ENTRIES = 100;
/** Below this many words, a feed gives a teaser, not the article: `auto` fetches the entry's page. */
export const FULL_TEXT_MIN_WORDS = 150;
/** A title made from an entry's text (an entry without one) is its first sentence, up to this many characters. */
export const DERIVED_TITLE_LENGTH = 120;

/**
 * The entries a poll examines, newest first: dated entries by their publishedAt, latest first (a tie in feed
 * order); then the undated ones, in feed order (feeds list their newest first, and an entry without a date cannot
 * be placed among dated ones, so it goes after them). A publishedAt that is no instant counts as none. At most
 * FIRST_POLL_ENTRIES on a source's first poll, MAX_POLL_ENTRIES on any other.
 */
export function newestEntries<Entry extends Pick<FeedEntry, 'publishedAt'>>(
  entries: readonly Entry[],
  firstPoll: boolean,
): Entry[] {
  return newestFirst(entries, firstPoll).map((index) => entries[index]!);
}

/** The positions of the entries newestEntries takes, in its order. */
function newestFirst(entries: readonly Pick<FeedEntry, 'publishedAt'>[], firstPoll: boolean): number[] {
  // Older than any date (a Date holds at most 8.64e15 ms either side of 1970), and equal to itself: no NaN.
  const undated = Number.MIN_SAFE_INTEGER;
  const ranked = entries.map(({ publishedAt }, index) => ({
    index,
    time: isInstant(publishedAt) ? Date.parse(publishedAt) : undefined,
  }));
  // Array.prototype.sort is stable: entries of one time, the undated among them, keep the feed's order.
  ranked.sort((a, b) => (b.time ?? undated) - (a.time ?? undated));
  return ranked.slice(0, firstPoll ? FIRST_POLL_ENTRIES : MAX_POLL_ENTRIES).map(({ index }) => index);
}

/**
 * Each entry's identity keys, in the order the issue ranks them: its guid, when no other entry of the list has
 * the same one (a feed that gives every item one guid must not collapse into one item); its link, normalized
 * (normalizeLink), when no other entry of the list has the same one (nor must a feed whose every item links to its
 * home page); and a hash of its title and text, when it has either. An entry seen before under any of its keys is a
 * duplicate: one whose guid changed is still known by its link, one whose title was edited by its guid.
 *
 * Pass the feed's whole list, since uniqueness is judged within it; the keys come back in its order. Each key is
 * its kind and a SHA-256 in hex (`guid:…`, `link:…`, `content:…`), so that it stays short as a stored key whatever
 * the feed sends, and a guid that happens to be a link never meets that link. An entry with no guid, link, title
 * or text has no keys (and no text: it is skipped).
 */
export function entryKeys(entries: readonly FeedEntry[]): string[][] {
  const guids = seenOnce(entries.map((entry) => nonEmpty(entry.guid?.trim())));
  const links = seenOnce(entries.map((entry) => httpLink(entry.link)));
  return entries.map((entry, index) => [
    ...identityKey('guid', guids[index]),
    ...identityKey('link', links[index]),
    ...identityKey('content', contentOf(entry)),
  ]);
}

/** An entry of a poll with the keys it is known by. */
export interface KeyedEntry {
  entry: FeedEntry;
  keys: string[];
}

/** The entries a poll examines (newestEntries), each with its keys judged against the whole feed (entryKeys). */
export function examinedEntries(entries: readonly FeedEntry[], firstPoll: boolean): KeyedEntry[] {
  const keys = entryKeys(entries);
  return newestFirst(entries, firstPoll).map((index) => ({ entry: entries[index]!, keys: keys[index]! }));
}

/** An entry's link, normalized, when it has an http(s) one. */
function httpLink(link: string | undefined): string | undefined {
  // Stryker disable next-line StringLiteral: any text that is no URL stands for "no link" as well as ''
  return normalizeLink(link ?? '');
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/** Each value that no other of the list has; undefined for one that is repeated. */
function seenOnce(values: readonly (string | undefined)[]): (string | undefined)[] {
  const counts = new Map<string | undefined, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return values.map((value) => (counts.get(value) === 1 ? value : undefined));
}

/** Title and text as a reader sees them (cleaned), so that a re-spaced or re-encoded entry is still the same. */
function contentOf(entry: FeedEntry): string | undefined {
  const title = cleanLine(entry.title ?? '');
  const text = cleanText(entry.text ?? '');
  return title === '' && text === '' ? undefined : `${title}\n\u0000${text}`;
}

/** The key a value gives, none for no value. */
function identityKey(kind: 'guid' | 'link' | 'content', value: string | undefined): string[] {
  return value === undefined ? [] : [`${kind}:${createHash('sha256').update(value).digest('hex')}`];
}

/** The words of a text, as the summarizer counts them. */
export function countWords(text: string): number {
  return tokenize(text).length;
}

/**
 * Whether the entry's page is fetched for its full text: never without an http(s) link to fetch; with `always`,
 * always; with `auto` (the default), when the feed's text has fewer than FULL_TEXT_MIN_WORDS words; with `never`,
 * never.
 */
export function wantsFullText(policy: FullTextPolicy, entry: FeedEntry): boolean {
  if (httpLink(entry.link) === undefined) return false;
  // Stryker disable next-line StringLiteral: any stand-in for "no text" shorter than FULL_TEXT_MIN_WORDS does the same
  if (policy === 'auto') return countWords(entry.text ?? '') < FULL_TEXT_MIN_WORDS;
  return policy === 'always';
}

/** The article found in an entry's page: the ArticleExtractor port's ExtractedArticle is one. */
export interface PageArticle {
  title?: string;
  /** Cleaned, one paragraph per line; '' when the page has none. */
  text: string;
}

/**
 * What an entry comes to: the report ingestReport is given, and where its text came from; or skipped, with why.
 * `no_text`: neither the feed nor the entry's page gave any text.
 */
export type EntryReport =
  | { outcome: 'report'; submission: TextReportSubmission; textFrom: 'feed' | 'page' }
  | { outcome: 'skipped'; reason: 'no_text' };

/**
 * The report an entry becomes, for ingestReport: its title (else the page's headline, else the first sentence of its
 * text), its text, its link as `url`, its `publishedAt`, the source's name as `source` and the source's language
 * when the operator set one (else ingestReport detects it). `page` is the article extracted from the entry's page,
 * when it was fetched (wantsFullText): its text is taken when it holds more words than the feed's (else the page
 * gave too little, and the report is built from the feed's, `textFrom: 'feed'`).
 */
export function reportFromEntry(
  entry: FeedEntry,
  source: Pick<Source, 'name' | 'language'>,
  page?: PageArticle,
): EntryReport {
  const feedText = cleanText(entry.text ?? '');
  const pageText = cleanText(page?.text ?? '');
  const textFrom = countWords(pageText) > countWords(feedText) ? 'page' : 'feed';
  const body = textFrom === 'page' ? pageText : feedText;
  if (body === '') return { outcome: 'skipped', reason: 'no_text' };
  const title = clipText(
    cleanLine(entry.title ?? '') || cleanLine(page?.title ?? '') || firstSentence(body),
    MAX_TITLE_LENGTH,
  );
  const url = reportUrl(entry.link);
  const publishedAt = isInstant(entry.publishedAt) ? entry.publishedAt : undefined;
  const submission: TextReportSubmission = {
    title,
    body,
    ...(url !== undefined ? { url } : {}),
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    source: source.name,
    ...(source.language !== undefined ? { language: source.language } : {}),
  };
  return { outcome: 'report', submission, textFrom };
}

/** The link as a report keeps it: the WHATWG spelling (ASCII, as the report's URL rule reads it), http(s) only. */
function reportUrl(link: string | undefined): string | undefined {
  if (httpLink(link) === undefined) return undefined;
  const { href } = new URL(link!);
  return href.length <= MAX_LINK_LENGTH ? href : undefined;
}

function firstSentence(body: string): string {
  const line = body.split('\n', 1)[0]!;
  return clipText(splitSentences(line)[0] ?? line, DERIVED_TITLE_LENGTH);
}

/** The text cut to at most `length` characters, at a word's end where there is one, an ellipsis marking the cut. */
export function clipText(text: string, length: number): string {
  if (text.length <= length) return text;
  // Up to the last space within reach: a word that would end on the ellipsis's place goes too.
  const words = text.slice(0, length).replace(/\s*\S*$/u, '');
  // One long word (or a script written without spaces) is cut inside, but never inside a surrogate pair.
  const cut = words === '' ? text.slice(0, length - 1).replace(/[\uD800-\uDBFF]$/u, '') : words;
  return `${cut}…`;
}
