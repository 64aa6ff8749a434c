// Core port: counting requests per client per minute, across every process that serves them.

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one request of `client` in the current minute; refused once more than `perMinute` came in it. */
  take(client: string, perMinute: number, now: Date): Promise<RateVerdict>;
}
