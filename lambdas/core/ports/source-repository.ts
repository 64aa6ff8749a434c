// Core port: where sources are kept, and which of their feeds' entries were seen.
import type { Source } from '../domain/source';

/** What became of an entry a poll took up: stored as a report, or skipped for a reason (`no_text`). */
export type EntrySettlement = { reportId: string } | { skipped: string };

/** What became of a write: made; refused, the source having moved since it was read (here as stored); or gone. */
export type SaveOutcome = { status: 'saved' } | { status: 'stale'; current: Source } | { status: 'missing' };

/** Sources, each unique by its feed's normalized URL, and the identity keys of every entry their polls took up. */
export interface SourceRepository {
  /**
   * Stores a new source unless one with the same `urlKey` (its normalized feed URL) exists: then nothing is
   * written and that one comes back, with created false.
   */
  create(source: Source, urlKey: string): Promise<{ source: Source; created: boolean }>;
  /** The source of this id, read consistently; undefined when there is none. */
  findById(id: string): Promise<Source | undefined>;
  /** Every source, in the order they were registered. */
  list(): Promise<Source[]>;
  /** Sources whose next poll is due at `now` (active and failing ones), the longest overdue first, at most `limit`. */
  listDue(now: string, limit: number): Promise<Source[]>;
  /**
   * Writes the source as given and bumps its revision, unless the stored one moved since it was read ('stale', with
   * the stored source, to re-apply the change to) or is gone ('missing': deleted meanwhile, nothing is written).
   */
  save(source: Source): Promise<SaveOutcome>;
  /** Deletes the source and what its polls remembered of entries; its reports stay. False when there was none. */
  delete(id: string, urlKey: string): Promise<boolean>;
  /**
   * Takes up an entry by all its identity keys at once. 'claimed': none of them was seen — the caller stores the
   * entry, then settles or releases the claim. 'seen': one was (the entry was stored, skipped, or is being taken up
   * by another poll); keys not yet known are then remembered as the settled entry's too, so a later change of
   * guid or link still finds it. A claim older than `staleBefore` belongs to a poll that died and is taken over.
   */
  claimEntry(sourceId: string, keys: readonly string[], now: string, staleBefore: string): Promise<'claimed' | 'seen'>;
  /**
   * Which of these entries (each given by all its identity keys) were seen — one of its keys settled, or claimed by
   * a poll still running (a claim older than `staleBefore` is not) — read in a few batched calls, before any claim:
   * most of a feed's entries are seen ones, and a refused claim costs more. As with claimEntry, a seen entry's keys
   * not yet known are remembered as the settled entry's. An entry not recognised is still to be claimed.
   */
  recognizeEntries(sourceId: string, entries: readonly (readonly string[])[], staleBefore: string): Promise<boolean[]>;
  /**
   * Remembers entries as settled without taking them up (a first poll's archive), in as few writes as fit; an entry
   * one of whose keys is known already is left as it was.
   */
  rememberEntries(
    sourceId: string,
    entries: readonly (readonly string[])[],
    settlement: EntrySettlement,
  ): Promise<void>;
  /** Records what became of a claimed entry: it is seen from now on. */
  settleEntry(sourceId: string, keys: readonly string[], settlement: EntrySettlement): Promise<void>;
  /** Gives a claim back (storing the entry failed): the next poll takes the entry up again. */
  releaseEntry(sourceId: string, keys: readonly string[]): Promise<void>;
}
