// Adapter support: the dates feeds write — RFC 822 in RSS (pubDate), RFC 3339 in Atom and JSON Feed, W3C-DTF in
// RSS 1.0's dc:date — read as instants by the one rule of core/domain/instant.ts. Date.parse would take any of them,
// and also "sometime last week" read as whatever it guesses; here a date is either read as the instant it names or
// left out. Every format's dates are tried both ways, because feeds mislabel them.
import { storedInstant } from '../core/domain/instant';

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** RFC 822's time zones by name (military letters other than Z are ambiguous in the wild: RFC 1123 says so). */
const ZONE_OFFSETS: Record<string, string> = {
  UT: '+00:00',
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  EST: '-05:00',
  EDT: '-04:00',
  CST: '-06:00',
  CDT: '-05:00',
  MST: '-07:00',
  MDT: '-06:00',
  PST: '-08:00',
  PDT: '-07:00',
};

/**
 * RFC 822 / 2822 date-time: an optional day name, the day, the month (its English name, or its first three letters or more), a
 * two- or four-digit year, HH:MM with optional seconds, and a zone (±HHMM, ±HH:MM or a name above). The zone is
 * required: without it the instant is unknown.
 */
const RFC_822 =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9})\.?\s+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{2}:?\d{2}|[A-Za-z]{1,3})$/u;

/** RFC 3339 as writers bend it: a space or a lower-case t for the T, no seconds, a lower-case z. */
const LOOSE_RFC_3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/u;

/** The instant a feed's date names, in the spelling Mujaz stores (toISOString); undefined when it names none. */
export function feedInstant(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  return storedInstant(trimmed) ?? fromLooseRfc3339(trimmed) ?? fromRfc822(trimmed);
}

function fromLooseRfc3339(text: string): string | undefined {
  const match = LOOSE_RFC_3339.exec(text);
  if (match === null) return undefined;
  const [, day, minutes, seconds = ':00', zone = ''] = match;
  return storedInstant(`${day}T${minutes}${seconds}${zone.toUpperCase()}`);
}

function fromRfc822(text: string): string | undefined {
  const match = RFC_822.exec(text);
  if (match === null) return undefined;
  const [, day = '', monthName = '', yearText = '', hour = '', minute = '', second = '00', zone = ''] = match;
  const month = monthNumber(monthName);
  const offset = zoneOffset(zone);
  if (month === undefined || offset === undefined) return undefined;
  // RFC 2822 §4.3: a two-digit year below 50 is in this century, from 50 in the last.
  const year = yearText.length === 4 ? yearText : String(Number(yearText) + (Number(yearText) < 50 ? 2000 : 1900));
  // storedInstant checks the rest: the day exists in that month, hours below 24, minutes and seconds below 60.
  return storedInstant(
    `${year}-${pad(month)}-${day.padStart(2, '0')}T${hour.padStart(2, '0')}:${minute}:${second}${offset}`,
  );
}

function monthNumber(name: string): number | undefined {
  const lower = name.toLowerCase();
  // Three letters name one month; more ('Sept', 'December') must begin its name.
  const index = MONTHS.findIndex((month) => lower.length >= 3 && month.startsWith(lower));
  return index === -1 ? undefined : index + 1;
}

function zoneOffset(zone: string): string | undefined {
  if (/^[+-]/u.test(zone)) {
    const digits = zone.replace(':', '');
    return `${digits.slice(0, 3)}:${digits.slice(3)}`;
  }
  return ZONE_OFFSETS[zone.toUpperCase()];
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
