// Core port: the one allowance of messages per second that every sender shares (SES's account rate).
import type { PacerSlot, SendKind } from '../domain/pacing';

export interface SendPacer {
  /** Resolves when one more message of this kind may go without passing the rate, with the place it took. */
  acquire(kind: SendKind): Promise<PacerSlot>;
  /** SES refused the message: it was not sent and used none of the rate, so another message may have its place. */
  giveBack(slot: PacerSlot): Promise<void>;
  /** SES said to slow down: this sender waits out the back-off for its n-th throttle in a row (0-based). */
  backOff(attempt: number): Promise<void>;
}
