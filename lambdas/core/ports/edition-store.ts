// Core port: editions and the reports each one took. Opening an edition is serialized: only one is ever not done.
import type { Edition, EditionEntry, EditionPeriod, FrozenEmail } from '../domain/edition';

export interface EditionStore {
  /** The edition opened last, whatever its state; undefined before the first. */
  latest(): Promise<Edition | undefined>;
  find(id: string): Promise<Edition | undefined>;
  /**
   * Opens `edition` (state composing) provided the latest edition is still `previousId` (undefined: none yet).
   * When another send opened one first, nothing is written and that one is returned, to be resumed.
   */
  open(edition: Edition, previousId: string | undefined): Promise<{ edition: Edition; opened: boolean }>;
  /** Freezes the rendered email and moves the edition from composing to sending; returns it as stored. */
  freeze(id: string, email: FrozenEmail): Promise<Edition>;
  finish(id: string, at: Date): Promise<void>;
  /** Notes a send that found no report, so that an operator can see the schedule ran. */
  recordEmptyRun(period: EditionPeriod, at: Date): Promise<void>;
}

export interface EditionReports {
  /** Reports that no edition took yet, received within the period, oldest first. */
  listUntaken(period: EditionPeriod): Promise<EditionEntry[]>;
  /** Puts the report into the edition unless another edition has it; true when this edition now has it. */
  take(entry: EditionEntry, editionId: string): Promise<boolean>;
  /** Every report the edition took, read consistently, oldest first. */
  listTaken(editionId: string): Promise<EditionEntry[]>;
}
