// Core layer: how fast we may send. SES has an account-wide rate (messages per second); every sender — each
// deliver invocation, each confirmation — takes from the same per-second allowance, and a big send leaves room
// for confirmations, so that a reader who subscribes during it still gets their link at once.

export type SendKind = 'digest' | 'confirmation';

/** The place one message took in the allowance: the second it was counted in. */
export interface PacerSlot {
  readonly second: number;
}

/** The share of each second that digests leave to confirmations: a tenth of the rate, at least one message. */
export function confirmationReserve(rate: number): number {
  return Math.max(1, Math.ceil(rate * 0.1));
}

/**
 * How many messages may have been sent in the current second for one more of this kind to go: confirmations
 * may use the whole rate, digests all but the reserve (and at least one, so that a rate of 1 still sends).
 */
export function allowanceFor(kind: SendKind, rate: number): number {
  const whole = Math.max(1, Math.floor(rate));
  return kind === 'confirmation' ? whole : Math.max(1, whole - confirmationReserve(whole));
}

/**
 * A second is cut into this many windows, and the allowance opens window by window: no burst at the start of a
 * second, so messages granted late in one second and arriving at SES in the next never push that one over.
 */
export const WINDOWS_PER_SECOND = 10;

/**
 * How many messages of the current second may have been sent, all kinds together, for one more of this kind to go
 * in window `window` (0-based): the window's share of the allowance, summed from the start of the second. The
 * reserve confirmations left unused is handed to digests over the second half of the second, so a big send uses
 * the whole rate while nobody subscribes, and a confirmation waits at most half a second.
 */
export function allowanceThrough(kind: SendKind, rate: number, window: number): number {
  const windows = Math.min(WINDOWS_PER_SECOND, Math.max(1, Math.floor(window) + 1));
  const whole = allowanceFor('confirmation', rate);
  const everything = Math.floor((windows * whole) / WINDOWS_PER_SECOND);
  if (kind === 'confirmation') return everything;
  const digests = allowanceFor('digest', rate);
  const half = WINDOWS_PER_SECOND / 2;
  const released = Math.floor(((whole - digests) * Math.max(0, windows - half)) / half);
  return Math.min(everything, Math.floor((windows * digests) / WINDOWS_PER_SECOND) + released);
}

/**
 * How long the sender of a throttled message waits before its next try, on the n-th throttle in a row (0-based):
 * 200 ms, 400 ms, 800 ms … 30 s. Only that sender waits: the shared allowance already keeps everyone within the
 * rate, so a throttle is SES's own hiccup (or a rate set above the account's quota), not a reason to stop the rest.
 */
export function throttleBackOffMs(attempt: number): number {
  return Math.min(30_000, 200 * 2 ** Math.max(0, attempt));
}
