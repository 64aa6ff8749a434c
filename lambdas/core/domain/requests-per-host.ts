// Core: how many requests Mujaz has in flight on one web host, across every poller at once — at most two.
//
// The poll queue's FIFO group is the feed's host (source-poll-messages.ts, pollGroup): the poll holding a host's
// group is the only one fetching its feed, and a poll makes its requests one after another, so that poll makes at
// most one request to the host at a time (its feed, then those of its entries' pages that live there). An entry's
// page may live on another host, one whose group another poll holds: such a fetch first takes that host's page slot,
// a lease shared by every poller (the PageHostSlots port), and gives it back when the page is in. Per host, then:
// one request of the poll holding its group, and one leased page fetch — MAX_REQUESTS_PER_HOST.
import { pollGroup } from './source-poll-messages';

/** Requests in flight on one host, across every poller: its group holder's one, and one page slot. */
export const MAX_REQUESTS_PER_HOST = 2;

/** Page fetches another poll may make on a host at once: what the group holder leaves of MAX_REQUESTS_PER_HOST. */
export const PAGE_SLOTS_PER_HOST = MAX_REQUESTS_PER_HOST - 1;

/**
 * How long a page slot is leased for: past the fetcher's whole-request limit (20 s, every hop and the body) with
 * room for the lease's own write and the pollers' clocks. A holder that dies leaves the slot taken no longer.
 */
export const PAGE_SLOT_LEASE_MS = 30_000;

/**
 * How long a poll waits at most for a taken page slot: as long as the holder's fetch may run. A host that stays
 * taken past that is busy with other polls' pages; the entry is built from the feed's text, as when the page
 * cannot be had.
 */
export const PAGE_SLOT_WAIT_MS = 20_000;

/**
 * How long a redirect hop to another host waits at most for that host's slot: within the fetcher's 20 s for the
 * whole get, which the wait is part of.
 */
export const REDIRECT_SLOT_WAIT_MS = 5_000;

/**
 * The host whose page slot a fetch of `pageUrl` needs in the poll of `feedUrl`, as the poll queue names hosts; or
 * undefined when it needs none: the page is on the feed's own host (the poll holds that host's group), or its URL
 * names no host (the fetcher refuses it without a request).
 */
export function pageSlotHost(feedUrl: string, pageUrl: string): string | undefined {
  if (!URL.canParse(pageUrl)) return undefined;
  const host = pollGroup(pageUrl);
  return host === pollGroup(feedUrl) ? undefined : host;
}

/**
 * How long to wait before asking for a taken slot again, the `attempt`-th time (0-based): a fifth of a second,
 * doubling up to two seconds — most page fetches take well under one.
 */
export function pageSlotRetryDelayMs(attempt: number): number {
  return Math.min(200 * 2 ** attempt, 2_000);
}
