// Adapter: feeds read with feedsmith (RSS 0.9x/2.0, RSS 1.0/RDF, Atom, JSON Feed), over fast-xml-parser; their
// markup turned to plain text and the feeds a page names found, both with htmlparser2 (htmlparser2-html.ts).
//
// Entities. feedsmith has fast-xml-parser hand over every field it maps as raw text (stop nodes, entities off),
// then decodes HTML's named and numeric references itself in one linear pass; a DOCTYPE's <!ENTITY> declarations
// are read but never expanded, so a billion-laughs document would come out with "&lol9;" left in its text. We refuse
// a document whose prolog declares an entity before any parser sees it: no feed needs its own entities, and an
// editor is better told why than shown "&lol9;". (A DOCTYPE past the root, which no valid feed has, is left to that
// rule: its entities stay unexpanded.) Numeric references cost one character each, whatever their number.
//
// Size. The fetcher brings at most 5 MB, and every step here is linear in the text, but for markup nesting, which
// htmlparser2-html.ts bounds and fast-xml-parser refuses past 100 levels.
import {
  type AtomFeed,
  DetectError,
  type JsonFeed,
  MalformedError,
  ParseError,
  parseAtomFeed,
  parseJsonFeed,
  parseRdfFeed,
  parseRssFeed,
  type RdfFeed,
  type RssFeed,
} from 'feedsmith';
import { FeedUnreadableError } from '../core/domain/errors';
import { primaryLanguageOf } from '../core/domain/language-tag';
import { cleanLine, cleanText } from '../core/domain/text-cleaning';
import type { FeedEntry, FeedParser, ParsedFeed } from '../core/ports/feed-parser';
import { feedInstant } from './feed-dates';
import { htmlText, pageLinks } from './htmlparser2-html';

type FeedFormat = ParsedFeed['format'];

/** The most characters a feed may have: the fetcher's 5 MB cap, which no decoded body exceeds in characters. */
export const MAX_FEED_CHARACTERS = 5 * 1024 * 1024;

/**
 * The most entries a feed may list. A poll examines the 100 newest (MAX_POLL_ENTRIES), and a real feed lists tens to
 * hundreds; reading 20,000 took over a second here, so a feed past this is refused after one linear count, before
 * any parsing.
 */
export const MAX_FEED_ENTRIES = 5_000;

const TOO_MANY_ENTRIES = `The feed lists more than ${MAX_FEED_ENTRIES.toLocaleString('en')} entries; Mujaz reads feeds of at most ${MAX_FEED_ENTRIES.toLocaleString('en')} (a poll takes the 100 newest).`;

/** An RSS or RDF item's, or an Atom entry's, start tag, with or without a namespace prefix. */
const ENTRY_START = /<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)[\s>/]/gu;

/** Counts entry start tags and stops at the first past the cap: one pass, however large the document. */
function refuseTooManyEntries(document: string): void {
  ENTRY_START.lastIndex = 0;
  let count = 0;
  while (ENTRY_START.exec(document) !== null) {
    count += 1;
    if (count > MAX_FEED_ENTRIES) throw new FeedUnreadableError(TOO_MANY_ENTRIES);
  }
}

const FORMAT_NAMES: Record<FeedFormat, string> = {
  rss: 'RSS',
  atom: 'Atom',
  rdf: 'RSS 1.0 (RDF)',
  json: 'JSON Feed',
};

/** The media types a page's <link rel="alternate"> gives its feeds (application/json: JSON Feed's older type). */
const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json',
]);

/** How a field's text is written: HTML to render to text, or text as it is (Atom type="text", JSON Feed's *_text). */
type Markup = 'html' | 'text';

