// The watch's schedule: each send's time, 23 hours later — or a refusal naming the setting. Checked against an
// independent reading of EventBridge's cron format (aws-cron-parser): over months of both schedules, the watch never
// fires at a send's minute, and every send is watched 23 hours later, before the next send.
import awsCron from 'aws-cron-parser';
import { WATCH_LEAD_HOURS, watchSchedule } from '../../lib/schedule';

it.each([
  ['cron(0 17 ? * THU *)', 'cron(0 16 ? * FRI *)'],
  ['cron(30 6 ? * SAT *)', 'cron(30 5 ? * SUN *)'],
  ['cron(0 9 ? * MON,THU *)', 'cron(0 8 ? * TUE,FRI *)'],
  ['cron(0 9 ? * MON-FRI *)', 'cron(0 8 ? * TUE-SAT *)'],
  ['cron(0 9 ? * 7 *)', 'cron(0 8 ? * 1 *)'],
  ['cron(0 9 ? * 2,5 *)', 'cron(0 8 ? * 3,6 *)'],
  ['cron(0 8 * * ? *)', 'cron(0 7 * * ? *)'],
  ['cron(15 0 * * ? *)', 'cron(15 23 * * ? *)'],
  ['cron(45 0 ? * THU *)', 'cron(45 23 ? * THU *)'],
  ['cron(0 8 1,15 * ? *)', 'cron(0 7 2,16 * ? *)'],
])('watches %s with %s', (schedule, watch) => {
  expect(watchSchedule(schedule)).toBe(watch);
});

const inner = (expression: string) => /^cron\((.+)\)$/u.exec(expression)![1]!;

/** Every firing of the expression from `from` for `days` days (UTC: both schedules share one time zone). */
function firings(expression: string, from: Date, days: number): number[] {
  const parsed = awsCron.parse(inner(expression));
  const until = from.getTime() + days * 86_400_000;
  const times: number[] = [];
  for (let next = awsCron.next(parsed, from); next && next.getTime() < until; next = awsCron.next(parsed, next))
    times.push(next.getTime());
  return times;
}

const DAYS = 120;

describe.each([
  'cron(0 17 ? * THU *)',
  'cron(0 17 * * ? *)',
  'cron(30 0 * * ? *)',
  'cron(5 23 * * ? *)',
  'cron(0 9 ? * MON-FRI *)',
  'cron(0 9 ? * MON,TUE *)',
  'cron(0 0 ? * SUN *)',
  'cron(0 9 ? * 2,3,4 *)',
  'cron(0 8 1,2,15 * ? *)',
])('the watch of %s', (schedule) => {
  const start = new Date('2026-01-01T00:00:00Z');
  const sends = firings(schedule, start, DAYS);
  const watches = firings(watchSchedule(schedule), start, DAYS + 1);
  const lead = (24 - WATCH_LEAD_HOURS) * 3_600_000;

  it('fires at no minute a send fires at', () => {
    expect(sends.length).toBeGreaterThan(10);
    const sendMinutes = new Set(sends);
    expect(watches.filter((watch) => sendMinutes.has(watch))).toEqual([]);
  });

  it('follows every send 23 hours later, before the next send, and fires at no other time', () => {
    for (const [index, send] of sends.entries()) {
      expect(watches).toContain(send + lead);
      const nextSend = sends[index + 1];
      if (nextSend !== undefined) expect(send + lead).toBeLessThan(nextSend);
    }
    const watched = new Set(sends.map((send) => send + lead));
    // Within the sends' window shifted by the lead: a watch outside it follows a send outside it.
    const inWindow = (watch: number) =>
      watch >= start.getTime() + lead && watch < start.getTime() + DAYS * 86_400_000 + lead;
    expect(watches.filter((watch) => inWindow(watch) && !watched.has(watch))).toEqual([]);
  });
});

it.each([
  ['rate(7 days)', /must be cron/u],
  ['cron(0 8 ? *)', /must be cron/u],
  ['cron(0 8 L * ? *)', /days of the month 1–27/u],
  ['cron(0 8 31 * ? *)', /days of the month 1–27/u],
  ['cron(0 8 ? * 5#1 *)', /day of the week the watch cannot follow \(5#1\)/u],
  ['cron(0 9,17 ? * THU *)', /one time of day/u],
  ['cron(0/30 9 ? * THU *)', /one time of day/u],
  ['cron(0 * * * ? *)', /one time of day/u],
  ['cron(60 9 ? * THU *)', /one time of day/u],
  ['cron(0 24 ? * THU *)', /one time of day/u],
])('refuses %s, naming the setting', (schedule, reason) => {
  expect(() => watchSchedule(schedule)).toThrow(reason);
  expect(() => watchSchedule(schedule)).toThrow(/mujaz:digestSchedule/u);
});
