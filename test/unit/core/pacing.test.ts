import { allowanceFor, confirmationReserve, throttleBackOffMs } from '../../../lambdas/core/domain/pacing';

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
