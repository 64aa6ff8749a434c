// Core port: editions and the reports each one took. Opening an edition is serialized: only one is ever unqueued.
import type {
  Edition,
  EditionEntry,
  EditionPeriod,
  EditionRetry,
  FanOutProgress,
  FrozenEmail,
  PublishedEdition,
  WaitingEntry,
} from '../domain/edition';

/** The editions: the pointer to the latest, each edition's state and frozen email, the empty runs. */
export interface EditionStore {
  /** The edition opened last, whatever its state; undefined before the first. */
  latest(): Promise<Edition | undefined>;
  /** The edition of this id in any state, read consistently; undefined when there is none. */
  find(id: string): Promise<Edition | undefined>;
  /** The edition's frozen email (never changes once frozen, so it may be cached); undefined before it is frozen. */
  frozenEmail(id: string): Promise<FrozenEmail | undefined>;
  /**
   * Opens `edition` (state composing) provided the latest edition is still `previousId` (undefined: none yet).
   * When another send opened one first, nothing is written and that one is returned, to be resumed.
   */
  open(edition: Edition, previousId: string | undefined): Promise<{ edition: Edition; opened: boolean }>;
  /** Up to `limit` frozen editions (sending or queued), newest first, without their emails: the archive. */
  published(limit: number): Promise<PublishedEdition[]>;
  /** Freezes the rendered email and moves the edition from composing to sending; returns it as stored. */
  freeze(id: string, email: FrozenEmail): Promise<Edition>;
  /**
   * Moves the fan-out from `from` (the cursor this run paged from) to `to`, counting the readers it queued; false
   * when another run moved it first (nothing is written: that run counted those readers).
   */
  advanceFanOut(id: string, from: string | undefined, to: FanOutProgress): Promise<boolean>;
  /** Keeps the retry as the edition's last one (replacing any before it). */
  recordRetry(id: string, retry: EditionRetry): Promise<void>;
  /** Every reader is queued: the edition leaves `sending`, and the next send opens a new one. */
  markQueued(id: string, at: Date): Promise<void>;
  /** Notes a send that found no report, so that an operator can see the schedule ran. */
  recordEmptyRun(period: EditionPeriod, at: Date): Promise<void>;
  /** When the last send that found no report ran (ISO); undefined if none ever did. */
  lastEmptyRunAt(): Promise<string | undefined>;
}

/** Which edition took which report: each report goes into one edition at most, whatever sends race. */
export interface EditionReports {
  /** Reports that no edition took yet, received within the period, held ones included (each says so), oldest first. */
  listUntaken(period: EditionPeriod): Promise<WaitingEntry[]>;
  /**
   * Puts the report into the edition, as the entry shows it (editionEntryOf), unless another edition has it or the
   * report was edited since the entry was read (its revision is no longer the entry's); true when this edition now
   * has it. Taking it again for the same edition is harmless.
   */
  take(entry: WaitingEntry, editionId: string): Promise<boolean>;
  /** Every report the edition took, read consistently, oldest first. */
  listTaken(editionId: string): Promise<EditionEntry[]>;
}
