// Adapter: the WebFetcher port over undici 7, treating every document on the web as hostile input.
//
// The address check sits in the undici Agent's connector, on the address the socket dials: a name is resolved once,
// every address it gives must be public (public-address-guard.ts), and those very addresses are what net connects
// to, so a name that answers public to one lookup and private to the next (DNS rebinding) gets nowhere. A URL that
// names an IP address is judged on that address, since net resolves nothing for it. Redirects are followed here,
// one hop at a time, each through the same connector, never from https to http. One deadline covers the whole
// get (every hop and the body), so a server dripping a byte a second is cut off; the body is decompressed here,
// its decoded size counted as it comes, so a gzip bomb stops at the cap with a few chunks in memory. Failures
// become WebFetchError in an editor's words, which name the host as the URL gives it and never an address it
// resolved to (docs/FEEDS.md, "The fetcher").
import { createHash } from 'node:crypto';
import { lookup as systemLookup } from 'node:dns/promises';
import { STATUS_CODES } from 'node:http';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { Transform, type TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { rootCertificates } from 'node:tls';
import { constants, createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Agent, buildConnector, type Dispatcher, request } from 'undici';
import { WebFetchError, type WebFetchFailure } from '../core/domain/errors';
import type { HopPass } from '../core/domain/web-request';
import type { CachingHeaders, WebFetcher, WebRequest, WebResponse } from '../core/ports/web-fetcher';
import { FetchAllowList, isPublicAddress } from './public-address-guard';
import { type DocumentFormat, decodeDocument, parseContentType } from './text-decoding';

/** The addresses a host name resolves to (dns.lookup by default; tests inject names that resolve where they like). */
export type ResolveHost = (hostname: string) => Promise<readonly string[]>;

export interface UndiciWebFetcherOptions {
  /** Sent with every request: `Mujaz/<version> (+<public URL>)`. */
  userAgent: string;
  /** `host:port` of local servers the guard lets through (MUJAZ_FETCH_ALLOW: tests and `npm run dev` only). */
  allow?: readonly string[];
  /** No connection within this long: timeout. */
  connectTimeoutMs?: number;
  /** The whole get, redirects and body included, within this long, or timeout. */
  requestTimeoutMs?: number;
  /** The largest body, counted after decompression (and on the wire). */
  maxBodyBytes?: number;
  /** Redirects followed; one more is too_many_redirects. */
  maxRedirects?: number;
  /** Tests only: resolve names as the test likes (e.g. a name that resolves to a private address). */
  resolveHost?: ResolveHost;
  /** Tests only: PEM certificates trusted besides the usual roots (a local TLS server's). */
  trustedCertificates?: readonly string[];
}

export const DEFAULT_FETCH_LIMITS = {
  connectTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  maxBodyBytes: 5 * 1024 * 1024,
  maxRedirects: 4,
} as const;

const ACCEPT: Record<WebRequest['expect'], string> = {
  feed: 'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1',
  page: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5',
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * A failure found deep inside undici or a stream (the connector, the byte cap, the decoders), where the URL is not
 * known: its message is left empty, and get() words it (failure()).
 */
function unworded(reason: WebFetchFailure): WebFetchError {
  return new WebFetchError(reason, '');
}

export class UndiciWebFetcher implements WebFetcher {
  private readonly limits: Required<
    Pick<UndiciWebFetcherOptions, 'connectTimeoutMs' | 'requestTimeoutMs' | 'maxBodyBytes' | 'maxRedirects'>
  >;
  private readonly agent: Agent;
  private readonly userAgent: string;

  constructor(options: UndiciWebFetcherOptions) {
    this.userAgent = options.userAgent;
    this.limits = {
      connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_FETCH_LIMITS.connectTimeoutMs,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_FETCH_LIMITS.requestTimeoutMs,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_FETCH_LIMITS.maxBodyBytes,
      maxRedirects: options.maxRedirects ?? DEFAULT_FETCH_LIMITS.maxRedirects,
    };
    const allowList = new FetchAllowList(options.allow ?? []);
    const resolveHost = options.resolveHost ?? resolveWithSystem;
    const tls = options.trustedCertificates?.length
      ? { ca: [...rootCertificates, ...options.trustedCertificates] }
      : {};
    const timeout = this.limits.connectTimeoutMs;
    const guarded = buildConnector({ timeout, lookup: publicOnlyLookup(resolveHost), ...tls });
    const unguarded = buildConnector({ timeout, ...tls });
    this.agent = new Agent({
      connect: (connectOptions, callback) => {
        const { hostname, protocol } = connectOptions;
        const port = Number(connectOptions.port) || (protocol === 'https:' ? 443 : 80);
        if (allowList.allows(hostname, port)) return unguarded(connectOptions, callback);
        // An IP address is dialled as it is, without a lookup to check it in.
        if (isIP(hostname) !== 0 && !isPublicAddress(hostname)) return callback(unworded('refused_address'), null);
        return guarded(connectOptions, callback);
      },
      headersTimeout: this.limits.requestTimeoutMs,
      bodyTimeout: this.limits.requestTimeoutMs,
    });
  }

  async get(webRequest: WebRequest): Promise<WebResponse> {
    let url = parseWebUrl(webRequest.url);
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.limits.requestTimeoutMs);
    let followed = 0;
    let held: HopPass = 'free';
    try {
      for (;;) {
        const response = await request(url, {
          dispatcher: this.agent,
          method: 'GET',
          headers: this.headersFor(webRequest),
          signal: deadline.signal,
        });
        if (!REDIRECTS.has(response.statusCode) || response.headers.location === undefined) {
          return await this.answer(url, response, webRequest.expect);
        }
        await discard(response);
        if (followed === this.limits.maxRedirects) {
          throw new WebFetchError(
            'too_many_redirects',
            `${url.host} sent us through more than ${this.limits.maxRedirects} redirects; Mujaz stops there.`,
          );
        }
        url = nextHop(url, firstHeader(response.headers.location)!);
        followed += 1;
        held = await letGo(held);
        held = (await webRequest.beforeRedirectHop?.(url.href)) ?? 'free';
        if (held === 'busy')
          throw new WebFetchError(
            'host_busy',
            `${url.host}, where a redirect led, is busy with other requests of Mujaz; it is tried again later`,
          );
      }
    } catch (error) {
      throw this.failure(error, url, deadline.signal.aborted, followed);
    } finally {
      clearTimeout(timer);
      await letGo(held);
    }
  }

  /** Drops every connection, a request in flight included (tests; a Lambda function keeps its fetcher for life). */
  async close(): Promise<void> {
    await this.agent.destroy();
  }

  private headersFor(webRequest: WebRequest): Record<string, string> {
    return {
      'user-agent': this.userAgent,
      accept: ACCEPT[webRequest.expect],
      'accept-encoding': 'gzip, deflate, br',
      ...(webRequest.etag ? { 'if-none-match': webRequest.etag } : {}),
      ...(webRequest.lastModified ? { 'if-modified-since': webRequest.lastModified } : {}),
    };
  }

  private async answer(
    url: URL,
    response: Dispatcher.ResponseData,
    expect: WebRequest['expect'],
  ): Promise<WebResponse> {
    const headers = cachingHeaders(response.headers);
    if (response.statusCode === 304) {
      await discard(response);
      return { status: 304, url: url.href, headers };
    }
    if (response.statusCode !== 200) {
      await discard(response);
      throw statusFailure(url, response.statusCode, headers.retryAfter);
    }
    // A length past the cap, declared up front, is refused before a byte of it is read.
    if (Number(firstHeader(response.headers['content-length'])) > this.limits.maxBodyBytes) {
      response.body.on('error', () => undefined).destroy();
      throw unworded('too_large');
    }
    const bytes = await readBody(
      response.body,
      contentEncodings(firstHeader(response.headers['content-encoding'])),
      this.limits.maxBodyBytes,
    );
    const { mediaType, charset } = parseContentType(firstHeader(response.headers['content-type']));
    const text = decodeDocument(bytes, { format: formatOf(mediaType, expect), ...(charset ? { charset } : {}) });
    return {
      status: 200,
      url: url.href,
      text,
      bodySha256: createHash('sha256').update(bytes).digest('hex'),
      ...(mediaType ? { mediaType } : {}),
      headers,
    };
  }

  private failure(error: unknown, url: URL, timedOut: boolean, followed: number): WebFetchError {
    if (error instanceof WebFetchError && error.message !== '') return error;
    const reason = error instanceof WebFetchError ? error.reason : undefined;
    const host = url.host;
    const hop = followed > 0 ? ` (reached by a redirect)` : '';
    if (timedOut) {
      const seconds = this.limits.requestTimeoutMs / 1_000;
      return new WebFetchError('timeout', `${host} did not send the whole document within ${seconds} s${hop}.`);
    }
    if (reason === 'too_large') {
      const megabytes = Math.round((this.limits.maxBodyBytes / 1024 / 1024) * 10) / 10;
      return new WebFetchError('too_large', `The document at ${host} is larger than ${megabytes} MB${hop}.`);
    }
    const code = (error as { code?: string }).code ?? '';
    const failure = (reason: WebFetchFailure, words: string) => new WebFetchError(reason, `${words}${hop}.`);
    if (reason === 'refused_address') {
      return failure(
        'refused_address',
        `${host} is not on the public internet; Mujaz only fetches from public addresses`,
      );
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return failure('timeout', `${host} did not accept a connection within ${this.limits.connectTimeoutMs / 1_000} s`);
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
      return failure('timeout', `${host} stopped answering`);
    }
    if (code === 'ENOTFOUND' || code === 'EAI_NODATA' || code === 'EAI_NONAME') {
      return failure('unreachable', `${url.hostname} does not exist (no DNS record)`);
    }
    if (code === 'EAI_AGAIN') return failure('unreachable', `${url.hostname} could not be looked up just now`);
    if (code === 'ECONNREFUSED') return failure('unreachable', `${host} refused the connection`);
    if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return failure('unreachable', `${host} cannot be reached`);
    if (/^(ERR_TLS_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_)/u.test(code)) {
      return failure('unreachable', `${host} offers a secure connection whose certificate cannot be trusted`);
    }
    // The one unworded 'unreachable' is a Content-Encoding we do not decode.
    if (reason === 'unreachable' || code.startsWith('Z_') || code === 'ERR_BROTLI_DECOMPRESSION_FAILED') {
      return failure('unreachable', `${host} sent a compressed document Mujaz cannot unpack`);
    }
    return failure('unreachable', `The connection to ${host} broke before the document was complete`);
  }
}

/** An absolute http: or https: URL without credentials, or invalid_url. */
function parseWebUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new WebFetchError('invalid_url', 'This is not a complete web address (it should start with https://).');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new WebFetchError('invalid_url', `Only http and https addresses can be fetched, not ${url.protocol}.`);
  }
  // A password in a URL ends up in logs and errors.
  if (url.username || url.password) {
    throw new WebFetchError('invalid_url', 'Addresses holding a user name or password are not fetched.');
  }
  url.hash = '';
  return url;
}

