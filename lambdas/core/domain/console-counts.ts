// Core layer: the console's counters and which event moves which — the one place these rules live. The counts are
// kept up to date beside the write that causes them (the adapters write a change in the same transaction), so the
// console never has to count readers one by one.
import type { DeliveryOutcome } from './delivery';
import type { Subscriber } from './subscriber';

/** Readers by state as the console shows them: `left` is the subscriber state `unsubscribed`. */
export type ReaderState = 'confirmed' | 'pending' | 'left' | 'suppressed';

/** What happens on a day: readers confirmed and gone (the net change), copies sent, and the SES feedback. */
export type DayEvent = 'joined' | 'left' | 'delivered' | 'bounced' | 'complained';
export const DAY_EVENTS: readonly DayEvent[] = ['joined', 'left', 'delivered', 'bounced', 'complained'];

export type DayCounts = Record<DayEvent, number>;

/**
 * Standing totals: `confirmed`, `left`, `suppressed`, and confirmed readers by language (`language:ar`,
 * `language:none` for those who never chose). Pending readers are not a total: an unconfirmed subscription is
 * forgotten by the table's TTL, which no counter sees, so they are counted by the hour their link expires and only
 * the hours still ahead are summed.
 */
export type TotalName = 'confirmed' | 'left' | 'suppressed' | `language:${string}`;

/** How one write moves the counters; each entry is a signed amount, and absent entries do not move. */
export interface CountChanges {
  totals: Partial<Record<TotalName, number>>;
  /** By UTC day (`2026-12-07`). */
  days: Record<string, Partial<DayCounts>>;
  /** Pending readers by the UTC hour their confirmation link expires (`2026-12-07T14`). */
  pendingUntil: Record<string, number>;
}

export function noCountChanges(): CountChanges {
  return { totals: {}, days: {}, pendingUntil: {} };
}

export function isEmptyCountChanges(changes: CountChanges): boolean {
  return (
    Object.keys(changes.totals).length === 0 &&
    Object.keys(changes.days).length === 0 &&
    Object.keys(changes.pendingUntil).length === 0
  );
}

/** The UTC day of an instant, as the counters name it. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The UTC hour of an instant, as the pending counters name it. */
export function hourOf(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/**
 * What one subscriber record stands for in the standing counts: its state, its language while confirmed, and a
 * pending reader's hour of expiry. A change moves the counts from the previous record's share to the next one's.
 */
export function standingShareOf(subscriber: Subscriber | undefined): CountChanges {
  const share = noCountChanges();
  if (subscriber === undefined) return share;
  switch (subscriber.status) {
    case 'confirmed':
      share.totals.confirmed = 1;
      share.totals[`language:${subscriber.language ?? 'none'}`] = 1;
      break;
    case 'pending':
      if (subscriber.pendingUntil !== undefined) share.pendingUntil[hourOf(new Date(subscriber.pendingUntil))] = 1;
      break;
    case 'unsubscribed':
      share.totals.left = 1;
      break;
    case 'suppressed':
      share.totals.suppressed = 1;
      break;
  }
  return share;
}

/**
 * How replacing `previous` by `next` at `at` moves the counters: the standing counts by the difference of their
 * shares, and the day's events — joined when a reader becomes confirmed, left when a confirmed one stops being so,
 * bounced or complained when an address becomes suppressed. Only a write that happens may carry them (the adapter
 * writes both in one transaction), so a retried or refused change never counts.
 */
export function subscriberCountChanges(previous: Subscriber | undefined, next: Subscriber, at: Date): CountChanges {
  const changes = noCountChanges();
  const before = standingShareOf(previous);
  const after = standingShareOf(next);
  for (const name of new Set([...Object.keys(before.totals), ...Object.keys(after.totals)]) as Set<TotalName>) {
    const change = (after.totals[name] ?? 0) - (before.totals[name] ?? 0);
    if (change !== 0) changes.totals[name] = change;
  }
  for (const hour of new Set([...Object.keys(before.pendingUntil), ...Object.keys(after.pendingUntil)])) {
    const change = (after.pendingUntil[hour] ?? 0) - (before.pendingUntil[hour] ?? 0);
    if (change !== 0) changes.pendingUntil[hour] = change;
  }
  const day: Partial<DayCounts> = {};
  const wasConfirmed = previous?.status === 'confirmed';
  if (!wasConfirmed && next.status === 'confirmed') day.joined = 1;
  if (wasConfirmed && next.status !== 'confirmed') day.left = 1;
  if (previous?.status !== 'suppressed' && next.status === 'suppressed')
    day[next.suppressedFor === 'complaint' ? 'complained' : 'bounced'] = 1;
  if (Object.keys(day).length > 0) changes.days[dayOf(at)] = day;
  return changes;
}

/** A copy SES took counts as delivered on the day its outcome is recorded; no other outcome moves a counter. */
export function deliveryCountChanges(outcome: DeliveryOutcome, at: Date): CountChanges {
  const changes = noCountChanges();
  if (outcome.status === 'sent') changes.days[dayOf(at)] = { delivered: 1 };
  return changes;
}

/** Adds `more` into `into` (the rebuild sums every reader's share this way). */
export function addCountChanges(into: CountChanges, more: CountChanges): CountChanges {
  for (const [name, value] of Object.entries(more.totals) as Array<[TotalName, number]>)
    into.totals[name] = (into.totals[name] ?? 0) + value;
  for (const [hour, value] of Object.entries(more.pendingUntil))
    into.pendingUntil[hour] = (into.pendingUntil[hour] ?? 0) + value;
  for (const [day, events] of Object.entries(more.days)) {
    const sum = into.days[day] ?? {};
    into.days[day] = sum;
    for (const [event, value] of Object.entries(events) as Array<[DayEvent, number]>)
      sum[event] = (sum[event] ?? 0) + value;
  }
  return into;
}

/**
 * What one stored record says of the days from `fromDay` on, for a rebuild of counters that were never kept: its
 * confirmation (joined), its leaving after one (left), its suppression (bounced or complained) — each on the day
 * its record dates it. Earlier subscriptions of the address are not dated finely enough to count.
 */
export function historyShareOf(subscriber: Subscriber, fromDay: string): CountChanges {
  const share = noCountChanges();
  const on = (instant: string | undefined, event: DayEvent) => {
    if (instant === undefined) return;
    const day = instant.slice(0, 10);
    if (day < fromDay) return;
    const events = share.days[day] ?? {};
    events[event] = (events[event] ?? 0) + 1;
    share.days[day] = events;
  };
  on(subscriber.confirmedAt, 'joined');
  if (subscriber.confirmedAt !== undefined && subscriber.status === 'unsubscribed')
    on(subscriber.unsubscribedAt, 'left');
  if (subscriber.status === 'suppressed') {
    if (subscriber.confirmedAt !== undefined) on(subscriber.suppressedAt, 'left');
    on(subscriber.suppressedAt, subscriber.suppressedFor === 'complaint' ? 'complained' : 'bounced');
  }
  return share;
}
