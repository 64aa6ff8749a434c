// Test double: a Clock that stands still until the test moves it.
import type { Clock } from '../../lambdas/core/ports/clock';

export class FixedClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-11-24T09:00:00.000Z') {
    this.current = FixedClock.toMillis(start);
  }

  /** A fresh Date each call, so callers cannot move the clock by mutating it. */
  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date | string): this {
    this.current = FixedClock.toMillis(instant);
    return this;
  }

  advance(milliseconds: number): this {
    this.current += milliseconds;
    return this;
  }

  private static toMillis(instant: Date | string): number {
    const millis = new Date(instant).getTime();
    if (Number.isNaN(millis)) throw new Error(`FixedClock: not an instant: ${String(instant)}`);
    return millis;
  }
}
