// Core use case: a feed polled for reports (find-due-sources.ts queues the due ones). A poll reads one source's feed —
// conditionally, so an unchanged feed costs one request — and takes each new entry up through the one intake entry
// point (ingestReport), claimed first so that two polls at once, or an entry whose guid or link changed, store it
// once. What the poll came to sets the source's next poll, its state and its validators (poll-schedule.ts).
import { InvalidInputError } from '../domain/errors';
import { examinedEntries, type KeyedEntry, reportFromEntry, wantsFullText } from '../domain/feed-entries';
import { METRIC_NAMES } from '../domain/metric-names';
import { isUnchanged, type PollCounts, type PollOutcome, pollRequest, sourceAfterPoll } from '../domain/poll-schedule';
import {
  PAGE_SLOT_LEASE_MS,
  PAGE_SLOT_WAIT_MS,
  pageSlotHost,
  pageSlotRetryDelayMs,
  REDIRECT_SLOT_WAIT_MS,
} from '../domain/requests-per-host';
import type { PollSummary, Source } from '../domain/source';
import type { HopPass } from '../domain/web-request';
import type { Clock } from '../ports/clock';
import type { FeedParser, ParsedFeed } from '../ports/feed-parser';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';
import type { PageHostSlots, PageSlotLease } from '../ports/page-host-slots';
import type { SourcePollQueue } from '../ports/source-poll-queue';
import type { SourceRepository } from '../ports/source-repository';
import type { WebFetcher, WebResponse } from '../ports/web-fetcher';
import { type IngestReportDeps, ingestReport } from './ingest-report';

export interface PollSourcesDeps {
  sources: SourceRepository;
  fetcher: WebFetcher;
  feeds: FeedParser;
  polls: SourcePollQueue;
  /** The one intake entry point's adapters: every entry becomes a report through ingestReport. */
  intake: IngestReportDeps;
  clock: Clock;
  metrics: Metrics;
  logger: Logger;
  /**
   * How old an entry's claim must be to belong to a poll that died (the poll function's timeout): a younger one
   * may belong to a poll still running, and taking it over could store the entry twice.
   */
  staleClaimMs: number;
  /** A page on another host than the feed's is fetched holding that host's page slot (requests-per-host.ts). */
  pageSlots: PageHostSlots;
  /** Resolves after this long: a poll waits so for a taken page slot, and for nothing else. */
  wait(milliseconds: number): Promise<void>;
}

/** Time a poll keeps in hand before taking up another entry: one page fetch (20 s) and its intake. */
export const ENTRY_TIME_RESERVE_MS = 30_000;

/**
 * Polls one source now. Nothing happens to a source that is gone, paused or disabled (undefined). A poll that
 * could not fetch or read the feed is a failed poll, recorded on the source (it backs off, and turns `failing`
 * after three in a row); a failure of our own storage is thrown, for the queue to try the poll again.
 * `deadline` (epoch ms): no entry is taken up without ENTRY_TIME_RESERVE_MS left; the entries left are the next
 * poll's, which is then due at once. `queued`: the source as read when the poll was queued — a poll of an
 * unchanged feed (most polls) then reads nothing: its write is refused if the source moved since, and re-applied.
 */
export async function pollSource(
  deps: PollSourcesDeps,
  sourceId: string,
  options: { deadline?: number; queued?: Source } = {},
): Promise<PollSummary | undefined> {
  const queued = options.queued?.id === sourceId ? options.queued : undefined;
  const read = queued ?? (await deps.sources.findById(sourceId));
  if (!isPolled(read)) return undefined;
  let source: Source = read;
  const now = deps.clock.now();
  const request = pollRequest(source, now);
  let outcome: PollOutcome;
  let cutShort = false;
  try {
    const response = await deps.fetcher.get({
      ...request,
      beforeRedirectHop: redirectHopPass(deps, source.url, undefined, options.deadline),
    });
    if (isUnchanged(source, response)) {
      outcome = { status: 'not-modified', request, headers: response.headers };
    } else if (response.status === 304) {
      // isUnchanged takes every 304: unreachable, but the types want the 200 past this point.
      outcome = { status: 'not-modified', request, headers: response.headers };
    } else {
      // A document with entries in it is worth a read: the queued source may have been deleted or paused since.
      const current = queued ? await deps.sources.findById(sourceId) : source;
      if (!isPolled(current)) return undefined;
      source = current;
      const feed = deps.feeds.parse(response.text, response.url);
      const taken = await takeUpEntries(deps, source, feed, options.deadline);
      cutShort = taken.cutShort;
      outcome = {
        status: 'modified',
        request,
        headers: response.headers,
        bodySha256: response.bodySha256,
        ...(feed.ttlMinutes !== undefined ? { ttlMinutes: feed.ttlMinutes } : {}),
        counts: taken.counts,
      };
    }
  } catch (error) {
    if (!isFeedFailure(error)) throw error;
    outcome = { status: 'failed', error };
  }
  const saved = await saveAfterPoll(deps, source, outcome, now, cutShort);
  deps.metrics.count(outcome.status === 'failed' ? METRIC_NAMES.sourcePollsFailed : METRIC_NAMES.sourcePolls);
  if (outcome.status === 'failed')
    deps.logger.warn('source poll failed', { sourceId, error: saved?.lastError ?? 'the source is gone' });
  return saved?.lastPoll;
}

