// Core port: the record of what became of each reader's copy of an edition, which makes every send safe to repeat,
// and the edition's tally of outcomes, kept in step with the records.
import type { CountChanges } from '../domain/console-counts';
import type {
  DeliveryClaim,
  DeliveryOutcome,
  DeliveryStatus,
  OutcomeCounts,
  RetriableOutcome,
} from '../domain/delivery';

/** A reader to send again: its copy ended in a retriable outcome, or a retry reopened it and may not have queued it. */
export interface RetryCandidate {
  /** The reader's address, as the delivery record holds it. */
  email: string;
  /** The outcome the copy ended in, or `requeued`: reopened by an earlier retry and not claimed since. */
  status: RetriableOutcome | 'requeued';
}

/** What the record of one reader's copy of one edition says: its state, when it ended, and why when it failed. */
export interface ReaderDelivery {
  /** The edition the copy belongs to. */
  editionId: string;
  /** Where the copy stands: sent, failed, unknown, skipped, or still sending or queued again. */
  status: DeliveryStatus;
  /** When the outcome was recorded (ISO); absent while the copy is being sent. */
  recordedAt?: string;
  /** Why the copy failed, was skipped or is unknown, as the send recorded it. */
  reason?: string;
}

/**
 * The one record per (edition, reader) that a send writes with a condition before SES is called and settles after:
 * what makes no reader get the same digest twice, whatever retries, crashes and duplicate turns happen.
 */
export interface DeliveryLedger {
  /**
   * Atomically claims the (edition, recipient) pair as `sending` — when nothing is recorded, or an operator asked
   * for it to be sent again; otherwise says what is recorded.
   */
  claim(editionId: string, email: string, at: Date): Promise<DeliveryClaim>;
  /**
   * Records how the attempt ended and counts it on the edition, both or neither; only a claim still `sending` (or
   * no record at all) takes an outcome: the first word stands. The console's counters move by `counts` in the same
   * write, so an outcome refused as not the first word counts nowhere.
   */
  record(editionId: string, email: string, outcome: DeliveryOutcome, at: Date, counts?: CountChanges): Promise<void>;
  /** Gives back a claim whose send was refused, so that the reader's next turn may try again. */
  release(editionId: string, email: string): Promise<void>;
  /** How many readers of the edition ended in each outcome. */
  counts(editionId: string): Promise<OutcomeCounts>;
  /** Readers of the edition whose copy ended in one of `outcomes`, and those reopened but not yet claimed. */
  withOutcome(editionId: string, outcomes: readonly RetriableOutcome[]): AsyncIterable<RetryCandidate>;
  /**
   * Moves the reader's recorded `outcome` to `requeued` (and off the tally) so that their next turn may claim it;
   * false when the record is no longer in that outcome.
   */
  reopen(editionId: string, email: string, outcome: RetriableOutcome): Promise<boolean>;
  /** The reader's record in each of `editionIds` that has one: one batched read of at most that many keys. */
  deliveriesTo(email: string, editionIds: readonly string[]): Promise<ReaderDelivery[]>;
}
