// Core port: the record of what was sent, which makes every send safe to repeat.
import type { DigestEdition } from '../domain/digest';

export interface DigestArchive {
  findEdition(id: string): Promise<DigestEdition | undefined>;
  /** Stores the edition unless one with its id exists, and returns the one that is stored. */
  saveEditionIfAbsent(edition: DigestEdition): Promise<DigestEdition>;
}

export interface DeliveryLedger {
  /** Atomically claims the (edition, recipient) pair; false when someone already claimed it. */
  claim(editionId: string, email: string, at: Date): Promise<boolean>;
  recordSent(editionId: string, email: string, messageId: string, at: Date): Promise<void>;
  /** Gives a claim back after a failed send so that a later run may try again. */
  release(editionId: string, email: string): Promise<void>;
}