export class FeedsmithFeedParser implements FeedParser {
  parse(text: string, feedUrl: string): ParsedFeed {
    const document = text.startsWith('\uFEFF') ? text.slice(1) : text;
    if (document.length > MAX_FEED_CHARACTERS) {
      throw new FeedUnreadableError(
        `The feed has ${document.length.toLocaleString('en')} characters; Mujaz reads feeds of at most 5 MB.`,
      );
    }
    const format = formatOf(document);
    if (format !== 'json') refuseTooManyEntries(document);
    switch (format) {
      case 'json': {
        const json = jsonObject(document);
        const items = (json as { items?: unknown } | null)?.items;
        if (Array.isArray(items) && items.length > MAX_FEED_ENTRIES) throw new FeedUnreadableError(TOO_MANY_ENTRIES);
        return fromJsonFeed(
          readWith(format, () => parseJsonFeed(json)),
          feedUrl,
        );
      }
      case 'rss':
        return fromRss(
          readWith(format, () => parseRssFeed(document)),
          feedUrl,
        );
      case 'rdf':
        return fromRdf(
          readWith(format, () => parseRdfFeed(document)),
          feedUrl,
        );
      case 'atom':
        return fromAtom(
          readWith(format, () => parseAtomFeed(document)),
          feedUrl,
        );
    }
  }

  discoverFeeds(html: string, pageUrl: string): string[] {
    const { links, baseHref } = pageLinks(html);
    const base = (baseHref === undefined ? undefined : resolveUrl(baseHref, pageUrl)) ?? pageUrl;
    const feeds: string[] = [];
    for (const link of links) {
      const relations = (link.rel ?? '').toLowerCase().split(/[ \t\n\f\r]+/u);
      const type = (link.type ?? '').split(';')[0]!.trim().toLowerCase();
      if (!relations.includes('alternate') || !FEED_TYPES.has(type) || link.href === undefined) continue;
      const url = webLink(link.href, base);
      if (url !== undefined && !feeds.includes(url)) feeds.push(url);
    }
    return feeds;
  }
}

/**
 * The format the document is written in, from its first character and, for XML, its root element — read past the
 * XML declaration, comments, processing instructions and the DOCTYPE. Throws FeedUnreadableError when it is none
 * we read, or when its DOCTYPE declares entities.
 */
function formatOf(document: string): FeedFormat {
  const start = document.search(/\S/u);
  if (start === -1) throw new FeedUnreadableError('The feed is empty.');
  if (document[start] === '{') return 'json';
  if (document[start] !== '<') throw new FeedUnreadableError('This is no feed: the text is neither XML nor JSON.');
  const root = rootElementName(document, start);
  const local = root.slice(root.indexOf(':') + 1).toLowerCase();
  if (local === 'rss') return 'rss';
  if (local === 'feed') return 'atom';
  if (local === 'rdf') return 'rdf';
  if (local === 'html' || local === 'head' || local === 'body') {
    throw new FeedUnreadableError('This is a web page (HTML), not a feed.');
  }
  throw new FeedUnreadableError(
    `This is no feed: its first element is <${root.slice(0, 40)}>, where a feed starts with <rss>, <feed> or <rdf:RDF>.`,
  );
}

const NAME = /[A-Za-z_][\w.:-]*/uy;

/** The name of the first element, read past the prolog; throws if the prolog declares an entity. */
function rootElementName(document: string, from: number): string {
  let at = from;
  for (;;) {
    at = document.indexOf('<', at);
    if (at === -1) throw new FeedUnreadableError('This is no feed: the XML has no element.');
    const end = endOfMarkupDeclaration(document, at);
    if (end !== undefined) {
      at = end;
      continue;
    }
    NAME.lastIndex = at + 1;
    const name = NAME.exec(document)?.[0];
    if (name !== undefined) return name;
    at += 1;
  }
}

/**
 * Where a comment, a processing instruction (the XML declaration among them) or a declaration (<!DOCTYPE, and the
 * <!ELEMENT …> inside its internal subset) that starts at `at` ends; undefined if none starts there.
 */
function endOfMarkupDeclaration(document: string, at: number): number | undefined {
  if (document.startsWith('<!--', at)) return closedAt(document, '-->', at + 4, 'a comment');
  if (document.startsWith('<?', at)) return closedAt(document, '?>', at + 2, 'a processing instruction');
  if (!document.startsWith('<!', at)) return undefined;
  if (document.slice(at + 2, at + 8).toUpperCase() === 'ENTITY') {
    throw new FeedUnreadableError(
      'The feed declares XML entities of its own (<!ENTITY> in its DOCTYPE). Mujaz refuses such feeds: expanding ' +
        'entities is how XML bombs such as "billion laughs" work, and no feed needs them.',
    );
  }
  return at + 2; // the DOCTYPE: what follows is read in turn, up to the root element
}

