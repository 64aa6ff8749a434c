import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import { followingWeek, isoWeekOf, parseIsoWeek } from '../../../lambdas/core/domain/iso-week';

const at = (iso: string): Date => new Date(iso);

describe('isoWeekOf', () => {
  it('puts a Tuesday in late November in week 48 with its Monday and Sunday', () => {
    expect(isoWeekOf(at('2026-11-24T09:00:00Z'), 'UTC')).toEqual({
      id: '2026-W48',
      year: 2026,
      week: 48,
      firstDay: '2026-11-23',
      lastDay: '2026-11-29',
    });
  });

  it('gives 2026 a week 53 that holds 31 December 2026 and 1 January 2027', () => {
    const lastDay = isoWeekOf(at('2026-12-31T12:00:00Z'), 'UTC');
    const newYear = isoWeekOf(at('2027-01-01T12:00:00Z'), 'UTC');
    expect(lastDay.id).toBe('2026-W53');
    expect(newYear).toEqual(lastDay);
    expect(newYear).toMatchObject({ year: 2026, week: 53, firstDay: '2026-12-28', lastDay: '2027-01-03' });
  });

  it('puts 31 December 2020 and 3 January 2021 in 2020-W53, and 4 January 2021 in 2021-W01', () => {
    expect(isoWeekOf(at('2020-12-31T12:00:00Z'), 'UTC').id).toBe('2020-W53');
    expect(isoWeekOf(at('2021-01-03T12:00:00Z'), 'UTC').id).toBe('2020-W53');
    expect(isoWeekOf(at('2021-01-04T00:00:00Z'), 'UTC')).toMatchObject({
      id: '2021-W01',
      year: 2021,
      week: 1,
      firstDay: '2021-01-04',
    });
  });

  it('puts 29 December 2025 in 2026-W01 (the week holding 4 January)', () => {
    expect(isoWeekOf(at('2025-12-29T12:00:00Z'), 'UTC')).toMatchObject({
      id: '2026-W01',
      year: 2026,
      week: 1,
      firstDay: '2025-12-29',
      lastDay: '2026-01-04',
    });
  });

  it("takes the calendar day in the newsletter's time zone: Sunday 23:30 UTC is already Monday in Riyadh", () => {
    const instant = at('2026-11-22T23:30:00Z');
    expect(instant.getUTCDay()).toBe(0); // Sunday in UTC
    expect(isoWeekOf(instant, 'UTC').id).toBe('2026-W47');
    expect(isoWeekOf(instant, 'Asia/Riyadh')).toMatchObject({ id: '2026-W48', firstDay: '2026-11-23' });
  });

  it('moves the day backwards for zones west of UTC', () => {
    // Monday 02:00 UTC is still Sunday evening in New York.
    expect(isoWeekOf(at('2026-11-23T02:00:00Z'), 'UTC').id).toBe('2026-W48');
    expect(isoWeekOf(at('2026-11-23T02:00:00Z'), 'America/New_York').id).toBe('2026-W47');
  });

  it('rejects an unknown time zone', () => {
    expect(() => isoWeekOf(at('2026-11-24T09:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('parseIsoWeek', () => {
  it('round-trips every week of several years through isoWeekOf', () => {
    for (const year of [2020, 2021, 2025, 2026, 2027]) {
      const weeksInYear = isoWeekOf(at(`${year}-12-28T12:00:00Z`), 'UTC').week; // 28 December is always in the last week
      for (let week = 1; week <= weeksInYear; week += 1) {
        const id = `${year}-W${String(week).padStart(2, '0')}`;
        const parsed = parseIsoWeek(id);
        expect(parsed.id).toBe(id);
        expect(new Date(`${parsed.firstDay}T00:00:00Z`).getUTCDay()).toBe(1); // Monday
        expect(new Date(`${parsed.lastDay}T00:00:00Z`).getUTCDay()).toBe(0); // Sunday
        expect(isoWeekOf(at(`${parsed.firstDay}T00:00:00Z`), 'UTC')).toEqual(parsed);
        expect(isoWeekOf(at(`${parsed.lastDay}T23:59:59Z`), 'UTC')).toEqual(parsed);
      }
    }
  });

  it('knows that 2020 and 2026 have 53 weeks and 2025 has 52', () => {
    expect(parseIsoWeek('2020-W53').firstDay).toBe('2020-12-28');
    expect(parseIsoWeek('2026-W53').lastDay).toBe('2027-01-03');
    expect(isoWeekOf(at('2025-12-28T12:00:00Z'), 'UTC').id).toBe('2025-W52');
  });

  it.each([
    ['2026-48', 'expected YYYY-Www'],
    ['2026-W4', 'expected YYYY-Www'],
    ['W48-2026', 'expected YYYY-Www'],
    ['', 'expected YYYY-Www'],
    ['2026-W54', 'no such week'],
    ['2025-W53', 'no such week'],
    ['2026-W00', 'no such week'],
    ['2026-W99', 'no such week'],
  ])('rejects %j with an InvalidInputError on the week field (%s)', (id, message) => {
    let caught: unknown;
    try {
      parseIsoWeek(id);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect((caught as InvalidInputError).problems).toEqual([{ field: 'week', message }]);
  });

  it.each([
    ['2026-48', '"2026-48" is not an ISO week; expected the form 2026-W48.'],
    ['2026-W54', '2026-W54 does not exist: 2026 has no week 54.'],
    ['2025-W53', '2025-W53 does not exist: 2025 has no week 53.'],
  ])('tells the caller why %j is refused', (id, message) => {
    expect(() => parseIsoWeek(id)).toThrow(new InvalidInputError(message));
  });
});

describe('followingWeek', () => {
  it('steps to the next week, across a year with 53 weeks', () => {
    expect(followingWeek(parseIsoWeek('2026-W48')).id).toBe('2026-W49');
    expect(followingWeek(parseIsoWeek('2020-W52')).id).toBe('2020-W53');
    expect(followingWeek(parseIsoWeek('2020-W53')).id).toBe('2021-W01');
    expect(followingWeek(parseIsoWeek('2026-W53')).id).toBe('2027-W01');
  });
});
