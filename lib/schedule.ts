// Infrastructure: the digest schedule's watch runs one day after each send. EventBridge Scheduler cannot delay a
// target, so the watch gets a cron expression of its own: the send's, one day later.
import { ContextSettingError } from './context';

const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export class ScheduleSettingError extends ContextSettingError {
  constructor(expression: string, why: string) {
    super('mujaz:digestSchedule', `${why}: "${expression}"`);
    this.name = 'ScheduleSettingError';
  }
}

/**
 * The same cron expression one day later. Understood: day-of-week schedules (`cron(0 17 ? * THU *)`, lists and
 * ranges of names or 1–7), daily ones (`* ... ?`), and days of the month up to the 27th (whose next day always
 * exists). Anything else is refused, naming the setting, rather than watched at the wrong time.
 */
export function dayAfter(expression: string): string {
  const fields = /^cron\((.+)\)$/u.exec(expression.trim())?.[1]?.trim().split(/\s+/u);
  if (fields?.length !== 6)
    throw new ScheduleSettingError(expression, 'must be cron(minutes hours day-of-month month day-of-week year)');
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (dayOfMonth === '?') return `cron(${minutes} ${hours} ? ${month} ${nextWeekdays(expression, dayOfWeek)} ${year})`;
  if (dayOfMonth === '*') return expression.trim();
  const days = dayOfMonth.split(',').map(Number);
  if (!days.every((day) => Number.isInteger(day) && day >= 1 && day <= 27))
    throw new ScheduleSettingError(expression, 'may name days of the month 1–27 only (the watch runs the day after)');
  return `cron(${minutes} ${hours} ${days.map((day) => day + 1).join(',')} ${month} ${dayOfWeek} ${year})`;
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
