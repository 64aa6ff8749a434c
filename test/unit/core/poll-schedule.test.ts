import { FeedUnreadableError, WebFetchError } from '../../../lambdas/core/domain/errors';
import {
  editorMessage,
  expiresInSeconds,
  FAILING_AFTER,
  failureDelayMs,
  isConditional,
  isUnchanged,
  MAX_POLL_INTERVAL_HOURS,
  maxAgeSeconds,
  type PollOutcome,
  parseHttpDate,
  pollRequest,
  retryAfterSeconds,
  SOURCE_INTERVAL_MINUTES,
  sourceAfterPoll,
  successDelayMs,
} from '../../../lambdas/core/domain/poll-schedule';
import type { Source } from '../../../lambdas/core/domain/source';
import { aSource as baseSource } from '../../support/sources';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const NOW = new Date('2026-03-01T12:00:00.000Z');
const NOW_HTTP = 'Sun, 01 Mar 2026 12:00:00 GMT';
const later = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

/** A source as a poll finds it: due now, with reports already. */
function aSource(fields: Partial<Source> = {}): Source {
  return baseSource({ nextPollAt: NOW.toISOString(), reportsCreated: 4, ...fields });
}

const UNCONDITIONAL = { url: 'https://example.com/feed.xml', expect: 'feed' } as const;
const CONDITIONAL = { ...UNCONDITIONAL, etag: '"v1"' };
const COUNTS = { items: 5, created: 3, duplicates: 1, skipped: 1 };
const ZERO = { items: 0, created: 0, duplicates: 0, skipped: 0 };

function modified(fields: Partial<Extract<PollOutcome, { status: 'modified' }>> = {}): PollOutcome {
  return { status: 'modified', request: UNCONDITIONAL, headers: {}, bodySha256: 'hash-2', counts: COUNTS, ...fields };
}

describe('pollRequest', () => {
  const cached = { etag: '"v1"', lastModified: 'Sat, 28 Feb 2026 10:00:00 GMT' };

  it("asks for the feed without validators on a source's first poll", () => {
    expect(pollRequest(aSource(), NOW)).toStrictEqual({ url: 'https://example.com/feed.xml', expect: 'feed' });
  });

  it('sends the stored ETag and Last-Modified while an unconditional poll was made in the last 24 hours', () => {
    const source = aSource({ cache: { ...cached, lastUnconditionalAt: later(-23 * HOUR) } });
    expect(pollRequest(source, NOW)).toStrictEqual({ ...UNCONDITIONAL, ...cached });
    const etagOnly = aSource({ cache: { etag: '"v1"', lastUnconditionalAt: later(-HOUR) } });
    expect(pollRequest(etagOnly, NOW)).toStrictEqual({ ...UNCONDITIONAL, etag: '"v1"' });
    const dateOnly = aSource({ cache: { lastModified: cached.lastModified, lastUnconditionalAt: later(-HOUR) } });
    expect(pollRequest(dateOnly, NOW)).toStrictEqual({ ...UNCONDITIONAL, lastModified: cached.lastModified });
  });

  it('drops them once a day, so that a server whose Last-Modified lies cannot keep answering 304', () => {
    const lastChecked = (ago: number) => aSource({ cache: { ...cached, lastUnconditionalAt: later(-ago) } });
    expect(isConditional(pollRequest(lastChecked(MAX_POLL_INTERVAL_HOURS * HOUR - 1), NOW))).toBe(true);
    expect(pollRequest(lastChecked(MAX_POLL_INTERVAL_HOURS * HOUR), NOW)).toStrictEqual(UNCONDITIONAL);
    expect(pollRequest(aSource({ cache: cached }), NOW)).toStrictEqual(UNCONDITIONAL);
  });

  it('drops them while the operator has set ignoreCache', () => {
    const source = aSource({ ignoreCache: true, cache: { ...cached, lastUnconditionalAt: later(-HOUR) } });
    expect(pollRequest(source, NOW)).toStrictEqual(UNCONDITIONAL);
  });
});

