// Core use case: counters for a table that had readers before it had counters (or whose counters an operator
// doubts). The only place that reads every subscriber to count them — an operator's explicit action, one paginated
// pass — after which the writes keep the counters up to date themselves.
import {
  addCountChanges,
  type CountChanges,
  dayOf,
  historyShareOf,
  noCountChanges,
  standingShareOf,
} from '../domain/console-counts';
import type { Clock } from '../ports/clock';
import type { ConsoleCounts } from '../ports/console-counts';
import type { SubscriberRepository } from '../ports/subscriber-repository';
import { OVERVIEW_DAYS } from './console-overview';

export interface RebuildCountsDeps {
  subscribers: Pick<SubscriberRepository, 'allSubscribers'>;
  counts: ConsoleCounts;
  clock: Clock;
}

/** Editions whose tallies the rebuild reads for the copies delivered in the window (a weekly send has 5 in 30 days). */
const EDITIONS_READ = 9;

/**
 * Counts every subscriber once and replaces the counters with the sums. The standing totals are exact; the days
 * are what the records date (confirmations, departures, suppressions) and each recent edition's copies sent, on the
 * day it opened. Writes during the pass may be missed: run it when the list is quiet.
 */
export async function rebuildConsoleCounts(
  deps: RebuildCountsDeps,
): Promise<{ readers: number; counts: CountChanges }> {
  const now = deps.clock.now();
  const fromDay = dayOf(new Date(now.getTime() - (OVERVIEW_DAYS - 1) * 86_400_000));
  const counts = noCountChanges();
  let readers = 0;
  for await (const subscriber of deps.subscribers.allSubscribers()) {
    readers += 1;
    const expired = subscriber.status === 'pending' && Date.parse(subscriber.pendingUntil ?? '') <= now.getTime();
    if (!expired) addCountChanges(counts, standingShareOf(subscriber));
    addCountChanges(counts, historyShareOf(subscriber, fromDay));
  }
  for (const edition of await deps.counts.recentEditions(EDITIONS_READ)) {
    const day = edition.openedAt.slice(0, 10);
    if (day >= fromDay && edition.counts.sent > 0)
      addCountChanges(counts, { totals: {}, pendingUntil: {}, days: { [day]: { delivered: edition.counts.sent } } });
  }
  await deps.counts.overwrite(counts);
  return { readers, counts };
}
