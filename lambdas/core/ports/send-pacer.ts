// Core port: the one allowance of messages per second that every sender shares (SES's account rate).
import type { PacerSlot, SendKind } from '../domain/pacing';

/** Keeps every sender together within the account's SES rate: a place a second for each message. */
export interface SendPacer {
  /** Resolves when one more message of this kind may go without passing the rate, with the place it took. */
  acquire(kind: SendKind): Promise<PacerSlot>;
  /**
   * The place was not used: the call never reached SES (or was never made), so another message may have it. A call
   * SES answered — a refusal, a throttle — keeps its place: SES counted it.
   */
  giveBack(slot: PacerSlot): Promise<void>;
  /** SES said to slow down: this sender waits out the back-off for its n-th throttle in a row (0-based). */
  backOff(attempt: number): Promise<void>;
}
