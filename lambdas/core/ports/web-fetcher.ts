// Core port: a document from the open web — a feed, the page a feed is discovered from, an item's article page —
// fetched as hostile input: only public addresses, every hop checked, bounded in time and size (docs/FEEDS.md).
import type { CachingHeaders, WebRequest } from '../domain/web-request';

export type { CachingHeaders, WebRequest } from '../domain/web-request';

/** A usable answer: a document (200), or word that the one we hold is current (304). */
export type WebResponse =
  | {
      status: 200;
      /** Where the document came from, after redirects. */
      url: string;
      /** The body decoded by the rules of its format: BOM, then HTTP charset, then XML declaration or <meta>. */
      text: string;
      /** SHA-256 of the body's bytes (hex): a 200 with the last body's hash changed nothing. */
      bodySha256: string;
      /** The media type without parameters, lower-cased ('application/rss+xml'), when the server names one. */
      mediaType?: string;
      headers: CachingHeaders;
    }
  | { status: 304; url: string; headers: CachingHeaders };

/** Fetches from the web (undici behind the public-address guard in the functions and locally). */
export interface WebFetcher {
  /**
   * GET, following at most 4 redirects. Rejects with WebFetchError whenever no usable answer came: any status but
   * 200 and 304, a refused address or scheme, a redirect too many or to plain http from https, the time up, a body
   * too large, nothing to connect to.
   */
  get(request: WebRequest): Promise<WebResponse>;
}
