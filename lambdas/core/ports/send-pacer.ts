// Core port: the one allowance of messages per second that every sender shares (SES's account rate).
import type { SendKind } from '../domain/pacing';

export interface SendPacer {
  /** Resolves when one more message of this kind may go without passing the rate. */
  acquire(kind: SendKind): Promise<void>;
  /** SES said to slow down: wait out the back-off for the n-th throttle in a row (0-based) before trying again. */
  backOff(attempt: number): Promise<void>;
}
