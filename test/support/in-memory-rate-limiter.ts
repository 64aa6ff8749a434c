// Test double: RateLimiter over the same sliding window as the DynamoDB adapter (takeFromWindow), per client.
import { takeFromWindow } from '../../lambdas/core/domain/rate-window';
import type { RateLimiter, RateVerdict } from '../../lambdas/core/ports/rate-limiter';

export class InMemoryRateLimiter implements RateLimiter {
  private readonly registers = new Map<string, readonly number[]>();

  async take(client: string, perMinute: number, now: Date): Promise<RateVerdict> {
    const { verdict, register } = takeFromWindow(this.registers.get(client) ?? [], perMinute, now.getTime());
    this.registers.set(client, register);
    return verdict;
  }
}