/** Whether a poll is for the source: one that exists and is neither paused nor disabled. */
function isPolled(source: Source | undefined): source is Source {
  return source !== undefined && source.state !== 'paused' && source.state !== 'disabled';
}

/** A fetch or a feed that failed us: the source's trouble, recorded on it. Anything else is ours, and thrown. */
function isFeedFailure(error: unknown): boolean {
  return error instanceof Error && (error.name === 'WebFetchError' || error.name === 'FeedUnreadableError');
}

async function takeUpEntries(
  deps: PollSourcesDeps,
  source: Source,
  feed: ParsedFeed,
  deadline: number | undefined,
): Promise<{ counts: PollCounts; cutShort: boolean }> {
  // The first poll of a source (no document read yet) takes only the newest few: a feed's archive is no news.
  const firstPoll = source.cache.bodySha256 === undefined;
  const entries = examinedEntries(feed.entries, firstPoll);
  if (firstPoll) await rememberArchive(deps, source, feed, entries);
  // Most entries of a changed feed were seen at an earlier poll: recognised in a few batched reads, not claimed.
  const seen = await deps.sources.recognizeEntries(
    source.id,
    entries.map((keyed) => keyed.keys),
    staleBefore(deps),
  );
  const counts: PollCounts = { items: 0, created: 0, duplicates: 0, skipped: 0 };
  for (const [index, keyed] of entries.entries()) {
    if (deadline !== undefined && deps.clock.now().getTime() > deadline - ENTRY_TIME_RESERVE_MS)
      return { counts, cutShort: true };
    counts.items += 1;
    const outcome = seen[index] ? 'duplicates' : await takeUpEntry(deps, source, keyed, deadline);
    counts[outcome] += 1;
  }
  return { counts, cutShort: false };
}

/** Claims older than this belong to polls that died (see PollSourcesDeps.staleClaimMs). */
function staleBefore(deps: PollSourcesDeps): string {
  return new Date(deps.clock.now().getTime() - deps.staleClaimMs).toISOString();
}

/**
 * The entries a first poll examines but does not take (past the newest FIRST_POLL_ENTRIES, up to MAX_POLL_ENTRIES)
 * are remembered as seen, settled `archive`: else the next poll, which examines them all, would take the feed's
 * archive up as news. Not counted in the poll's items: nothing was examined of them but their keys.
 */
async function rememberArchive(
  deps: PollSourcesDeps,
  source: Source,
  feed: ParsedFeed,
  taken: readonly KeyedEntry[],
): Promise<void> {
  const takenKeys = new Set(taken.flatMap((keyed) => keyed.keys));
  const archive = examinedEntries(feed.entries, false).filter(({ keys }) => !keys.some((key) => takenKeys.has(key)));
  await deps.sources.rememberEntries(
    source.id,
    archive.map(({ keys }) => keys),
    { skipped: 'archive' },
  );
}

/** One entry: claimed, then stored as a report or skipped, and settled; the claim given back if storing failed. */
async function takeUpEntry(
  deps: PollSourcesDeps,
  source: Source,
  { entry, keys }: KeyedEntry,
  deadline: number | undefined,
): Promise<'created' | 'duplicates' | 'skipped'> {
  const claimed = await deps.sources.claimEntry(source.id, keys, deps.clock.now().toISOString(), staleBefore(deps));
  if (claimed === 'seen') return 'duplicates';
  try {
    const page = wantsFullText(source.fullText, entry)
      ? await articleOf(deps, source, entry.link!, deadline)
      : undefined;
    const made = reportFromEntry(entry, source, page);
    if (made.outcome === 'skipped') {
      await deps.sources.settleEntry(source.id, keys, { skipped: made.reason });
      return 'skipped';
    }
    const { report, created } = await ingestReport(deps.intake, made.submission, { textFrom: made.textFrom });
    await deps.sources.settleEntry(source.id, keys, { reportId: report.id });
    return created ? 'created' : 'duplicates';
  } catch (error) {
    // The core turned the entry away (a single sentence, binary data…): it would be every time, so it is settled.
    if (error instanceof InvalidInputError) {
      await deps.sources.settleEntry(source.id, keys, { skipped: 'rejected' });
      return 'skipped';
    }
    await deps.sources.releaseEntry(source.id, keys);
    throw error;
  }
}

