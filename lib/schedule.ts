// Infrastructure: when the digest watch runs — 23 hours after each send. EventBridge Scheduler cannot delay a target,
// so the watch gets a cron expression of its own, derived from the send's.
import { readOneTimeOfDayCron } from '../lambdas/core/domain/digest-schedule';
import { ContextSettingError } from './context';

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * How long before the same time the next day the watch runs. Not a whole day: with a daily send, the watch would
 * run at the very minute of the next send, find that edition just opened instead of the one it watches, and count
 * the digest overdue. An hour short of a day, no send of the schedule can be running yet (each sends at one time of
 * day), while the one it watches has had 23 hours; the watch's window (DIGEST_WATCH_WINDOW_HOURS) reaches back to it.
 */
export const WATCH_LEAD_HOURS = 1;

export class ScheduleSettingError extends ContextSettingError {
  constructor(expression: string, why: string) {
    super('mujaz:digestSchedule', `${why}: "${expression}"`);
    this.name = 'ScheduleSettingError';
  }
}

/**
 * The watch's cron expression: each send's time, 23 hours later. Understood: sends at one time of day (one minute,
 * one hour) on days of the week (`cron(0 17 ? * THU *)`, lists and ranges of names or 1–7), every day (`* ... ?`),
 * or days of the month up to the 27th (whose next day always exists). Anything else is refused, naming the setting,
 * rather than watched at the wrong time.
 */
export function watchSchedule(expression: string): string {
  const cron = readOneTimeOfDayCron(expression);
  if (cron === 'shape')
    throw new ScheduleSettingError(expression, 'must be cron(minutes hours day-of-month month day-of-week year)');
  if (cron === 'time')
    throw new ScheduleSettingError(
      expression,
      'must send at one time of day (one minute, one hour) for the watch to follow',
    );
  const { minute, hour, dayOfMonth, month, dayOfWeek, year } = cron;
  // Before WATCH_LEAD_HOURS o'clock, 23 hours later is still the send's own day.
  if (hour < WATCH_LEAD_HOURS)
    return `cron(${minute} ${hour + 24 - WATCH_LEAD_HOURS} ${dayOfMonth} ${month} ${dayOfWeek} ${year})`;
  const watchHour = hour - WATCH_LEAD_HOURS;
  if (dayOfMonth === '?')
    return `cron(${minute} ${watchHour} ? ${month} ${nextWeekdays(expression, dayOfWeek)} ${year})`;
  if (dayOfMonth === '*') return `cron(${minute} ${watchHour} * ${month} ${dayOfWeek} ${year})`;
  const days = dayOfMonth.split(',').map(Number);
  if (!days.every((day) => Number.isInteger(day) && day >= 1 && day <= 27))
    throw new ScheduleSettingError(expression, 'may name days of the month 1–27 only (the watch runs the day after)');
  return `cron(${minute} ${watchHour} ${days.map((day) => day + 1).join(',')} ${month} ${dayOfWeek} ${year})`;
}

function nextWeekdays(expression: string, field: string): string {
  if (field === '*') return '*';
  return field
    .split(',')
    .map((part) =>
      part
        .split('-')
        .map((day) => nextWeekday(expression, day))
        .join('-'),
    )
    .join(',');
}

function nextWeekday(expression: string, day: string): string {
  const byName = DAYS.indexOf(day.toUpperCase());
  if (byName >= 0) return DAYS[(byName + 1) % 7]!;
  const number = Number(day);
  // EventBridge numbers days 1 (Sunday) to 7 (Saturday).
  if (Number.isInteger(number) && number >= 1 && number <= 7) return String((number % 7) + 1);
  throw new ScheduleSettingError(expression, `has a day of the week the watch cannot follow (${day})`);
}
