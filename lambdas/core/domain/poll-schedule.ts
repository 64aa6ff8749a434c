// Core layer: when a source is polled, how, and what a poll's outcome does to it — the conditional GET, the next
// poll from the server's caching headers, the back-off after failures, and the states an editor sees.
import ipaddr from 'ipaddr.js';
import { FeedUnreadableError, WebFetchError } from './errors';
import type { PollSummary, Source } from './source';
import type { CachingHeaders, WebRequest } from './web-request';

/** The least time between two polls of a source. */
export const SOURCE_INTERVAL_MINUTES = 60;
/** The most: whatever a server says, and however often a poll failed, a source is polled at least daily. */
export const MAX_POLL_INTERVAL_HOURS = 24;
/** Failed polls in a row that make a source `failing`. */
export const FAILING_AFTER = 3;

const MINUTE_MS = 60_000;
const MAX_INTERVAL_MS = MAX_POLL_INTERVAL_HOURS * 60 * MINUTE_MS;
/** The longest lastError we keep: a sentence or two, not a document. */
const MAX_ERROR_LENGTH = 300;

/**
 * The GET a poll of `source` sends at `now`: conditional (the stored ETag and Last-Modified) unless the operator
 * set `ignoreCache`, or no poll in the last MAX_POLL_INTERVAL_HOURS was unconditional — so that a server whose
 * Last-Modified lies (one in 2041) cannot keep us at 304 for ever.
 */
export function pollRequest(source: Source, now: Date): WebRequest {
  const request: WebRequest = { url: source.url, expect: 'feed' };
  if (source.ignoreCache || !checkedLately(source.cache.lastUnconditionalAt, now)) return request;
  const { etag, lastModified } = source.cache;
  return {
    ...request,
    ...(etag !== undefined ? { etag } : {}),
    ...(lastModified !== undefined ? { lastModified } : {}),
  };
}

function checkedLately(lastUnconditionalAt: string | undefined, now: Date): boolean {
  // Never checked: Date.parse('') is NaN, and no comparison with NaN holds.
  // Stryker disable next-line StringLiteral: any text that is no date is NaN alike
  return now.getTime() - Date.parse(lastUnconditionalAt ?? '') < MAX_INTERVAL_MS;
}

/** Whether a request carries validators, and so can be answered 304. */
export function isConditional(request: WebRequest): boolean {
  return request.etag !== undefined || request.lastModified !== undefined;
}

/** How many entries a poll examined, and what became of them (PollSummary's counts). */
export type PollCounts = Pick<PollSummary, 'items' | 'created' | 'duplicates' | 'skipped'>;

/**
 * What one poll came to, for sourceAfterPoll.
 * - `modified`: a new document was read (a 200 whose body hash differs from the stored one), its entries examined.
 *   `request` is the GET that was sent (pollRequest's), `headers` and `bodySha256` the answer's, `ttlMinutes` the
 *   feed's `<ttl>`, `counts` what became of its entries.
 * - `not-modified`: a 304, or a 200 whose body hash is the stored one (isUnchanged): nothing was examined.
 * - `failed`: no document, or none we could read; `error` is what was thrown (a WebFetchError, a
 *   FeedUnreadableError, or anything else, which an editor is told of in general words).
 */
export type PollOutcome =
  | {
      status: 'modified';
      request: WebRequest;
      headers: CachingHeaders;
      bodySha256: string;
      ttlMinutes?: number;
      counts: PollCounts;
    }
  | { status: 'not-modified'; request: WebRequest; headers: CachingHeaders }
  | { status: 'failed'; error: unknown };

/** A 304, or a 200 whose body is byte for byte the one the last poll read: not modified either way. */
export function isUnchanged(source: Source, response: { status: 200; bodySha256: string } | { status: 304 }): boolean {
  return response.status === 304 || response.bodySha256 === source.cache.bodySha256;
}

/**
 * The source once a poll has come to `outcome` at `now`.
 * - Success (modified or not): `active`, no failures; the next poll after the largest of SOURCE_INTERVAL_MINUTES,
 *   the feed's ttl, Cache-Control max-age, Expires and Retry-After, at most MAX_POLL_INTERVAL_HOURS; the answer's
 *   validators kept for the next conditional GET (a new ETag replaces the stored one; a Last-Modified later than
 *   the answer's own Date is not believed, and not kept).
 * - Failure: one more failure in a row; the next poll backs off, twice as far for each (from twice
 *   SOURCE_INTERVAL_MINUTES up to MAX_POLL_INTERVAL_HOURS), or as far as a Retry-After asks within that cap;
 *   `failing` from FAILING_AFTER in a row; `lastError` says why in an editor's words. A 410 Gone disables the source:
 *   nothing is due any more.
 * A paused or disabled source is returned as it is: a poll that ends after the operator paused it changes nothing.
 */
