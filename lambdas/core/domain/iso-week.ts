// Core layer: the ISO-8601 week an instant falls in, as seen in a given time zone.
import { InvalidInputError } from './errors';

export interface IsoWeek {
  /** e.g. "2026-W48" */
  id: string;
  year: number;
  week: number;
  /** Monday and Sunday of the week as calendar dates (YYYY-MM-DD). */
  firstDay: string;
  lastDay: string;
}

const WEEK_ID = /^(\d{4})-W(\d{2})$/u;
const DAY_MS = 86_400_000;

export function isoWeekOf(instant: Date, timeZone: string): IsoWeek {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  // Stryker disable next-line OptionalChaining: formatToParts with year, month and day always gives those three parts
  const part = (type: string): number => Number(parts.find((candidate) => candidate.type === type)?.value);
  const localDate = Date.UTC(part('year'), part('month') - 1, part('day'));
  return weekContaining(localDate);
}

export function parseIsoWeek(id: string): IsoWeek {
  const match = WEEK_ID.exec(id);
  if (!match)
    throw new InvalidInputError(`"${id}" is not an ISO week; expected the form 2026-W48.`, [
      { field: 'week', message: 'expected YYYY-Www' },
    ]);
  const year = Number(match[1]);
  const week = Number(match[2]);
  // The week holding 4 January is week 1.
  const january4 = Date.UTC(year, 0, 4);
  // Stryker disable next-line ArithmeticOperator: weekContaining snaps 4 January (always week 1) to its Monday
  const mondayOfWeek1 = january4 - mondayBasedWeekday(january4) * DAY_MS;
  const monday = mondayOfWeek1 + (week - 1) * 7 * DAY_MS;
  const result = weekContaining(monday);
  // Stryker disable next-line ConditionalExpression: week 0 falls in the year before: the year check refuses it alike
  if (week < 1 || result.year !== year) {
    throw new InvalidInputError(`${id} does not exist: ${year} has no week ${week}.`, [
      { field: 'week', message: 'no such week' },
    ]);
  }
  return result;
}

/** The week after the given one. */
export function followingWeek(week: IsoWeek): IsoWeek {
  return weekContaining(Date.parse(`${week.firstDay}T00:00:00Z`) + 7 * DAY_MS);
}

function weekContaining(utcMidnight: number): IsoWeek {
  const monday = utcMidnight - mondayBasedWeekday(utcMidnight) * DAY_MS;
  const thursday = monday + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return {
    id: `${year}-W${String(week).padStart(2, '0')}`,
    year,
    week,
    firstDay: toDay(monday),
    lastDay: toDay(monday + 6 * DAY_MS),
  };
}

function mondayBasedWeekday(utcMidnight: number): number {
  return (new Date(utcMidnight).getUTCDay() + 6) % 7;
}

function toDay(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}
