// Core layer: what can become of one reader's copy of an edition, and the two ways a send can fail (the two
// errors are in errors.ts).
//
// SES has no idempotency key: once a request may have reached it, sending again risks a duplicate. So a failed
// send is one of two kinds. Refused: SES answered and did not take the message (throttling, a 4xx or 5xx), or
// the request never left — sending again is safe. Unknown: the request left and no answer came back (a timeout,
// a reset connection) — SES may have sent it, so the reader is recorded as `unknown` and never sent again
// automatically.

/**
 * sending: claimed, the call to SES made or about to be; sent: SES took it; unknown: SES may or may not have
 * taken it; failed: refused until the queue gave up (dead-lettered); skipped: the reader left (or was suppressed)
 * before their turn; requeued: an operator asked for it to be sent again, and it waits for its turn.
 */
export type DeliveryStatus = 'sending' | 'sent' | 'unknown' | 'failed' | 'skipped' | 'requeued';

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'unknown'; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'skipped'; reason: string };

/** What a claim found: this caller may send, or an attempt is already recorded (with when it was claimed). */
export type DeliveryClaim = { claimed: true } | { claimed: false; status: DeliveryStatus; claimedAt?: string };

/**
 * Whether a claim was left by an attempt that can no longer be running, so that whether SES got its call cannot be
 * known any more: one at least `staleAfterMs` old, which the composition derives from the longest an attempt may run
 * (the deliver function's timeout).
 */
export function isStaleClaim(claimedAt: string | undefined, now: Date, staleAfterMs: number): boolean {
  return claimedAt === undefined || now.getTime() - Date.parse(claimedAt) >= staleAfterMs;
}

/**
 * How long what became of one reader's copy is kept: far beyond any redelivery (SQS keeps a message 14 days at
 * most, so no turn can come back to an expired record and send again), long enough for retries and for answering
 * a reader who asks months later. The edition's counts (its tally) are kept for good.
 */
export const DELIVERY_RECORD_RETENTION_DAYS = 180;

/** One reader's turn to be sent an edition: what the send enqueues and the deliver step consumes. */
export interface DeliveryRequest {
  editionId: string;
  email: string;
}

/** Outcomes an edition counts: each reader's copy ends in exactly one of them (or is still pending). */
export type CountedOutcome = Exclude<DeliveryStatus, 'sending' | 'requeued'>;
export const COUNTED_OUTCOMES: readonly CountedOutcome[] = ['sent', 'failed', 'unknown', 'skipped'];

export type OutcomeCounts = Record<CountedOutcome, number>;

export function noOutcomes(): OutcomeCounts {
  return { sent: 0, failed: 0, unknown: 0, skipped: 0 };
}

/** Outcomes an operator may send again: dead-lettered readers, and (knowingly) those whose outcome is unknown. */
export type RetriableOutcome = Extract<CountedOutcome, 'failed' | 'unknown'>;

/** Where one reader's turn stands when it is received: how often, and whether it is the queue's last try. */
export interface DeliveryAttempt {
  /** 1 on the first receive. */
  receiveCount: number;
  /** After this attempt a refused reader is dead-lettered, not tried again. */
  final: boolean;
}
