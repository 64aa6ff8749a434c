// Core layer: what the core asks of the web (a GET, conditional or not) and the caching headers an answer brings
// back, which the poll schedule reads. The WebFetcher port (ports/web-fetcher.ts) carries them.

/** One GET the core asks for. */
export interface WebRequest {
  /** An absolute http: or https: URL. Anything else is refused (WebFetchError 'invalid_url'). */
  url: string;
  /** The kind of document hoped for: it sets the Accept header, nothing else. */
  expect: 'feed' | 'page';
  /** The last answer's ETag, for a conditional GET (If-None-Match); without validators the GET is unconditional. */
  etag?: string;
  /** The last answer's Last-Modified, for a conditional GET (If-Modified-Since). */
  lastModified?: string;
  /**
   * Asked before each hop a redirect leads to (the first request is the caller's to settle), with the hop's URL:
   * what the hop must hold while it is in flight on its host (requests-per-host.ts).
   */
  beforeRedirectHop?: (url: string) => Promise<HopPass>;
}

/**
 * A redirect hop's leave to go: 'free' (nothing to hold), a hold given back once the hop's answer is in, or 'busy':
 * the hop is not made, and the get fails (WebFetchError 'host_busy').
 */
export type HopPass = 'free' | 'busy' | { release(): Promise<void> };

/** The caching headers of an answer, as the server sent them (the core's poll schedule reads them). */
export interface CachingHeaders {
  /** ETag: sent back as If-None-Match by the next poll. */
  etag?: string;
  /** Last-Modified: sent back as If-Modified-Since by the next poll. */
  lastModified?: string;
  /** Cache-Control, whose max-age may put the next poll later. */
  cacheControl?: string;
  /** Expires (an HTTP date), read against `date`. */
  expires?: string;
  /** Sent with 429 and 503, which arrive as WebFetchError; kept here for a 200 or 304 that carries one. */
  retryAfter?: string;
  /** The server's clock, against which Expires is read. */
  date?: string;
}
