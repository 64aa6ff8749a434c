// The one instant rule (RFC 3339's profile of ISO 8601), for every instant Mujaz reads from outside.
import {
  INSTANT_RULE,
  instantSchema,
  isInstant,
  parseInstant,
  storedInstant,
} from '../../../lambdas/core/domain/instant';

describe('the instant rule', () => {
  it.each([
    ['UTC, as toISOString writes it', '2026-11-23T09:00:00.000Z', '2026-11-23T09:00:00.000Z'],
    ['UTC without a fraction', '2026-11-23T09:00:00Z', '2026-11-23T09:00:00.000Z'],
    ['an offset east of UTC', '2026-11-23T12:00:00+03:00', '2026-11-23T09:00:00.000Z'],
    ['an offset west of UTC, crossing midnight', '2026-11-22T23:30:00-09:30', '2026-11-23T09:00:00.000Z'],
    ['a fraction of any length', '2026-11-23T09:00:00.123456789Z', '2026-11-23T09:00:00.123Z'],
    ['29 February of a leap year', '2028-02-29T00:00:00Z', '2028-02-29T00:00:00.000Z'],
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

  it('says the rule, with an example of each form, when a schema refuses', () => {
    const result = instantSchema.safeParse('2026-11-23');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([INSTANT_RULE]);
    expect(INSTANT_RULE).toContain('2026-11-23T09:00:00Z');
    expect(INSTANT_RULE).toContain('+03:00');
  });
});
