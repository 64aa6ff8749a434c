// Core layer: what can become of one reader's copy of an edition, and the two ways a send can fail.
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
 * How a message was refused. throttled: SES answered that we send too fast. answered: SES answered with another
 * error (a 4xx, a 5xx). unreached: the request never reached SES (no connection, a certificate not trusted).
 */
export type Refusal = 'throttled' | 'answered' | 'unreached';

/** The mailer's word that the message was not sent: trying again is safe. */
export class MailRefusedError extends Error {
  constructor(
    message: string,
    readonly refusal: Refusal = 'answered',
  ) {
    super(message);
    this.name = 'MailRefusedError';
  }

  /** SES said to slow down: the caller should back off before the next try. */
  get throttled(): boolean {
    return this.refusal === 'throttled';
  }

  /** SES got the call, and counts it against the account's rate whatever it answered. */
  get reachedSes(): boolean {
    return this.refusal !== 'unreached';
  }
}

/** The mailer's word that the message may or may not have been sent: trying again risks a duplicate. */
export class MailOutcomeUnknownError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MailOutcomeUnknownError';
  }
}

/**
 * A claim still `sending` after this long belongs to a run that died between claiming and recording (a Lambda
 * runs at most 15 minutes): whether SES got its call cannot be known any more.
 */
export const STALE_CLAIM_MS = 15 * 60_000;

/**
 * Whether a claim was left by an attempt that can no longer be running: one older than the longest an attempt
 * may run (the deliver function's timeout; the queue hands a turn out again only well after it).
 */
export function isStaleClaim(claimedAt: string | undefined, now: Date, staleAfterMs = STALE_CLAIM_MS): boolean {
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

/**
 * How long a refused reader's turn waits before the queue hands it out again, by how often it was received:
 * 2 s, 4 s, 8 s … at most 5 minutes — SES refusals (throttling, an outage) pass in seconds to minutes.
 */
export function retryDelaySeconds(receiveCount: number): number {
  return Math.min(300, 2 ** Math.max(1, receiveCount));
}

/** Where one reader's turn stands when it is received: how often, and whether it is the queue's last try. */
export interface DeliveryAttempt {
  /** 1 on the first receive. */
  receiveCount: number;
  /** After this attempt a refused reader is dead-lettered, not tried again. */
  final: boolean;
}