describe('isConditional and isUnchanged', () => {
  it('calls a request with either validator conditional', () => {
    expect(isConditional(UNCONDITIONAL)).toBe(false);
    expect(isConditional({ ...UNCONDITIONAL, etag: 'x' })).toBe(true);
    expect(isConditional({ ...UNCONDITIONAL, lastModified: NOW_HTTP })).toBe(true);
  });

  it('takes a 304, or a 200 with the stored body hash, for not modified', () => {
    const source = aSource({ cache: { bodySha256: 'abc' } });
    expect(isUnchanged(source, { status: 304 })).toBe(true);
    expect(isUnchanged(source, { status: 200, bodySha256: 'abc' })).toBe(true);
    expect(isUnchanged(source, { status: 200, bodySha256: 'abd' })).toBe(false);
    expect(isUnchanged(aSource(), { status: 200, bodySha256: 'abc' })).toBe(false);
  });
});

describe('parseHttpDate', () => {
  it('reads the three forms of RFC 9110, in GMT', () => {
    const expected = Date.UTC(1994, 10, 6, 8, 49, 37);
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW)?.getTime()).toBe(expected);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)?.getTime()).toBe(expected);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)?.getTime()).toBe(expected);
    expect(parseHttpDate('Thu Dec 31 23:59:59 2026', NOW)?.getTime()).toBe(Date.UTC(2026, 11, 31, 23, 59, 59));
    expect(parseHttpDate('  Sun, 01 Mar 2026 12:00:00 GMT\t', NOW)?.getTime()).toBe(NOW.getTime());
  });

  it('reads a two-digit year as the latest with those digits at most 50 years ahead', () => {
    const year = (digits: string) => parseHttpDate(`Monday, 01-Jan-${digits} 00:00:00 GMT`, NOW)?.getUTCFullYear();
    expect(year('26')).toBe(2026);
    expect(year('76')).toBe(2076);
    expect(year('77')).toBe(1977);
    expect(year('00')).toBe(2000);
    expect(year('99')).toBe(1999);
  });

  it.each([
    ['a day February lacks', 'Sat, 29 Feb 2025 00:00:00 GMT'],
    ['the 31st of a 30-day month', 'Thu, 31 Apr 2026 00:00:00 GMT'],
    ['hour 24', 'Sun, 01 Mar 2026 24:00:00 GMT'],
    ['minute 60', 'Sun, 01 Mar 2026 12:60:00 GMT'],
    ['second 60', 'Sun, 01 Mar 2026 12:00:60 GMT'],
    ['an unknown month', 'Sun, 01 Foo 2026 12:00:00 GMT'],
    ['a month in capitals', 'Sun, 01 MAR 2026 12:00:00 GMT'],
    ['another zone', 'Sun, 01 Mar 2026 12:00:00 +0300'],
    ['no zone in the IMF form', 'Sun, 01 Mar 2026 12:00:00'],
    ['a one-digit day in the IMF form', 'Sun, 1 Mar 2026 12:00:00 GMT'],
    ['text after the date', 'Sun, 01 Mar 2026 12:00:00 GMT x'],
    ['text before the date', 'x Sun, 01 Mar 2026 12:00:00 GMT'],
    ['an RFC 850 date with a zone other than GMT', 'Sunday, 01-Mar-26 12:00:00 UTC'],
    ['an RFC 850 date with text after it', 'Sunday, 01-Mar-26 12:00:00 GMT x'],
    ['an RFC 850 date with text before it', 'x Sunday, 01-Mar-26 12:00:00 GMT'],
    ['an asctime date with text after it', 'Sun Mar  1 12:00:00 2026 x'],
    ['an asctime date with text before it', 'x Sun Mar  1 12:00:00 2026'],
    ['an asctime date of 31 February', 'Sun Feb 31 12:00:00 2026'],
    ['an ISO 8601 instant', '2026-03-01T12:00:00Z'],
    ['a number', '0'],
    ['nothing', ''],
  ])('reads no date in %s', (_name, text) => {
    expect(parseHttpDate(text, NOW)).toBeUndefined();
  });
});

