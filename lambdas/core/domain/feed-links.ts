// Core layer: one spelling for a link, so that a feed registered twice, or an item whose link a feed writes another
// way, is recognised: the identity of sources (409 on a second registration) and of feed items rest on it.
import { InvalidInputError } from './errors';

/** A percent-encoded octet, in either case of hex digit. */
const PERCENT_ENCODED = /%([\da-f]{2})/giu;
/**
 * RFC 3986's unreserved characters: encoding them changes nothing, so their encoded form is decoded (§6.2.2.2).
 * Tested on one character at a time.
 */
const UNRESERVED = /[A-Za-z\d\-._~]/u;
/** Tracking parameters (Google Analytics' campaign tags) say who shared a link, not what it is. */
const TRACKING_PARAMETER = /^utm_/iu;

/**
 * A link in the one spelling we compare: an absolute http: or https: URL read by the WHATWG URL rules (scheme and
 * host lower-cased, an IDN host in punycode, the default port dropped, dot segments resolved, non-ASCII characters
 * percent-encoded as UTF-8), then without its fragment and its `utm_*` query parameters (the others kept, in their
 * order and spelling), and every percent-encoding in upper-case hex with unreserved characters decoded — so an
 * Arabic IRI, its `%D9…` and its `%d9…` spellings are one link. Undefined for anything else (a relative link,
 * another scheme, text that is no URL).
 */
export function normalizeLink(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.hash = '';
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((parameter) => parameter !== '' && !TRACKING_PARAMETER.test(decodedName(parameter)));
  // Assigned through the URL, an empty search drops the '?' with it.
  parsed.search = kept.join('&');
  return parsed.href.replace(PERCENT_ENCODED, (encoded, hex: string) => {
    const character = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(character) ? character : encoded.toUpperCase();
  });
}

/**
 * What makes two registrations the same feed: the feed URL's normalized spelling (normalizeLink). Throws
 * InvalidInputError for a URL that is not absolute http(s) — which the registration's schema refuses first.
 */
export function sourceUrlKey(url: string): string {
  const key = normalizeLink(url);
  if (key === undefined) {
    throw new InvalidInputError('The feed URL is not valid: it must be an absolute http or https URL.', [
      { field: 'url', message: 'must be an absolute http or https URL' },
    ]);
  }
  return key;
}

/** A query parameter's name decoded (`utm%5Fsource` is `utm_source`); as written when malformed. */
function decodedName(parameter: string): string {
  const name = parameter.split('=', 1)[0]!;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}