function closedAt(document: string, closing: string, from: number, what: string): number {
  const end = document.indexOf(closing, from);
  if (end === -1)
    throw new FeedUnreadableError(`The feed's XML is malformed: ${what} before its root is never closed.`);
  return end + closing.length;
}

function jsonObject(document: string): unknown {
  try {
    return JSON.parse(document);
  } catch {
    throw new FeedUnreadableError("The feed's JSON is malformed.");
  }
}

/** feedsmith's reading of the document, its refusals told in an editor's words. */
function readWith<Feed>(format: FeedFormat, read: () => Feed): Feed {
  try {
    return read();
  } catch (error) {
    if (error instanceof FeedUnreadableError) throw error;
    const name = FORMAT_NAMES[format];
    if (error instanceof DetectError) {
      throw new FeedUnreadableError(
        format === 'json'
          ? 'This JSON is not a JSON Feed: it names no jsonfeed.org version and has no title and items.'
          : `This document starts like ${name} but is not one.`,
      );
    }
    if (error instanceof ParseError) throw new FeedUnreadableError(`This ${name} document holds no feed.`);
    const cause = error instanceof MalformedError && error.cause instanceof Error ? error.cause : error;
    const detail = cause instanceof Error ? `: ${cause.message.slice(0, 200)}` : '';
    throw new FeedUnreadableError(`The feed's XML is malformed${detail}.`);
  }
}

function fromRss(feed: RssFeed.Feed<string>, feedUrl: string): ParsedFeed {
  const language = languageOf(feed.language) ?? languageOf(feed.dc?.languages?.[0]);
  const ttlMinutes = feed.ttl !== undefined && Number.isInteger(feed.ttl) && feed.ttl > 0 ? feed.ttl : undefined;
  const entries = (feed.items ?? []).map((item) =>
    entry({
      guid: item.guid?.value,
      // RSS 2.0: a guid is the item's permalink unless isPermaLink="false" says otherwise.
      link:
        webLink(item.link, feedUrl) ??
        (item.guid?.isPermaLink === false ? undefined : absoluteWebLink(item.guid?.value)),
      title: plain(item.title, 'html', cleanLine),
      text: plain(item.content?.encoded, 'html', cleanText) ?? plain(item.description, 'html', cleanText),
      publishedAt: feedInstant(item.pubDate) ?? feedInstant(item.dc?.dates?.[0]),
    }),
  );
  return feedOf('rss', plain(feed.title, 'html', cleanLine), language, ttlMinutes, entries);
}

function fromRdf(feed: RdfFeed.Feed<string>, feedUrl: string): ParsedFeed {
  const entries = (feed.items ?? []).map((item) =>
    entry({
      guid: item.rdf?.about,
      link: webLink(item.link, feedUrl),
      title: plain(item.title, 'html', cleanLine),
      text: plain(item.content?.encoded, 'html', cleanText) ?? plain(item.description, 'html', cleanText),
      publishedAt: feedInstant(item.dc?.dates?.[0]),
    }),
  );
  const language = languageOf(feed.dc?.languages?.[0]);
  return feedOf('rdf', plain(feed.title, 'html', cleanLine), language, undefined, entries);
}

function fromAtom(feed: AtomFeed.Feed<string>, feedUrl: string): ParsedFeed {
  const feedBase = resolveUrl(feed.xml?.base, feedUrl) ?? feedUrl;
  const entries = (feed.entries ?? []).map((item) => {
    const base = resolveUrl(item.xml?.base, feedBase) ?? feedBase;
    return entry({
      guid: item.id,
      link: webLink(alternateLink(item.links), base),
      title: typedText(item.title, cleanLine),
      // Out-of-line content (src=) has no value: the summary speaks for it.
      text: typedText(item.content, cleanText) ?? typedText(item.summary, cleanText),
      publishedAt: feedInstant(item.published) ?? feedInstant(item.updated),
    });
  });
  return feedOf('atom', typedText(feed.title, cleanLine), languageOf(feed.xml?.lang), undefined, entries);
}

