// Adapter: the one definition of the deliver function's work queues — readers' turns and subscribe requests, each
// with its dead-letter queue — and of the timings of a turn, used by the CDK stack and by the local stack alike.
import { MAX_RECEIVES } from '../core/domain/work-queue-messages';

export const workQueue = {
  /** The core's retry policy: a message goes to the dead-letter queue after this many receives. */
  maxReceiveCount: MAX_RECEIVES,
  /** Readers per SQS message batch the deliver function gets: SendMessageBatch's limit too. */
  batchSize: 10,
  /** Dead-lettered turns are kept for two weeks, SQS's maximum, for an operator to look at. */
  deadLetterRetentionSeconds: 14 * 24 * 3_600,
  /**
   * The deliver function's timeout in Lambda, and the deliver step's locally unless MUJAZ_DELIVERY_TIMEOUT_SECONDS
   * says otherwise: the longest one attempt at a batch of turns may run. The other timings follow from it.
   */
  deliverTimeoutSeconds: 60,
} as const;

/**
 * How long a received message stays hidden before SQS hands it out again. AWS asks for six times the consuming
 * function's timeout; the local stack uses a few seconds, so that retries in tests do not wait minutes.
 */
export function visibilityTimeoutSeconds(functionTimeoutSeconds: number): number {
  return functionTimeoutSeconds * 6;
}

/**
 * How old a reader's claim (taken just before the call to SES, cleared when the outcome is recorded) must be for a
 * turn that finds it to take its attempt for dead and record the outcome as unknown. Keep
 *   deliver timeout ≤ stale age: an attempt runs at most the timeout from before its claim, so a claim younger than
 *     that may belong to an attempt still sending, and calling it dead would let a second copy go out;
 *   stale age ≤ visibility timeout − deliver timeout: a turn whose attempt died comes back a visibility timeout after
 *     its receive, at most a deliver timeout before its claim, so it finds the claim stale at once and records it,
 *     rather than being deferred receive after receive into the dead-letter queue with its reader never settled.
 * The deliver timeout itself is the least that is safe.
 */
export function staleClaimMs(deliverTimeoutSeconds: number): number {
  return deliverTimeoutSeconds * 1_000;
}
