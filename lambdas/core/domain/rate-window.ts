// Core layer: how many requests one client may make — a sliding window. A request is admitted when fewer than
// `limit` requests were admitted in the 60 s before it, measured from the request itself, not from the start of a
// clock minute: a calendar minute lets a burst at its end and another at the start of the next through together
// (10 in 4 s at a limit of 5). What a limiter keeps per client is the time of each of its last `limit` admitted
// requests, oldest first — the register — and the oldest alone decides: if it left the window, so did every other
// slot the new request would need.

/** The window a limit counts over. */
export const RATE_WINDOW_MS = 60_000;

/**
 * The highest limit a client may be given: a subscribe form needs a few a minute (a large shared address a few
 * dozen), and the DynamoDB adapter keeps one attribute per slot, all shifted by one update expression (at most 4 KB).
 */
export const MAX_RATE_LIMIT = 100;

/** A slot of the register that never held an admitted request: older than any window. */
export const NEVER_ADMITTED = 0;

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Requests admitted at or before this instant no longer count against one made at `now` (epoch ms). */
export function windowOpenedAfter(now: number): number {
  return now - RATE_WINDOW_MS;
}

/** Whether a request at `now` may go, given the oldest of the last `limit` admitted requests (undefined: none). */
export function admits(oldestAdmitted: number | undefined, now: number): boolean {
  return oldestAdmitted === undefined || oldestAdmitted <= windowOpenedAfter(now);
}

/** Whole seconds until the oldest admitted request leaves the window and a slot opens (at least 1). */
export function retryAfterSeconds(oldestAdmitted: number, now: number): number {
  return Math.max(1, Math.ceil((oldestAdmitted + RATE_WINDOW_MS - now) / 1000));
}

/**
 * One request against a client's register (the times of its last admitted requests, oldest first; shorter while
 * fewer were ever admitted): refused while the slot it would take is still in the window, else admitted and the
 * register shifted — the oldest dropped, `now` appended. A refused request leaves the register as it was.
 */
export function takeFromWindow(
  register: readonly number[],
  limit: number,
  now: number,
): { verdict: RateVerdict; register: readonly number[] } {
  const slots = Array.from(
    { length: limit },
    (_, index) => register[register.length - limit + index] ?? NEVER_ADMITTED,
  );
  const oldest = slots[0]!;
  if (!admits(oldest, now))
    return { verdict: { allowed: false, retryAfterSeconds: retryAfterSeconds(oldest, now) }, register };
  return { verdict: { allowed: true }, register: [...slots.slice(1), now] };
}
