// Core port: the record of who was sent an edition, which makes every send safe to repeat.

export interface DeliveryLedger {
  /** Atomically claims the (edition, recipient) pair; false when someone already claimed it. */
  claim(editionId: string, email: string, at: Date): Promise<boolean>;
  recordSent(editionId: string, email: string, messageId: string, at: Date): Promise<void>;
  /** Gives a claim back after a failed send so that a later run may try again. */
  release(editionId: string, email: string): Promise<void>;
}
