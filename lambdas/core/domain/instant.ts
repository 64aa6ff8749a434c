// Core layer: an instant as Mujaz reads one from outside — a report's publishedAt, a send's period, an import's
// confirmed_at, a signing key's acceptUntil, the CLI's --from and --until. One rule for all of them, so that what
// one entry point takes another never refuses, and no text is read as a day it does not name. It imports nothing:
// the `mujaz` command checks its flags with it, and zod alone would add most of a second to every start.

/**
 * RFC 3339's profile of ISO 8601: `YYYY-MM-DDTHH:MM:SS`, a fraction of a second if wanted, and `Z` or an offset
 * `±HH:MM` — the form `toISOString()`, `date --iso-8601=seconds` and every export we know of write, and the one zod's
 * `iso.datetime({ offset: true })` takes (a test holds the two together). Refused: a day without a time or a time
 * without an offset (which Date.parse reads in UTC or in the server's zone, as it likes), a day the calendar does
 * not have (Date.parse turns 2026-02-29 into 1 March), 24:00 and leap seconds, a space for the `T`, a lower-case
 * `t` or `z`, and anything Date.parse guesses at ("Tuesday", "2026/11/23").
 */
const RFC_3339_DATE_TIME =
  /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/u;

export const INSTANT_RULE =
  'must be an ISO 8601 date and time with seconds and an offset, such as 2026-11-23T09:00:00Z or 2026-11-23T12:00:00+03:00';

export function isInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = RFC_3339_DATE_TIME.exec(value);
  if (match === null) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  return day <= daysIn(year, month);
}

/** The moment a text names by the rule; undefined for any other text. */
export function parseInstant(text: string): Date | undefined {
  return isInstant(text) ? new Date(text) : undefined;
}

/**
 * The instant in the one spelling Mujaz stores instants in (`toISOString`: UTC, milliseconds), so that text order
 * is time order; undefined for a text the rule refuses.
 */
export function storedInstant(text: string): string | undefined {
  return parseInstant(text)?.toISOString();
}

/** Days in a month of the Gregorian calendar (every fourth year leap, but for centuries not divisible by 400). */
function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
