// Core port: the record of what became of each reader's copy of an edition, which makes every send safe to repeat.
import type { DeliveryClaim, DeliveryOutcome } from '../domain/delivery';

export interface DeliveryLedger {
  /** Atomically claims the (edition, recipient) pair as `sending`; otherwise says what is recorded. */
  claim(editionId: string, email: string, at: Date): Promise<DeliveryClaim>;
  /** Records how the attempt ended; only a claim still `sending` (or no record at all) takes an outcome. */
  record(editionId: string, email: string, outcome: DeliveryOutcome, at: Date): Promise<void>;
  /** Gives back a claim whose send was refused, so that a later run may try again. */
  release(editionId: string, email: string): Promise<void>;
}
