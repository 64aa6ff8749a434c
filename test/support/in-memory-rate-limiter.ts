// Test double: RateLimiter counting per client per clock minute, as the DynamoDB adapter does.
import type { RateLimiter, RateVerdict } from '../../lambdas/core/ports/rate-limiter';

export class InMemoryRateLimiter implements RateLimiter {
  readonly counts = new Map<string, number>();

  async take(client: string, perMinute: number, now: Date): Promise<RateVerdict> {
    const seconds = Math.floor(now.getTime() / 1000);
    const windowStart = seconds - (seconds % 60);
    const key = `${client}@${windowStart}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return count <= perMinute ? { allowed: true } : { allowed: false, retryAfterSeconds: windowStart + 60 - seconds };
  }
}
