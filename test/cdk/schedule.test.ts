// The watch's schedule: the digest's cron expression, one day later — or a refusal naming the setting.
import { dayAfter } from '../../lib/schedule';

it.each([
  ['cron(0 17 ? * THU *)', 'cron(0 17 ? * FRI *)'],
  ['cron(30 6 ? * SAT *)', 'cron(30 6 ? * SUN *)'],
  ['cron(0 9 ? * MON,THU *)', 'cron(0 9 ? * TUE,FRI *)'],
  ['cron(0 9 ? * MON-FRI *)', 'cron(0 9 ? * TUE-SAT *)'],
  ['cron(0 9 ? * 7 *)', 'cron(0 9 ? * 1 *)'],
  ['cron(0 9 ? * 2,5 *)', 'cron(0 9 ? * 3,6 *)'],
  ['cron(0 8 * * ? *)', 'cron(0 8 * * ? *)'],
  ['cron(0 8 1,15 * ? *)', 'cron(0 8 2,16 * ? *)'],
])('watches %s with %s', (schedule, watch) => {
  expect(dayAfter(schedule)).toBe(watch);
});

it.each([
  ['rate(7 days)', /must be cron/u],
  ['cron(0 8 ? *)', /must be cron/u],
  ['cron(0 8 L * ? *)', /days of the month 1–27/u],
  ['cron(0 8 31 * ? *)', /days of the month 1–27/u],
  ['cron(0 8 ? * 5#1 *)', /day of the week the watch cannot follow \(5#1\)/u],
])('refuses %s, naming the setting', (schedule, reason) => {
  expect(() => dayAfter(schedule)).toThrow(reason);
  expect(() => dayAfter(schedule)).toThrow(/mujaz:digestSchedule/u);
});
