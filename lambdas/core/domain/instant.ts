// Core layer: an instant as Mujaz reads one from outside — a report's publishedAt, a send's period, an import's
// confirmed_at, a signing key's acceptUntil, the CLI's --from and --until. One rule for all of them, so that what
// one entry point takes another never refuses, and no text is read as a day it does not name.
import * as z from 'zod';

/**
 * RFC 3339's profile of ISO 8601: `YYYY-MM-DDTHH:MM:SS`, a fraction of a second if wanted, and `Z` or an offset
 * `±HH:MM` — the form `toISOString()`, `date --iso-8601=seconds` and every export we know of write. Refused: a day
 * without a time or a time without an offset (which Date.parse reads in UTC or in the server's zone, as it likes),
 * a day the calendar does not have (Date.parse turns 2026-02-29 into 1 March), 24:00, a space for the `T`, a
 * lower-case `t` or `z`, and anything Date.parse guesses at ("Tuesday", "2026/11/23").
 */
export const INSTANT_RULE =
  'must be an ISO 8601 date and time with seconds and an offset, such as 2026-11-23T09:00:00Z or 2026-11-23T12:00:00+03:00';

/** The rule as a schema, for the zod objects of our inputs; its message is INSTANT_RULE. */
export const instantSchema = z.iso.datetime({ offset: true, error: INSTANT_RULE });

export function isInstant(value: unknown): value is string {
  return instantSchema.safeParse(value).success;
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
