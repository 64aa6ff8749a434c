// Core port: counting requests per client over a sliding window (rate-window.ts), across every process that serves
// them.
import type { RateVerdict } from '../domain/rate-window';

export type { RateVerdict } from '../domain/rate-window';

/** How often one client may ask: shared by every process that serves it (one DynamoDB item per client). */
export interface RateLimiter {
  /**
   * Admits one request of `client` at `now` if fewer than `perMinute` of its requests were admitted in the minute
   * before it; refused ones are not counted.
   */
  take(client: string, perMinute: number, now: Date): Promise<RateVerdict>;
}