describe('caching headers', () => {
  it.each([
    ['max-age=3600', 3600],
    ['public, max-age=600, must-revalidate', 600],
    ['no-transform,max-age=60', 60],
    ['MAX-AGE = "120" ', 120],
    ['max-age=0', 0],
  ])('reads max-age from Cache-Control %j', (header, seconds) => {
    expect(maxAgeSeconds(header)).toBe(seconds);
  });

  it.each([
    ['no header', undefined],
    ['no-cache', 'no-cache'],
    ['s-maxage', 's-maxage=600'],
    ['another directive ending in max-age', 'x-max-age=600'],
    ['a value that is no number', 'max-age=soon'],
    ['a number with more after it', 'max-age=60abc'],
    ['a negative number', 'max-age=-60'],
  ])('reads no max-age from %s', (_name, header) => {
    expect(maxAgeSeconds(header)).toBeUndefined();
  });

  it('reads Expires against the answer’s Date, not our clock', () => {
    const serverNow = new Date(NOW.getTime() - 2 * HOUR); // a server two hours behind
    expect(expiresInSeconds('Sun, 01 Mar 2026 13:00:00 GMT', serverNow, NOW)).toBe(3 * 3600);
    expect(expiresInSeconds('Sun, 01 Mar 2026 09:00:00 GMT', serverNow, NOW)).toBe(0);
    expect(expiresInSeconds('0', NOW, NOW)).toBe(0);
    expect(expiresInSeconds(undefined, NOW, NOW)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterSeconds('120', NOW, NOW)).toBe(120);
    expect(retryAfterSeconds(' 7200 ', NOW, NOW)).toBe(7200);
    expect(retryAfterSeconds('Sun, 01 Mar 2026 14:00:00 GMT', NOW, NOW)).toBe(7200);
    expect(retryAfterSeconds('Sun, 01 Mar 2026 14:00:00 GMT', new Date(NOW.getTime() + HOUR), NOW)).toBe(3600);
    expect(retryAfterSeconds('Sun, 01 Mar 2026 11:00:00 GMT', NOW, NOW)).toBe(0);
    expect(retryAfterSeconds('-5', NOW, NOW)).toBe(0);
    expect(retryAfterSeconds('1.5', NOW, NOW)).toBe(0);
    expect(retryAfterSeconds('soon', NOW, NOW)).toBe(0);
    expect(retryAfterSeconds(undefined, NOW, NOW)).toBe(0);
  });
});

