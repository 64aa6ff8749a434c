// Core use case: the finder — every source whose poll is due is queued (one message each; the queue drops a repeat),
// and every failing source counted, for the alarm that watches them.
import { METRIC_NAMES } from '../domain/metric-names';
import type { Clock } from '../ports/clock';
import type { Metrics } from '../ports/metrics';
import type { SourcePollQueue } from '../ports/source-poll-queue';
import type { SourceRepository } from '../ports/source-repository';

export interface FindDueSourcesDeps {
  sources: SourceRepository;
  polls: SourcePollQueue;
  clock: Clock;
  metrics: Metrics;
}

/** The most sources one run of the finder queues; the rest are due still, and the next run takes them. */
export const MAX_DUE_PER_RUN = 1_000;

/** Queues a poll of every source due now, and counts the failing ones (FailingSources). */
export async function queueDueSources(deps: FindDueSourcesDeps): Promise<{ queued: number }> {
  const now = deps.clock.now().toISOString();
  const due = await deps.sources.listDue(now, MAX_DUE_PER_RUN);
  for (const source of due) if (source.state === 'failing') deps.metrics.count(METRIC_NAMES.failingSources);
  await deps.polls.enqueueAll(due.map((source) => ({ source, occasion: `due-${source.nextPollAt}` })));
  return { queued: due.length };
}
