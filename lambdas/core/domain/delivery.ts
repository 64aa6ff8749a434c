// Core layer: what can become of one reader's copy of an edition, and the two ways a send can fail.
//
// SES has no idempotency key: once a request may have reached it, sending again risks a duplicate. So a failed
// send is one of two kinds. Refused: SES answered and did not take the message (throttling, a 4xx or 5xx), or
// the request never left — sending again is safe. Unknown: the request left and no answer came back (a timeout,
// a reset connection) — SES may have sent it, so the reader is recorded as `unknown` and never sent again
// automatically.

/**
 * sending: claimed, the call to SES made or about to be; sent: SES took it; unknown: SES may or may not have
 * taken it; failed: refused until we gave up; skipped: the reader left (or was suppressed) before their turn.
 */
export type DeliveryStatus = 'sending' | 'sent' | 'unknown' | 'failed' | 'skipped';

export type DeliveryOutcome =
  | { status: 'sent'; messageId: string }
  | { status: 'unknown'; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'skipped'; reason: string };

/** What a claim found: this caller may send, or an attempt is already recorded (with when it was claimed). */
export type DeliveryClaim = { claimed: true } | { claimed: false; status: DeliveryStatus; claimedAt?: string };

/** The mailer's word that the message was not sent: trying again is safe. */
export class MailRefusedError extends Error {
  constructor(
    message: string,
    /** SES said to slow down: the caller should back off before the next try. */
    readonly throttled = false,
  ) {
    super(message);
    this.name = 'MailRefusedError';
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

export function isStaleClaim(claimedAt: string | undefined, now: Date): boolean {
  return claimedAt === undefined || now.getTime() - Date.parse(claimedAt) >= STALE_CLAIM_MS;
}

/** One reader's turn to be sent an edition: what the send enqueues and the deliver step consumes. */
export interface DeliveryRequest {
  editionId: string;
  email: string;
}