describe('successDelayMs', () => {
  it(`waits ${SOURCE_INTERVAL_MINUTES} minutes when nothing asks for more`, () => {
    expect(successDelayMs({}, undefined, NOW)).toBe(SOURCE_INTERVAL_MINUTES * MINUTE);
    expect(successDelayMs({ cacheControl: 'max-age=60', expires: NOW_HTTP, date: NOW_HTTP }, 5, NOW)).toBe(HOUR);
  });

  it("waits the longest of the feed's ttl, max-age, Expires and Retry-After", () => {
    expect(successDelayMs({}, 180, NOW)).toBe(3 * HOUR);
    expect(successDelayMs({ cacheControl: 'max-age=7200' }, 90, NOW)).toBe(2 * HOUR);
    expect(successDelayMs({ expires: 'Sun, 01 Mar 2026 16:00:00 GMT', date: NOW_HTTP }, 90, NOW)).toBe(4 * HOUR);
    expect(successDelayMs({ retryAfter: '18000', cacheControl: 'max-age=7200' }, undefined, NOW)).toBe(5 * HOUR);
  });

  it("reads Expires and an HTTP-date Retry-After against the answer's Date, else against our clock", () => {
    const behind = 'Sun, 01 Mar 2026 10:00:00 GMT'; // the server's clock, two hours behind ours
    expect(successDelayMs({ expires: 'Sun, 01 Mar 2026 14:00:00 GMT', date: behind }, undefined, NOW)).toBe(4 * HOUR);
    expect(successDelayMs({ retryAfter: 'Sun, 01 Mar 2026 14:00:00 GMT', date: behind }, undefined, NOW)).toBe(
      4 * HOUR,
    );
    expect(successDelayMs({ expires: 'Sun, 01 Mar 2026 14:00:00 GMT' }, undefined, NOW)).toBe(2 * HOUR);
    expect(successDelayMs({ expires: 'Sun, 01 Mar 2026 14:00:00 GMT', date: 'garbled' }, undefined, NOW)).toBe(
      2 * HOUR,
    );
  });

  it(`never waits more than ${MAX_POLL_INTERVAL_HOURS} hours, nor takes a ttl that is no duration`, () => {
    expect(successDelayMs({ cacheControl: 'max-age=31536000' }, undefined, NOW)).toBe(24 * HOUR);
    expect(successDelayMs({}, 100_000, NOW)).toBe(24 * HOUR);
    expect(successDelayMs({ expires: 'Fri, 01 Mar 2041 12:00:00 GMT' }, undefined, NOW)).toBe(24 * HOUR);
    expect(successDelayMs({}, -600, NOW)).toBe(HOUR);
    expect(successDelayMs({}, Number.NaN, NOW)).toBe(HOUR);
  });
});

describe('failureDelayMs', () => {
  it('backs off twice as far for each failure in a row, up to 24 hours', () => {
    expect([1, 2, 3, 4, 5, 6, 2000].map((failures) => failureDelayMs(failures, undefined, NOW) / HOUR)).toStrictEqual([
      2, 4, 8, 16, 24, 24, 24,
    ]);
  });

  it('waits as long as a Retry-After asks when that is longer, within the same cap', () => {
    expect(failureDelayMs(1, '36000', NOW)).toBe(10 * HOUR);
    expect(failureDelayMs(1, 'Sun, 01 Mar 2026 17:00:00 GMT', NOW)).toBe(5 * HOUR);
    expect(failureDelayMs(3, '60', NOW)).toBe(8 * HOUR);
    expect(failureDelayMs(1, '604800', NOW)).toBe(24 * HOUR);
  });
});

