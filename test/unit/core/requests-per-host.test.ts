// The per-host rule: which page fetches need a host's page slot, how long a lease runs against the fetcher's own
// limit, and how a taken slot is asked for again.
import { DEFAULT_FETCH_LIMITS } from '../../../lambdas/adapters/undici-web-fetcher';
import {
  MAX_REQUESTS_PER_HOST,
  PAGE_SLOT_LEASE_MS,
  PAGE_SLOT_WAIT_MS,
  PAGE_SLOTS_PER_HOST,
  pageSlotHost,
  pageSlotRetryDelayMs,
} from '../../../lambdas/core/domain/requests-per-host';
import { pollGroup } from '../../../lambdas/core/domain/source-poll-messages';

it('allows two requests per host: the poll holding its group, and one leased page fetch', () => {
  expect(MAX_REQUESTS_PER_HOST).toBe(2);
  expect(PAGE_SLOTS_PER_HOST).toBe(1);
});

it.each([
  ['a page on the feed’s own host', 'https://news.example/feed.xml', 'https://news.example/2026/story', undefined],
  ['the same host spelled in capitals', 'https://news.example/feed.xml', 'https://NEWS.example/story', undefined],
  ['the same host by its default port', 'https://news.example/feed.xml', 'https://news.example:443/story', undefined],
  ['another host', 'https://news.example/feed.xml', 'https://cdn.example/story', 'cdn.example'],
  ['a subdomain, which is another host', 'https://news.example/feed', 'https://www.news.example/a', 'www.news.example'],
  ['another port of the same name', 'http://127.0.0.1:8080/feed', 'http://127.0.0.1:9090/a', '127.0.0.1:9090'],
  ['a link that is no URL (refused before any request)', 'https://news.example/feed', 'not a url', undefined],
])('%s', (_what, feedUrl, pageUrl, host) => {
  expect(pageSlotHost(feedUrl, pageUrl)).toBe(host);
});

it('names a host as the poll queue groups it, so that "own host" means the group the poll holds', () => {
  const page = 'https://Cdn.Example:8443/story';
  expect(pageSlotHost('https://news.example/feed', page)).toBe(pollGroup(page));
});

it('leases a slot for longer than the fetcher may take over one page, and waits about as long at most', () => {
  expect(PAGE_SLOT_LEASE_MS).toBeGreaterThanOrEqual(DEFAULT_FETCH_LIMITS.requestTimeoutMs + 5_000);
  expect(PAGE_SLOT_WAIT_MS).toBeGreaterThanOrEqual(DEFAULT_FETCH_LIMITS.requestTimeoutMs);
  expect(PAGE_SLOT_WAIT_MS).toBeLessThanOrEqual(25_000);
});

it('asks again after a fifth of a second, doubling up to two seconds', () => {
  expect([0, 1, 2, 3, 4, 10].map(pageSlotRetryDelayMs)).toEqual([200, 400, 800, 1_600, 2_000, 2_000]);
});