/** Where a redirect leads: http(s) only, never from https down to http. */
function nextHop(from: URL, location: string): URL {
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    throw new WebFetchError('refused_redirect', `${from.host} redirected to something that is not a web address.`);
  }
  if (to.protocol !== 'http:' && to.protocol !== 'https:') {
    throw new WebFetchError(
      'refused_redirect',
      `${from.host} redirected to ${to.protocol}, and only http and https are followed.`,
    );
  }
  if (from.protocol === 'https:' && to.protocol === 'http:') {
    throw new WebFetchError(
      'refused_redirect',
      `${from.host} redirected from a secure (https) address to an insecure (http) one.`,
    );
  }
  if (to.username || to.password) {
    throw new WebFetchError(
      'refused_redirect',
      `${from.host} redirected to an address holding a user name or password.`,
    );
  }
  to.hash = '';
  return to;
}

/** net's lookup, answering only when every address the name resolves to is public. */
function publicOnlyLookup(resolveHost: ResolveHost): LookupFunction {
  return (hostname, options, callback) => {
    resolveHost(hostname).then(
      (addresses) => {
        const wanted = addresses.filter((address) => !options.family || isIP(address) === options.family);
        if (wanted.length === 0) {
          return callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), '', 0);
        }
        if (!addresses.every(isPublicAddress)) return callback(unworded('refused_address'), '', 0);
        if (options.all)
          return callback(
            null,
            wanted.map((address) => ({ address, family: isIP(address) })),
          );
        return callback(null, wanted[0]!, isIP(wanted[0]!));
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

async function resolveWithSystem(hostname: string): Promise<readonly string[]> {
  const answers = await systemLookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}

/** The Content-Encoding codings, in the order they were applied. */
function contentEncodings(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

function decoderFor(coding: string): Transform {
  // As browsers do, a stream cut short still gives what it holds.
  const lenient = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
  if (coding === 'gzip' || coding === 'x-gzip') return createGunzip(lenient);
  if (coding === 'deflate') return createInflate(lenient);
  if (coding === 'br') {
    return createBrotliDecompress({
      flush: constants.BROTLI_OPERATION_FLUSH,
      finishFlush: constants.BROTLI_OPERATION_FLUSH,
    });
  }
  throw unworded('unreachable');
}

/** Counts the bytes through it and fails past the cap. */
function byteCap(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      seen += chunk.length;
      if (seen > maxBytes) callback(unworded('too_large'));
      else callback(null, chunk);
    },
  });
}