/**
 * The article of an entry's page, or undefined when the page cannot be fetched or read: the feed's text serves. A
 * page on another host than the feed's is fetched holding that host's page slot; a slot that stays taken is a page
 * not had.
 */
async function articleOf(deps: PollSourcesDeps, source: Source, link: string, deadline: number | undefined) {
  const host = pageSlotHost(source.url, link);
  const lease = host === undefined ? undefined : await takePageSlot(deps, host, deadline);
  if (host !== undefined && lease === undefined) {
    deps.logger.info('page host busy: the feed text serves', { sourceId: source.id, host });
    return undefined;
  }
  let page: WebResponse;
  try {
    page = await deps.fetcher.get({
      url: link,
      expect: 'page',
      beforeRedirectHop: redirectHopPass(deps, source.url, host, deadline),
    });
  } catch (error) {
    if (!isFeedFailure(error)) throw error;
    return undefined;
  } finally {
    if (lease) await deps.pageSlots.release(lease);
  }
  return page.status === 200 ? deps.intake.extractor.extract(page.text, page.url) : undefined;
}

/**
 * What a redirect hop of a poll's request needs before it goes (the fetcher asks): nothing on the feed's own host
 * or on the host whose slot the request already holds; elsewhere that host's page slot, as a page there would —
 * waited for REDIRECT_SLOT_WAIT_MS at most, within the fetch's own time, else the hop is not made ('busy').
 */
function redirectHopPass(
  deps: PollSourcesDeps,
  feedUrl: string,
  heldHost: string | undefined,
  deadline: number | undefined,
): (url: string) => Promise<HopPass> {
  return async (url) => {
    const host = pageSlotHost(feedUrl, url);
    if (host === undefined || host === heldHost) return 'free';
    const lease = await takePageSlot(deps, host, deadline, REDIRECT_SLOT_WAIT_MS);
    return lease ? { release: () => deps.pageSlots.release(lease) } : 'busy';
  };
}

/**
 * `host`'s page slot, waited for while it is taken — at most `maxWaitMs`, and never into the time the entry
 * needs once its page is in (ENTRY_TIME_RESERVE_MS before the deadline) — or undefined.
 */
async function takePageSlot(
  deps: PollSourcesDeps,
  host: string,
  deadline: number | undefined,
  maxWaitMs = PAGE_SLOT_WAIT_MS,
): Promise<PageSlotLease | undefined> {
  const started = deps.clock.now().getTime();
  const giveUpAt = Math.min(started + maxWaitMs, (deadline ?? Number.POSITIVE_INFINITY) - ENTRY_TIME_RESERVE_MS);
  for (let attempt = 0; ; attempt += 1) {
    const now = deps.clock.now();
    const lease = await deps.pageSlots.take(host, now, new Date(now.getTime() + PAGE_SLOT_LEASE_MS));
    if (lease) return lease;
    const delay = pageSlotRetryDelayMs(attempt);
    if (deps.clock.now().getTime() + delay > giveUpAt) return undefined;
    await deps.wait(delay);
  }
}

/**
 * Applies the poll's outcome to the source: re-applied to the stored source when an operator's edit (or another
 * poll) wrote it meanwhile — the refused write brings it back — so neither change is lost. Undefined when the
 * source was deleted.
 */
async function saveAfterPoll(
  deps: PollSourcesDeps,
  read: Source,
  outcome: PollOutcome,
  now: Date,
  cutShort: boolean,
): Promise<Source | undefined> {
  // The source as the poll read it, most often still as stored; a refused write brings back the source as it is.
  for (let current = read; ; ) {
    let next = sourceAfterPoll(current, outcome, now);
    // Paused or disabled meanwhile: the poll changes nothing of it.
    if (next === current) return current;
    if (cutShort) {
      // Entries are left: the next poll must read this document again, unconditionally (no validators), and soon.
      // An empty hash matches no body, and is no first poll's undefined: the next poll examines all it may.
      const { lastUnconditionalAt, ttlMinutes } = next.cache;
      next = {
        ...next,
        nextPollAt: now.toISOString(),
        cache: {
          bodySha256: '',
          ...(lastUnconditionalAt ? { lastUnconditionalAt } : {}),
          ...(ttlMinutes ? { ttlMinutes } : {}),
        },
      };
    }
    const result = await deps.sources.save(next);
    if (result.status === 'saved') return next;
    if (result.status === 'missing') return undefined;
    current = result.current;
  }
}