export function sourceAfterPoll(source: Source, outcome: PollOutcome, now: Date): Source {
  if (source.state === 'paused' || source.state === 'disabled') return source;
  const at = now.toISOString();
  const { lastError: _cleared, ...polled } = source;
  if (outcome.status === 'failed') return failedPoll(source, outcome.error, now);
  const counts = outcome.status === 'modified' ? outcome.counts : { items: 0, created: 0, duplicates: 0, skipped: 0 };
  const ttlMinutes = outcome.status === 'modified' ? outcome.ttlMinutes : source.cache.ttlMinutes;
  return {
    ...polled,
    state: 'active',
    lastPolledAt: at,
    nextPollAt: new Date(now.getTime() + successDelayMs(outcome.headers, ttlMinutes, now)).toISOString(),
    consecutiveFailures: 0,
    lastPoll: { at, status: outcome.status, ...counts },
    reportsCreated: source.reportsCreated + counts.created,
    cache: cacheAfter(source, outcome, now),
  };
}

function cacheAfter(source: Source, outcome: Exclude<PollOutcome, { status: 'failed' }>, now: Date): Source['cache'] {
  const { headers } = outcome;
  const lastModified = believable(headers.lastModified, headers.date, now);
  // A new document's validators are the only ones that describe it; a 304 without them leaves the stored ones be.
  const fresh =
    outcome.status === 'modified'
      ? {
          etag: headers.etag,
          lastModified,
          bodySha256: outcome.bodySha256,
          ttlMinutes: validTtl(outcome.ttlMinutes),
        }
      : {
          etag: headers.etag ?? source.cache.etag,
          lastModified: lastModified ?? source.cache.lastModified,
          bodySha256: source.cache.bodySha256,
          ttlMinutes: source.cache.ttlMinutes,
        };
  const lastUnconditionalAt = isConditional(outcome.request) ? source.cache.lastUnconditionalAt : now.toISOString();
  return withoutUndefined({ ...fresh, lastUnconditionalAt });
}

/** A Last-Modified no later than the answer's Date (or, without one, our clock): a date to come is a lie. */
function believable(lastModified: string | undefined, date: string | undefined, now: Date): string | undefined {
  if (lastModified === undefined) return undefined;
  const modified = parseHttpDate(lastModified, now);
  const serverNow = (date === undefined ? undefined : parseHttpDate(date, now)) ?? now;
  return modified !== undefined && modified.getTime() <= serverNow.getTime() ? lastModified : undefined;
}