function fromJsonFeed(feed: JsonFeed.Feed<string>, feedUrl: string): ParsedFeed {
  const entries = (feed.items ?? []).map((item) =>
    entry({
      guid: item.id,
      link: webLink(item.url, feedUrl) ?? webLink(item.external_url, feedUrl),
      title: plain(item.title, 'text', cleanLine),
      text:
        plain(item.content_html, 'html', cleanText) ??
        plain(item.content_text, 'text', cleanText) ??
        plain(item.summary, 'text', cleanText),
      publishedAt: feedInstant(item.date_published) ?? feedInstant(item.date_modified),
    }),
  );
  return feedOf('json', plain(feed.title, 'text', cleanLine), languageOf(feed.language), undefined, entries);
}

/** An Atom text construct or content, read by its type. */
function typedText(
  construct: { value?: string; type?: string } | undefined,
  clean: (text: string) => string,
): string | undefined {
  const markup = markupOf(construct?.type);
  return markup === undefined ? undefined : plain(construct?.value, markup, clean);
}

/**
 * Atom's type attribute: html and xhtml are markup; text, a missing type and text/* are text (RFC 4287, 4.1.3);
 * any other media type (a PDF, an image, XML inline or in base64) holds no text we read.
 */
function markupOf(type: string | undefined): Markup | undefined {
  const lower = (type ?? 'text').trim().toLowerCase();
  if (lower === 'html' || lower === 'xhtml' || lower === 'text/html' || lower === 'application/xhtml+xml') {
    return 'html';
  }
  return lower === 'text' || lower.startsWith('text/') ? 'text' : undefined;
}

/** An Atom entry's page: its first rel="alternate" link (a link without rel is one), an HTML one first. */
function alternateLink(links: AtomFeed.Entry<string>['links']): string | undefined {
  const alternates = (links ?? []).filter((link) => (link.rel ?? 'alternate').trim().toLowerCase() === 'alternate');
  const html = alternates.find((link) => link.type === undefined || /html/iu.test(link.type));
  return (html ?? alternates[0])?.href;
}

/**
 * A field as plain text: HTML rendered to text (a field without a tag keeps its line breaks, for they are all the
 * layout it has), text taken as it is; then `clean` (cleanLine for a title, cleanText for a text). Undefined when
 * nothing is left.
 */
function plain(value: string | undefined, markup: Markup, clean: (text: string) => string): string | undefined {
  if (value === undefined) return undefined;
  let text = value;
  if (markup === 'html') {
    if (value.includes('<')) text = htmlText(value);
    else if (value.includes('&')) text = htmlText(value.replace(/\r\n?|\n/gu, '<br>'));
  }
  const cleaned = clean(text);
  return cleaned === '' ? undefined : cleaned;
}

/** An entry without its absent fields (feedsmith has trimmed every value, and given none for an empty one). */
function entry(fields: FeedEntry): FeedEntry {
  return withoutUndefined(fields);
}

function feedOf(
  format: FeedFormat,
  title: string | undefined,
  language: string | undefined,
  ttlMinutes: number | undefined,
  entries: FeedEntry[],
): ParsedFeed {
  return withoutUndefined({ format, title, language, ttlMinutes, entries });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function languageOf(tag: string | undefined): string | undefined {
  return tag === undefined ? undefined : primaryLanguageOf(tag);
}

function resolveUrl(reference: string | undefined, base: string): string | undefined {
  if (reference === undefined) return undefined;
  try {
    return new URL(reference.trim(), base).href;
  } catch {
    return undefined;
  }
}

/** The reference resolved against the base, if that is an http: or https: URL. */
function webLink(reference: string | undefined, base: string): string | undefined {
  const url = resolveUrl(reference, base);
  return url !== undefined && /^https?:/u.test(url) ? url : undefined;
}

/** The text as an http: or https: URL when it is one on its own (a guid is no relative reference). */
function absoluteWebLink(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
