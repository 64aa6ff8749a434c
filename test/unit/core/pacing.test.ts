import {
  allowanceFor,
  allowanceThrough,
  confirmationReserve,
  throttleBackOffMs,
} from '../../../lambdas/core/domain/pacing';

describe('allowanceFor', () => {
  it('lets confirmations use the whole second, and digests all but a tenth of it', () => {
    expect(allowanceFor('confirmation', 14)).toBe(14);
    expect(allowanceFor('digest', 14)).toBe(12); // a reserve of ceil(1.4) = 2
    expect(allowanceFor('confirmation', 200)).toBe(200);
    expect(allowanceFor('digest', 200)).toBe(180);
    expect(allowanceFor('digest', 10)).toBe(9);
    expect(allowanceFor('digest', 11)).toBe(9); // ceil(1.1) = 2
  });

  it('still sends at a rate of one, or below, and rounds a fractional rate down', () => {
    expect(allowanceFor('digest', 1)).toBe(1);
    expect(allowanceFor('confirmation', 1)).toBe(1);
    expect(allowanceFor('digest', 0.5)).toBe(1);
    expect(allowanceFor('confirmation', 14.9)).toBe(14);
    expect(allowanceFor('digest', 14.9)).toBe(12);
  });
});

const windowsOf = (kind: 'digest' | 'confirmation', rate: number) =>
  Array.from({ length: 10 }, (_, window) => allowanceThrough(kind, rate, window));

describe('allowanceThrough', () => {
  it('opens the allowance a tenth at a time through the second, for each kind', () => {
    const windows = Array.from({ length: 10 }, (_, window) => window);
    // Digests: nine a tenth, then the confirmations' unused reserve too, over the second half.
    expect(windows.map((window) => allowanceThrough('digest', 100, window))).toEqual([
      9, 18, 27, 36, 45, 56, 67, 78, 89, 100,
    ]);
    expect(windows.map((window) => allowanceThrough('confirmation', 100, window))).toEqual([
      10, 20, 30, 40, 50, 60, 70, 80, 90, 100,
    ]);
    expect(windows.map((window) => allowanceThrough('confirmation', 14, window))).toEqual([
      1, 2, 4, 5, 7, 8, 9, 11, 12, 14,
    ]);
  });

  it('lets a rate of one through in the last window only, and never more than the whole allowance', () => {
    expect([0, 8, 9, 10, 40].map((window) => allowanceThrough('digest', 1, window))).toEqual([0, 0, 1, 1, 1]);
    expect(allowanceThrough('digest', 100, -3)).toBe(9);
    expect(windowsOf('digest', 14)).toEqual([1, 2, 3, 4, 6, 7, 8, 10, 11, 14]);
  });

  it('always leaves confirmations room in the first half of the second, whatever digests took', () => {
    for (const rate of [1, 10, 14, 100, 200]) {
      for (let window = 0; window < 5; window += 1) {
        expect(allowanceThrough('confirmation', rate, window)).toBeGreaterThanOrEqual(
          allowanceThrough('digest', rate, window),
        );
      }
    }
    expect(allowanceThrough('confirmation', 100, 4) - allowanceThrough('digest', 100, 4)).toBe(5);
  });
});

describe('confirmationReserve', () => {
  it('is a tenth of the rate rounded up, and at least one message', () => {
    expect(confirmationReserve(1)).toBe(1);
    expect(confirmationReserve(10)).toBe(1);
    expect(confirmationReserve(11)).toBe(2);
    expect(confirmationReserve(100)).toBe(10);
  });
});

describe('throttleBackOffMs', () => {
  it('doubles from one second with each throttle in a row, up to thirty', () => {
    expect([0, 1, 2, 3, 7, 8, 9].map(throttleBackOffMs)).toEqual([200, 400, 800, 1_600, 25_600, 30_000, 30_000]);
    expect(throttleBackOffMs(-1)).toBe(200);
  });
});