/**
 * The body's bytes, decompressed: the wire and the decoded bytes are each capped, the decoded counted chunk by
 * chunk as the decoder yields them, so a bomb is stopped after the cap's worth of output.
 */
async function readBody(body: Readable, codings: readonly string[], maxBytes: number): Promise<Buffer> {
  let decoders: Transform[];
  try {
    decoders = [...codings].reverse().map(decoderFor);
  } catch (error) {
    body.on('error', () => undefined).destroy();
    throw error;
  }
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void) {
      chunks.push(chunk);
      callback();
    },
  });
  await pipeline([body, byteCap(maxBytes), ...decoders, byteCap(maxBytes), collect]);
  return Buffer.concat(chunks);
}

async function discard(response: Dispatcher.ResponseData): Promise<void> {
  // Read a little to keep the connection for the next request, or drop it.
  await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function cachingHeaders(headers: Dispatcher.ResponseData['headers']): CachingHeaders {
  const pick = (name: string) => firstHeader(headers[name]);
  const entries = {
    etag: pick('etag'),
    lastModified: pick('last-modified'),
    cacheControl: pick('cache-control'),
    expires: pick('expires'),
    retryAfter: pick('retry-after'),
    date: pick('date'),
  };
  return Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined)) as CachingHeaders;
}

