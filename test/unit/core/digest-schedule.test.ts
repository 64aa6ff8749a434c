// The next scheduled send, read from the schedule's cron expression in the newsletter's time zone.
import { nextScheduledSend } from '../../../lambdas/core/domain/digest-schedule';

it('finds the next Thursday 17:00 in Riyadh (UTC+3), later the same day or a week on', () => {
  expect(nextScheduledSend('cron(0 17 ? * THU *)', 'Asia/Riyadh', new Date('2026-12-10T13:59:00Z'))).toEqual({
    at: '2026-12-10T14:00:00.000Z',
    localDate: '2026-12-10',
    localTime: '17:00',
    timeZone: 'Asia/Riyadh',
  });
  expect(nextScheduledSend('cron(0 17 ? * THU *)', 'Asia/Riyadh', new Date('2026-12-10T14:00:00Z'))?.at).toBe(
    '2026-12-17T14:00:00.000Z',
  );
});

it('reads weekday numbers (1 is Sunday), ranges, every day and days of the month', () => {
  const monday = new Date('2026-12-07T00:00:00Z');
  expect(nextScheduledSend('cron(30 6 ? * 1 *)', 'UTC', monday)?.at).toBe('2026-12-13T06:30:00.000Z');
  expect(nextScheduledSend('cron(30 6 ? * TUE-THU *)', 'UTC', monday)?.at).toBe('2026-12-08T06:30:00.000Z');
  expect(nextScheduledSend('cron(0 9 * * ? *)', 'UTC', monday)?.at).toBe('2026-12-07T09:00:00.000Z');
  expect(nextScheduledSend('cron(0 9 1,15 * ? *)', 'UTC', monday)?.at).toBe('2026-12-15T09:00:00.000Z');
});

it('follows a change of offset: 09:00 in New York is 14:00 UTC in winter and 13:00 in summer', () => {
  expect(nextScheduledSend('cron(0 9 ? * MON *)', 'America/New_York', new Date('2026-03-02T00:00:00Z'))?.at).toBe(
    '2026-03-02T14:00:00.000Z',
  );
  expect(nextScheduledSend('cron(0 9 ? * MON *)', 'America/New_York', new Date('2026-03-09T00:00:00Z'))?.at).toBe(
    '2026-03-09T13:00:00.000Z',
  );
});

it('has no answer for what it does not read', () => {
  const now = new Date('2026-12-07T00:00:00Z');
  for (const expression of ['rate(7 days)', 'cron(0 */2 * * ? *)', 'cron(0 9 L * ? *)', 'cron(0 9 ? * 8 *)'])
    expect(nextScheduledSend(expression, 'UTC', now)).toBeUndefined();
});
