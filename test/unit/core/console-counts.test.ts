// Which write moves which of the console's counters: each transition, from the record before to the record after.
import {
  deliveryCountChanges,
  historyShareOf,
  subscriberCountChanges,
} from '../../../lambdas/core/domain/console-counts';
import {
  confirmedSubscriber,
  importedSubscriber,
  pendingSubscriber,
  suppressedSubscriber,
  unsubscribedSubscriber,
} from '../../../lambdas/core/domain/subscriber';

const now = new Date('2026-12-07T10:20:00.000Z');
const later = new Date('2026-12-08T08:00:00.000Z');
const HOUR = 3_600_000;
const pending = pendingSubscriber('a@example.com', { via: 'form', language: 'ar' }, now, 48 * HOUR, 'id1');
const confirmed = confirmedSubscriber(pending, later, 'link');

describe('subscriberCountChanges', () => {
  it('counts a new pending reader by the hour their link expires, and nothing else', () => {
    expect(subscriberCountChanges(undefined, pending, now)).toEqual({
      totals: {},
      days: {},
      pendingUntil: { '2026-12-09T10': 1 },
    });
  });

  it('moves a confirmed reader out of pending, into confirmed and their language, joined that day', () => {
    expect(subscriberCountChanges(pending, confirmed, later)).toEqual({
      totals: { confirmed: 1, 'language:ar': 1 },
      days: { '2026-12-08': { joined: 1 } },
      pendingUntil: { '2026-12-09T10': -1 },
    });
  });

  it('moves a pending reader whose link is mailed again to the new hour of expiry', () => {
    const again = pendingSubscriber('a@example.com', { via: 'form' }, later, 48 * HOUR, 'id2', pending);
    expect(subscriberCountChanges(pending, again, later)).toEqual({
      totals: {},
      days: {},
      pendingUntil: { '2026-12-09T10': -1, '2026-12-10T08': 1 },
    });
  });

  it('counts a confirmed reader who leaves as left, on the day, out of confirmed and their language', () => {
    expect(subscriberCountChanges(confirmed, unsubscribedSubscriber(confirmed, later), later)).toEqual({
      totals: { confirmed: -1, 'language:ar': -1, left: 1 },
      days: { '2026-12-08': { left: 1 } },
      pendingUntil: {},
    });
  });

  it('counts a suppression by its reason, and as a departure only for a confirmed reader', () => {
    const bounced = suppressedSubscriber('a@example.com', 'bounce', later, 'x', confirmed);
    expect(subscriberCountChanges(confirmed, bounced, later)).toEqual({
      totals: { confirmed: -1, 'language:ar': -1, suppressed: 1 },
      days: { '2026-12-08': { left: 1, bounced: 1 } },
      pendingUntil: {},
    });
    const stranger = suppressedSubscriber('b@example.com', 'complaint', later, 'y');
    expect(subscriberCountChanges(undefined, stranger, later)).toEqual({
      totals: { suppressed: 1 },
      days: { '2026-12-08': { complained: 1 } },
      pendingUntil: {},
    });
  });

  it('moves nothing for a rewrite that keeps the state (a confirmation email given back)', () => {
    const { confirmationSentAt: _sent, ...withoutSent } = pending;
    expect(subscriberCountChanges(pending, withoutSent, later)).toEqual({ totals: {}, days: {}, pendingUntil: {} });
  });

  it('counts an imported reader without a language under none', () => {
    const imported = importedSubscriber('c@example.com', '2020-01-01T00:00:00.000Z', 'z');
    expect(subscriberCountChanges(undefined, imported, now)).toEqual({
      totals: { confirmed: 1, 'language:none': 1 },
      days: { '2026-12-07': { joined: 1 } },
      pendingUntil: {},
    });
  });
});

it('counts a copy SES took as delivered on its day, and no other outcome', () => {
  expect(deliveryCountChanges({ status: 'sent', messageId: 'm' }, now).days).toEqual({
    '2026-12-07': { delivered: 1 },
  });
  for (const status of ['failed', 'unknown', 'skipped'] as const)
    expect(deliveryCountChanges({ status, reason: 'r' }, now).days).toEqual({});
});

it('rebuilds the days a record dates, within the window only', () => {
  const left = unsubscribedSubscriber(confirmed, new Date('2026-12-09T00:00:00.000Z'));
  expect(historyShareOf(left, '2026-12-01').days).toEqual({ '2026-12-08': { joined: 1 }, '2026-12-09': { left: 1 } });
  expect(historyShareOf(left, '2026-12-09').days).toEqual({ '2026-12-09': { left: 1 } });
});