describe('sourceAfterPoll after a success', () => {
  it('records a modified poll: its counts, the next poll, the validators and hash of what it read', () => {
    const source = aSource({ cache: { bodySha256: 'hash-1' } });
    const headers = { etag: '"v2"', lastModified: 'Sun, 01 Mar 2026 11:00:00 GMT', cacheControl: 'max-age=7200' };
    expect(sourceAfterPoll(source, modified({ headers, ttlMinutes: 30 }), NOW)).toStrictEqual({
      ...source,
      state: 'active',
      lastPolledAt: NOW.toISOString(),
      nextPollAt: later(2 * HOUR),
      consecutiveFailures: 0,
      lastPoll: { at: NOW.toISOString(), status: 'modified', ...COUNTS },
      reportsCreated: 7,
      cache: {
        etag: '"v2"',
        lastModified: headers.lastModified,
        bodySha256: 'hash-2',
        ttlMinutes: 30,
        lastUnconditionalAt: NOW.toISOString(),
      },
    });
  });

  it("takes the new document's ttl over the one stored from the last", () => {
    const source = aSource({ cache: { ttlMinutes: 180 } });
    const after = sourceAfterPoll(source, modified({ ttlMinutes: 120 }), NOW);
    expect(after.nextPollAt).toBe(later(2 * HOUR));
    expect(after.cache.ttlMinutes).toBe(120);
  });

  it('keeps the time of the last unconditional poll when this one sent validators', () => {
    const source = aSource({ cache: { etag: '"v1"', lastUnconditionalAt: later(-HOUR) } });
    const after = sourceAfterPoll(source, modified({ request: CONDITIONAL }), NOW);
    expect(after.cache.lastUnconditionalAt).toBe(later(-HOUR));
  });

  it('forgets validators and a ttl the new document no longer carries', () => {
    const source = aSource({ cache: { etag: '"v1"', lastModified: NOW_HTTP, ttlMinutes: 120, bodySha256: 'h' } });
    for (const ttlMinutes of [undefined, 0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      const after = sourceAfterPoll(source, modified({ ttlMinutes }), NOW);
      expect(after.cache).toStrictEqual({ bodySha256: 'hash-2', lastUnconditionalAt: NOW.toISOString() });
    }
    expect(sourceAfterPoll(source, modified({ ttlMinutes: 0.5 }), NOW).cache.ttlMinutes).toBe(0.5);
  });

  it('records a not-modified poll: nothing examined, a new ETag taken, the stored ones kept otherwise', () => {
    const cache = {
      etag: '"v1"',
      lastModified: 'Sat, 28 Feb 2026 10:00:00 GMT',
      bodySha256: 'hash-1',
      ttlMinutes: 180,
      lastUnconditionalAt: later(-HOUR),
    };
    const source = aSource({ cache, lastPoll: { at: later(-HOUR), status: 'modified', ...COUNTS } });
    const outcome: PollOutcome = { status: 'not-modified', request: CONDITIONAL, headers: { etag: '"v1b"' } };
    const after = sourceAfterPoll(source, outcome, NOW);
    expect(after.lastPoll).toStrictEqual({ at: NOW.toISOString(), status: 'not-modified', ...ZERO });
    expect(after.reportsCreated).toBe(4);
    expect(after.cache).toStrictEqual({ ...cache, etag: '"v1b"' });
    // The feed's ttl, read from the last document, still sets the next poll.
    expect(after.nextPollAt).toBe(later(3 * HOUR));
    const bare = sourceAfterPoll(source, { status: 'not-modified', request: CONDITIONAL, headers: {} }, NOW);
    expect(bare.cache).toStrictEqual(cache);
    const newDate = sourceAfterPoll(
      source,
      { status: 'not-modified', request: CONDITIONAL, headers: { lastModified: 'Sun, 01 Mar 2026 08:00:00 GMT' } },
      NOW,
    );
    expect(newDate.cache.lastModified).toBe('Sun, 01 Mar 2026 08:00:00 GMT');
  });

  it('counts an unconditional not-modified poll (a 200 with the same body) as the daily check', () => {
    const source = aSource({ cache: { bodySha256: 'hash-1', lastUnconditionalAt: later(-30 * HOUR) } });
    const after = sourceAfterPoll(source, { status: 'not-modified', request: UNCONDITIONAL, headers: {} }, NOW);
    expect(after.cache.lastUnconditionalAt).toBe(NOW.toISOString());
  });

  it("does not believe a Last-Modified later than the answer's Date (or, without one, our clock)", () => {
    const lie = { lastModified: 'Fri, 01 Mar 2041 00:00:00 GMT' };
    expect(sourceAfterPoll(aSource(), modified({ headers: lie }), NOW).cache.lastModified).toBeUndefined();
    const ahead = { lastModified: 'Sun, 01 Mar 2026 12:30:00 GMT', date: 'Sun, 01 Mar 2026 12:29:00 GMT' };
    expect(sourceAfterPoll(aSource(), modified({ headers: ahead }), NOW).cache.lastModified).toBeUndefined();
    const serverAhead = { lastModified: 'Sun, 01 Mar 2026 12:30:00 GMT', date: 'Sun, 01 Mar 2026 12:30:00 GMT' };
    expect(sourceAfterPoll(aSource(), modified({ headers: serverAhead }), NOW).cache.lastModified).toBe(
      serverAhead.lastModified,
    );
    expect(sourceAfterPoll(aSource(), modified({ headers: { lastModified: NOW_HTTP } }), NOW).cache.lastModified).toBe(
      NOW_HTTP,
    );
    const garbled = { lastModified: 'last Tuesday' };
    expect(sourceAfterPoll(aSource(), modified({ headers: garbled }), NOW).cache.lastModified).toBeUndefined();
    const stored = aSource({ cache: { lastModified: 'Sat, 28 Feb 2026 10:00:00 GMT' } });
    const notModified: PollOutcome = { status: 'not-modified', request: CONDITIONAL, headers: lie };
    expect(sourceAfterPoll(stored, notModified, NOW).cache.lastModified).toBe('Sat, 28 Feb 2026 10:00:00 GMT');
  });

  it('makes a failing source active again, its failures and last error cleared', () => {
    const failing = aSource({ state: 'failing', consecutiveFailures: 5, lastError: 'The server did not answer.' });
    const after = sourceAfterPoll(failing, modified(), NOW);
    expect(after.state).toBe('active');
    expect(after.consecutiveFailures).toBe(0);
    expect(after).not.toHaveProperty('lastError');
  });
});

describe('sourceAfterPoll after a failure', () => {
  const timeout = new WebFetchError('timeout', 'The server did not answer within 20 seconds.');

  it('counts the failure, backs off, and says why, leaving the cache and counts as they were', () => {
    const source = aSource({ cache: { etag: '"v1"', lastUnconditionalAt: later(-HOUR) } });
    const after = sourceAfterPoll(source, { status: 'failed', error: timeout }, NOW);
    expect(after).toStrictEqual({
      ...source,
      state: 'active',
      lastPolledAt: NOW.toISOString(),
      nextPollAt: later(2 * HOUR),
      consecutiveFailures: 1,
      lastError: 'The server did not answer within 20 seconds.',
      lastPoll: { at: NOW.toISOString(), status: 'failed', ...ZERO, error: timeout.message },
    });
  });

  it(`makes the source failing after ${FAILING_AFTER} failures in a row, backing off further each time`, () => {
    let source = aSource();
    const seen: [string, number][] = [];
    for (let poll = 1; poll <= 6; poll += 1) {
      source = sourceAfterPoll(source, { status: 'failed', error: timeout }, NOW);
      seen.push([source.state, (Date.parse(source.nextPollAt!) - NOW.getTime()) / HOUR]);
    }
    expect(seen).toStrictEqual([
      ['active', 2],
      ['active', 4],
      ['failing', 8],
      ['failing', 16],
      ['failing', 24],
      ['failing', 24],
    ]);
    expect(source.consecutiveFailures).toBe(6);
  });

  it('waits as long as the Retry-After of a 429 or 503 asks', () => {
    const busy = new WebFetchError('http_status', 'The server is busy (HTTP 503).', 503, '21600');
    expect(sourceAfterPoll(aSource(), { status: 'failed', error: busy }, NOW).nextPollAt).toBe(later(6 * HOUR));
  });

  it('disables a source whose server answers 410 Gone: nothing is due any more', () => {
    const gone = new WebFetchError('http_status', 'The server answered 410 Gone.', 410);
    const after = sourceAfterPoll(aSource(), { status: 'failed', error: gone }, NOW);
    expect(after.state).toBe('disabled');
    expect(after).not.toHaveProperty('nextPollAt');
    expect(after.lastError).toMatch(/^The feed is gone: its server answered 410 Gone/u);
    expect(after.lastPoll).toMatchObject({ status: 'failed', error: after.lastError });
    const notFound = new WebFetchError('http_status', 'The server answered 404 Not Found.', 404);
    expect(sourceAfterPoll(aSource(), { status: 'failed', error: notFound }, NOW).state).toBe('active');
    const otherReason = Object.assign(new WebFetchError('unreachable', 'No answer.'), { status: 410 });
    expect(sourceAfterPoll(aSource(), { status: 'failed', error: otherReason }, NOW).state).toBe('active');
  });

  it('tells an editor of an unexpected error in general words: no message, no stack', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'x') at 10.0.0.7");
    const after = sourceAfterPoll(aSource(), { status: 'failed', error: bug }, NOW);
    expect(after.lastError).toBe('The poll failed on our side (an unexpected error); it will be tried again.');
    for (const thrown of [undefined, null]) {
      const odd = sourceAfterPoll(aSource(), { status: 'failed', error: thrown }, NOW);
      expect(odd).toMatchObject({ lastError: after.lastError, nextPollAt: later(2 * HOUR) });
    }
  });
});

