// The one instant rule (RFC 3339's profile of ISO 8601), for every instant Mujaz reads from outside.
import * as z from 'zod';
import { INSTANT_RULE, isInstant, parseInstant, storedInstant } from '../../../lambdas/core/domain/instant';

describe('the instant rule', () => {
  it.each([
    ['UTC, as toISOString writes it', '2026-11-23T09:00:00.000Z', '2026-11-23T09:00:00.000Z'],
    ['UTC without a fraction', '2026-11-23T09:00:00Z', '2026-11-23T09:00:00.000Z'],
    ['an offset east of UTC', '2026-11-23T12:00:00+03:00', '2026-11-23T09:00:00.000Z'],
    ['an offset west of UTC, crossing midnight', '2026-11-22T23:30:00-09:30', '2026-11-23T09:00:00.000Z'],
    ['a fraction of any length', '2026-11-23T09:00:00.123456789Z', '2026-11-23T09:00:00.123Z'],
    ['29 February of a leap year', '2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
    ['31 of a long month', '2026-12-31T23:59:59Z', '2026-12-31T23:59:59.000Z'],
  ])('takes %s: %s', (_what, text, stored) => {
    expect(isInstant(text)).toBe(true);
    expect(parseInstant(text)?.toISOString()).toBe(stored);
    expect(storedInstant(text)).toBe(stored);
  });

  it.each([
    ['a day without a time (Date.parse reads it in UTC)', '2026-11-23'],
    ['a time without an offset (Date.parse reads it in the server’s zone)', '2026-11-23T09:00:00'],
    ['a time without seconds', '2026-11-23T09:00Z'],
    ['a day the calendar does not have (Date.parse makes it 1 March)', '2026-02-29T00:00:00Z'],
    ['31 April', '2026-04-31T00:00:00Z'],
    ['31 June', '2026-06-31T00:00:00Z'],
    ['31 September', '2026-09-31T00:00:00Z'],
    ['31 November', '2026-11-31T00:00:00Z'],
    ['hour 24', '2026-11-23T24:00:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['a space for the T', '2026-11-23 09:00:00Z'],
    ['a lower-case t and z', '2026-11-23t09:00:00z'],
    ['an offset without its colon', '2026-11-23T12:00:00+0300'],
    ['an offset of hours alone', '2026-11-23T12:00:00+03'],
    ['an expanded year', '+002026-11-23T09:00:00Z'],
    ['slashes', '2026/11/23 09:00:00'],
    ['a weekday', 'Tuesday'],
    ['a date as people write it', 'Mon, 23 Nov 2026 09:00:00 GMT'],
    ['spaces around it', ' 2026-11-23T09:00:00Z'],
    ['nothing', ''],
  ])('refuses %s: %j', (_what, text) => {
    expect(isInstant(text)).toBe(false);
    expect(parseInstant(text)).toBeUndefined();
    expect(storedInstant(text)).toBeUndefined();
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1_700_000_000_000, new Date(), ['2026-11-23T09:00:00Z']])
      expect(isInstant(value)).toBe(false);
  });

  it('says the rule with an example of each form', () => {
    expect(INSTANT_RULE).toContain('2026-11-23T09:00:00Z');
    expect(INSTANT_RULE).toContain('+03:00');
  });

  it("takes exactly what zod's iso.datetime({ offset: true }) takes, over every date and time shape", () => {
    const zod = z.iso.datetime({ offset: true });
    const dates = ['0000', '1900', '2000', '2024', '2026', '9999'].flatMap((year) =>
      ['00', '01', '02', '04', '12', '13'].flatMap((month) =>
        ['00', '01', '28', '29', '30', '31', '32'].map((day) => `${year}-${month}-${day}T12:00:00Z`),
      ),
    );
    const times = ['T', 't', ' '].flatMap((separator) =>
      ['00:00:00', '23:59:59', '24:00:00', '12:60:00', '12:00:60', '12:00', '1:00:00'].flatMap((time) =>
        ['', '.5', '.123456789', '.'].flatMap((fraction) =>
          ['Z', 'z', '+03:00', '-23:59', '+24:00', '+03:60', '+0300', '+03', ''].map(
            (zone) => `2028-02-29${separator}${time}${fraction}${zone}`,
          ),
        ),
      ),
    );
    const disagreements = [...dates, ...times].filter((text) => isInstant(text) !== zod.safeParse(text).success);
    expect(disagreements).toEqual([]);
    expect([...dates, ...times].filter((text) => isInstant(text)).length).toBeGreaterThan(50);
  });
});
