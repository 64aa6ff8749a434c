// Core layer: when the digest's schedule next sends, in the newsletter's time zone. The schedule is EventBridge
// Scheduler's cron expression (`mujaz:digestSchedule`); this reads the forms the CDK app accepts for it
// (lib/schedule.ts): one time of day, on days of the week, every day, or days of the month.

const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Far enough for any yearly pattern; a schedule that never fires within it has no next send. */
const DAYS_LOOKED_AHEAD = 400;

/** The next send: the instant, and its wall-clock date and time in the zone (`2026-12-10`, `17:00`). */
export interface ScheduledSend {
  at: string;
  localDate: string;
  localTime: string;
  timeZone: string;
}

/** An EventBridge cron expression that fires at one time of day: its minute and hour, its other fields as written. */
export interface OneTimeOfDayCron {
  minute: number;
  hour: number;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year: string;
}

/**
 * The schedule's fields, read once for the console's next send and the CDK app's watch (lib/schedule.ts): `shape`
 * when it is not `cron(` six fields `)`, `time` when it fires at more than one minute or hour of the day.
 */
export function readOneTimeOfDayCron(expression: string): OneTimeOfDayCron | 'shape' | 'time' {
  const fields = /^cron\((.+)\)$/u.exec(expression.trim())?.[1]?.trim().split(/\s+/u);
  if (fields?.length !== 6) return 'shape';
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const minute = /^\d{1,2}$/u.test(minutes) ? Number(minutes) : NaN;
  const hour = /^\d{1,2}$/u.test(hours) ? Number(hours) : NaN;
  if (!(minute <= 59 && hour <= 23)) return 'time';
  return { minute, hour, dayOfMonth, month, dayOfWeek, year };
}

/**
 * The first instant after `now` at which `expression` fires in `timeZone`; undefined for an expression this does
 * not read (several times a day, `L`, `W`, `#`) or one that never fires within 400 days.
 */
export function nextScheduledSend(expression: string, timeZone: string, now: Date): ScheduledSend | undefined {
  const cron = readOneTimeOfDayCron(expression);
  if (typeof cron === 'string') return undefined;
  const { minute, hour, dayOfMonth, month, dayOfWeek, year } = cron;
  const days = valuesOf(dayOfMonth, 1, 31, []);
  const months = valuesOf(month, 1, 12, MONTHS);
  // EventBridge numbers the days of the week 1 (Sunday) to 7.
  const weekdays = valuesOf(dayOfWeek, 1, 7, WEEKDAYS);
  const years = valuesOf(year, 1970, 2199, []);
  if (!days || !months || !weekdays || !years) return undefined;
  const today = wallClock(now, timeZone);
  for (let offset = 0; offset <= DAYS_LOOKED_AHEAD; offset += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const matches =
      (days === 'any' || days.has(date.getUTCDate())) &&
      (months === 'any' || months.has(date.getUTCMonth() + 1)) &&
      (weekdays === 'any' || weekdays.has(date.getUTCDay() + 1)) &&
      (years === 'any' || years.has(date.getUTCFullYear()));
    if (!matches) continue;
    const at = instantOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), hour, minute, timeZone);
    if (at <= now.getTime()) continue;
    const local = wallClock(new Date(at), timeZone);
    return {
      at: new Date(at).toISOString(),
      localDate: `${local.year}-${pad(local.month)}-${pad(local.day)}`,
      localTime: `${pad(local.hour)}:${pad(local.minute)}`,
      timeZone,
    };
  }
  return undefined;
}

/** A field's values (numbers, names, lists, ranges), 'any' for `*` and `?`, undefined when it cannot be read. */
function valuesOf(field: string, min: number, max: number, names: readonly string[]): Set<number> | 'any' | undefined {
  if (field === '*' || field === '?') return 'any';
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [from, through = from] = part.split('-').map((value) => fieldValue(value, names)) as [number, number?];
    if (!(from >= min && (through ?? NaN) <= max && from <= (through ?? NaN))) return undefined;
    for (let value = from; value <= (through ?? from); value += 1) values.add(value);
  }
  return values;
}

function fieldValue(text: string, names: readonly string[]): number {
  const byName = names.indexOf(text.toUpperCase());
  if (byName >= 0) return byName + 1;
  return /^\d{1,4}$/u.test(text) ? Number(text) : NaN;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClock(at: Date, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** The instant a wall-clock time names in the zone (at a change of offset, the one the zone's clock shows). */
function instantOf(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  let at = asUtc;
  // Twice: the offset at the first guess may differ from the one at the answer, across a change of offset.
  for (let pass = 0; pass < 2; pass += 1) {
    const shown = wallClock(new Date(at), timeZone);
    const shownAsUtc = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute);
    at += asUtc - shownAsUtc;
  }
  return at;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