describe('sourceAfterPoll on a source the operator paused, or a server disabled', () => {
  it.each(['paused', 'disabled'] as const)('leaves a %s source as it is, whatever the late poll came to', (state) => {
    const { nextPollAt: _none, ...rest } = aSource();
    const source: Source = { ...rest, state };
    expect(sourceAfterPoll(source, modified(), NOW)).toBe(source);
    expect(sourceAfterPoll(source, { status: 'failed', error: new Error('x') }, NOW)).toBe(source);
  });
});

describe('editorMessage', () => {
  it("gives the fetcher's and the parser's messages, which are written for an editor", () => {
    expect(editorMessage(new WebFetchError('too_large', 'The feed is larger than 5 MB.'))).toBe(
      'The feed is larger than 5 MB.',
    );
    expect(editorMessage(new FeedUnreadableError('The document is no RSS, Atom or JSON Feed.'))).toBe(
      'The document is no RSS, Atom or JSON Feed.',
    );
  });

  it('names no IP address, in any spelling', () => {
    const message = (text: string) => editorMessage(new WebFetchError('refused_address', text));
    expect(message('Refused 10.0.0.7 and 169.254.169.254:80.')).toBe('Refused an address and an address:80.');
    expect(message('Refused [::1] and [::ffff:7f00:1].')).toBe('Refused [an address] and [an address].');
    expect(message('Refused ::ffff:127.0.0.1, fe80::1%eth0 and 2001:DB8::1')).toBe(
      'Refused an address, an address%eth0 and an address',
    );
    expect(message('Refused 0.0.0.0.')).toBe('Refused an address.');
    // Numbers with dots that are no IPv4 address stay: a version, a size.
    expect(message('Version 1.2.3.4.5, 256.1.1.1, 2.5 MB')).toBe('Version 1.2.3.4.5, 256.1.1.1, 2.5 MB');
    // Times, URLs and words with colons are no addresses.
    expect(message('At 10:30:00, https://example.com/feed: refused.')).toBe(
      'At 10:30:00, https://example.com/feed: refused.',
    );
  });

  it('keeps it to one line of at most 300 characters', () => {
    expect(editorMessage(new FeedUnreadableError('  Line one.\n  Line\ttwo.  '))).toBe('Line one. Line two.');
    const long = editorMessage(new FeedUnreadableError('x'.repeat(400)));
    expect(long).toHaveLength(300);
    expect(long.endsWith('x…')).toBe(true);
    expect(editorMessage(new FeedUnreadableError('y'.repeat(300)))).toBe('y'.repeat(300));
  });

  it('says something general for an empty message, or for anything but our two errors', () => {
    const general = 'The poll failed on our side (an unexpected error); it will be tried again.';
    expect(editorMessage(new FeedUnreadableError(' \n '))).toBe(general);
    expect(editorMessage(new Error('ECONNREFUSED 127.0.0.1:5432'))).toBe(general);
    expect(editorMessage('a string')).toBe(general);
    expect(editorMessage(undefined)).toBe(general);
  });
});