function statusFailure(url: URL, status: number, retryAfter: string | undefined): WebFetchError {
  const named = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
  const words =
    status === 410
      ? `${url.host} says this document is gone for good (${named})`
      : status === 404
        ? `${url.host} has nothing at this address (${named})`
        : status === 429 || status === 503
          ? `${url.host} asks us to come back later (${named})`
          : status === 401 || status === 403
            ? `${url.host} does not let Mujaz read this document (${named})`
            : status >= 500
              ? `${url.host} failed to answer (${named})`
              : `${url.host} answered ${named} instead of a document`;
  return new WebFetchError('http_status', `${words}.`, status, retryAfter);
}

/** How the document names its own encoding: by its media type, else by what was asked for. */
function formatOf(mediaType: string | undefined, expect: WebRequest['expect']): DocumentFormat {
  if (mediaType === 'text/html') return 'html';
  if (mediaType && /[/+]xml$/u.test(mediaType)) return 'xml';
  if (mediaType && /[/+]json$/u.test(mediaType)) return 'json';
  return expect === 'feed' ? 'xml' : 'html';
}

/** Gives a hop's hold back: the hop's answer is in. */
async function letGo(pass: HopPass): Promise<'free'> {
  if (typeof pass === 'object') await pass.release();
  return 'free';
}
