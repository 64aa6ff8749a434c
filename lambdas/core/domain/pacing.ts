// Core layer: how fast we may send. SES has an account-wide rate (messages per second); every sender — each
// deliver invocation, each confirmation — takes from the same per-second allowance, and a big send leaves room
// for confirmations, so that a reader who subscribes during it still gets their link at once.

export type SendKind = 'digest' | 'confirmation';

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

/** How long to wait after SES said to slow down, on the n-th throttle in a row (0-based): 1 s, 2 s, 4 s … 30 s. */
export function throttleBackOffMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt));
}
