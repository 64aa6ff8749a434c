// The per-client limit's rule: a sliding window over the last `limit` admitted requests, shared by the DynamoDB
// adapter and the in-memory fake.
import { NEVER_ADMITTED, retryAfterSeconds, takeFromWindow } from '../../../lambdas/core/domain/rate-window';

const MINUTE_TURNS = Date.UTC(2026, 11, 1, 12, 1, 0);

describe('takeFromWindow', () => {
  it('admits while the register has room, shifting the oldest out', () => {
    const first = takeFromWindow([], 2, MINUTE_TURNS);
    expect(first).toEqual({ verdict: { allowed: true }, register: [NEVER_ADMITTED, MINUTE_TURNS] });
    const second = takeFromWindow(first.register, 2, MINUTE_TURNS + 1);
    expect(second).toEqual({ verdict: { allowed: true }, register: [MINUTE_TURNS, MINUTE_TURNS + 1] });
  });

  it('refuses across a minute boundary what a calendar minute would have let through, leaving the register alone', () => {
    const register = [MINUTE_TURNS - 2_000, MINUTE_TURNS - 1_000];
    expect(takeFromWindow(register, 2, MINUTE_TURNS + 1_000)).toEqual({
      verdict: { allowed: false, retryAfterSeconds: 57 },
      register,
    });
  });

  it('admits again exactly 60 s after the oldest admitted request', () => {
    const register = [MINUTE_TURNS, MINUTE_TURNS + 5_000];
    expect(takeFromWindow(register, 2, MINUTE_TURNS + 59_999).verdict.allowed).toBe(false);
    expect(takeFromWindow(register, 2, MINUTE_TURNS + 60_000)).toEqual({
      verdict: { allowed: true },
      register: [MINUTE_TURNS + 5_000, MINUTE_TURNS + 60_000],
    });
  });

  it('reads only the newest `limit` slots when the limit was lowered, and pads when it was raised', () => {
    const register = [1, 2, MINUTE_TURNS - 1_000];
    expect(takeFromWindow(register, 1, MINUTE_TURNS).verdict).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect(takeFromWindow(register, 4, MINUTE_TURNS)).toEqual({
      verdict: { allowed: true },
      register: [1, 2, MINUTE_TURNS - 1_000, MINUTE_TURNS],
    });
  });
});

describe('retryAfterSeconds', () => {
  it('rounds up to whole seconds and never says 0', () => {
    expect(retryAfterSeconds(MINUTE_TURNS, MINUTE_TURNS + 30_500)).toBe(30);
    expect(retryAfterSeconds(MINUTE_TURNS, MINUTE_TURNS + 30_001)).toBe(30);
    expect(retryAfterSeconds(MINUTE_TURNS, MINUTE_TURNS + 29_999)).toBe(31);
    expect(retryAfterSeconds(MINUTE_TURNS, MINUTE_TURNS + 60_000)).toBe(1);
  });
});