/** A ttl that is a duration: a finite number of minutes above 0. */
function validTtl(ttlMinutes: number | undefined): number | undefined {
  return Number.isFinite(ttlMinutes) && ttlMinutes! > 0 ? ttlMinutes : undefined;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** How long after a successful poll the next one is due. */
export function successDelayMs(headers: CachingHeaders, ttlMinutes: number | undefined, now: Date): number {
  const serverNow = headers.date === undefined ? undefined : parseHttpDate(headers.date, now);
  const asked = [
    SOURCE_INTERVAL_MINUTES * MINUTE_MS,
    (validTtl(ttlMinutes) ?? 0) * MINUTE_MS,
    (maxAgeSeconds(headers.cacheControl) ?? 0) * 1000,
    expiresInSeconds(headers.expires, serverNow ?? now, now) * 1000,
    retryAfterSeconds(headers.retryAfter, serverNow ?? now, now) * 1000,
  ];
  return Math.min(Math.max(...asked), MAX_INTERVAL_MS);
}

/**
 * How long after the `failures`-th failed poll in a row the next one is due: twice SOURCE_INTERVAL_MINUTES for the
 * first, doubling with each, or as long as the server's Retry-After asks when that is longer; at most
 * MAX_POLL_INTERVAL_HOURS.
 */
export function failureDelayMs(failures: number, retryAfter: string | undefined, now: Date): number {
  // However many failures, the cap holds: 2 ** 1024 and beyond is Infinity, which Math.min takes too.
  const backOff = SOURCE_INTERVAL_MINUTES * MINUTE_MS * 2 ** failures;
  return Math.min(Math.max(backOff, retryAfterSeconds(retryAfter, now, now) * 1000), MAX_INTERVAL_MS);
}

function failedPoll(source: Source, error: unknown, now: Date): Source {
  const at = now.toISOString();
  const failures = source.consecutiveFailures + 1;
  const gone = error instanceof WebFetchError && error.reason === 'http_status' && error.status === 410;
  const lastError = gone ? GONE : editorMessage(error);
  const { nextPollAt: _dropped, ...rest } = source;
  const retryAfter = error instanceof WebFetchError ? error.retryAfter : undefined;
  return {
    ...rest,
    state: gone ? 'disabled' : failures >= FAILING_AFTER ? 'failing' : source.state,
    lastPolledAt: at,
    ...(gone ? {} : { nextPollAt: new Date(now.getTime() + failureDelayMs(failures, retryAfter, now)).toISOString() }),
    consecutiveFailures: failures,
    lastError,
    lastPoll: { at, status: 'failed', items: 0, created: 0, duplicates: 0, skipped: 0, error: lastError },
  };
}

const GONE =
  'The feed is gone: its server answered 410 Gone, so it is polled no more. Set the source active again to retry.';
const UNEXPECTED = 'The poll failed on our side (an unexpected error); it will be tried again.';

/**
 * Why a poll failed, for an editor: the message of a WebFetchError or FeedUnreadableError (written for an editor),
 * on one line, at most MAX_ERROR_LENGTH characters, any IP address in it replaced by "an address"; for anything
 * else, general words (an unexpected error's message and stack are for the logs, not for a page).
 */
export function editorMessage(error: unknown): string {
  if (!(error instanceof WebFetchError || error instanceof FeedUnreadableError)) return UNEXPECTED;
  const line = withoutAddresses(error.message).replace(/\s+/gu, ' ').trim();
  if (line === '') return UNEXPECTED;
  return line.length <= MAX_ERROR_LENGTH ? line : `${line.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}

/**
 * Candidates for an address, each checked by ipaddr.js: for IPv6, hex digits and colons (dots after the first colon,
 * for an IPv4-mapped one; a zone after % is an interface's name, no address, and stays), for IPv4, numbers joined
 * by dots.
 */
const IPV6_CANDIDATE = /[\da-f]*:[\da-f:.]*/giu;
const IPV4_CANDIDATE = /\d+(?:\.\d+)+/gu;

function withoutAddresses(message: string): string {
  return message
    .replace(IPV6_CANDIDATE, (run) => (ipaddr.IPv6.isValid(run) ? 'an address' : run))
    .replace(IPV4_CANDIDATE, (run) => (ipaddr.IPv4.isValidFourPartDecimal(run) ? 'an address' : run));
}

/** Cache-Control's max-age, in seconds (`max-age=3600`, `max-age="3600"`); undefined without one. */
export function maxAgeSeconds(cacheControl: string | undefined): number | undefined {
  // Stryker disable next-line StringLiteral: any stand-in for "no header" without a max-age does the same
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?\s*(?:,|$)/iu.exec(cacheControl ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** Seconds until Expires, read against the answer's Date (`serverNow`); 0 when past, absent or unreadable. */
export function expiresInSeconds(expires: string | undefined, serverNow: Date, now: Date): number {
  const at = expires === undefined ? undefined : parseHttpDate(expires, now);
  return at === undefined ? 0 : Math.max(0, (at.getTime() - serverNow.getTime()) / 1000);
}

/**
 * Seconds a Retry-After asks us to wait: a number of seconds, or an HTTP date read against the answer's Date
 * (`serverNow`); 0 when absent, past or unreadable.
 */
export function retryAfterSeconds(retryAfter: string | undefined, serverNow: Date, now: Date): number {
  if (retryAfter === undefined) return 0;
  const value = retryAfter.trim();
  if (/^\d+$/u.test(value)) return Number(value);
  return expiresInSeconds(value, serverNow, now);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** IMF-fixdate, what servers send: `Sun, 06 Nov 1994 08:49:37 GMT`. */
const IMF_FIXDATE = /^[A-Z][a-z]{2}, (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/u;
/** The obsolete RFC 850 form: `Sunday, 06-Nov-94 08:49:37 GMT`. */
const RFC_850_DATE = /^[A-Z][a-z]+, (\d{2})-([A-Z][a-z]{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) GMT$/u;
/** The obsolete asctime form: `Sun Nov  6 08:49:37 1994`. */
const ASCTIME_DATE = /^[A-Z][a-z]{2} ([A-Z][a-z]{2}) ([ \d]\d) (\d{2}):(\d{2}):(\d{2}) (\d{4})$/u;

/**
 * An HTTP date (RFC 9110 §5.6.7) in any of its three forms, always in GMT; undefined for anything else, a day the
 * calendar lacks included. RFC 850's two-digit year is the latest year with those digits not more than 50 years
 * after `now`, as the RFC asks.
 */
export function parseHttpDate(text: string, now: Date): Date | undefined {
  const value = text.trim();
  const imf = IMF_FIXDATE.exec(value);
  if (imf) return utcDate(Number(imf[3]), imf[2]!, imf[1]!, imf[4]!, imf[5]!, imf[6]!);
  const rfc850 = RFC_850_DATE.exec(value);
  if (rfc850) {
    const latest = now.getUTCFullYear() + 50;
    const year = latest - ((latest - Number(rfc850[3])) % 100);
    return utcDate(year, rfc850[2]!, rfc850[1]!, rfc850[4]!, rfc850[5]!, rfc850[6]!);
  }
  const asctime = ASCTIME_DATE.exec(value);
  if (asctime) return utcDate(Number(asctime[6]), asctime[1]!, asctime[2]!, asctime[3]!, asctime[4]!, asctime[5]!);
  return undefined;
}

function utcDate(year: number, monthName: string, day: string, hour: string, minute: string, second: string) {
  const month = MONTHS.indexOf(monthName);
  const parts = [year, month, Number(day), Number(hour), Number(minute), Number(second)] as const;
  const date = new Date(Date.UTC(...parts));
  // Date.UTC rolls 31 Feb over into March and 25:00 into the next day: a date that moved was no date.
  const read = [
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  ];
  // An unknown month is -1, which Date.UTC reads as the December before: it moved too.
  return read.every((part, index) => part === parts[index]) ? date : undefined;
}
