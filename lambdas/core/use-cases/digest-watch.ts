// Core use case: did the scheduled send finish? The watch runs a day after each scheduled send; a send has
// finished when its edition is queued (every reader handed over) or when it found no report to send.
import type { Edition } from '../domain/edition';
import { METRIC_NAMES } from '../domain/metric-names';
import type { Clock } from '../ports/clock';
import type { EditionStore } from '../ports/edition-store';
import type { Logger } from '../ports/logger';
import type { Metrics } from '../ports/metrics';

/** A day, and an hour more: the watch runs a day after the send, and a daylight-saving change may shift it by one. */
export const DIGEST_WATCH_WINDOW_HOURS = 25;

export interface DigestWatchDeps {
  editions: Pick<EditionStore, 'latest' | 'lastEmptyRunAt'>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

export interface DigestWatchResult {
  /** true when no send finished within the window: the digest is overdue. */
  overdue: boolean;
  /** When the last send finished (ISO), whatever the window. */
  lastFinishedAt?: string;
}

export async function watchDigest(deps: DigestWatchDeps): Promise<DigestWatchResult> {
  const [latest, emptyRunAt] = await Promise.all([deps.editions.latest(), deps.editions.lastEmptyRunAt()]);
  const lastFinishedAt = lastFinishedSend(latest, emptyRunAt);
  const windowStart = deps.clock.now().getTime() - DIGEST_WATCH_WINDOW_HOURS * 3_600_000;
  const overdue = lastFinishedAt === undefined || Date.parse(lastFinishedAt) < windowStart;
  const facts = {
    lastFinishedAt: lastFinishedAt ?? 'never',
    latestEdition: latest?.id ?? 'none',
    latestState: latest?.state ?? 'none',
  };
  if (overdue) {
    deps.logger.error('digest overdue: no send finished within a day of the schedule', facts);
    deps.metrics.count(METRIC_NAMES.digestsOverdue);
  } else deps.logger.info('digest on time', facts);
  return { overdue, ...(lastFinishedAt ? { lastFinishedAt } : {}) };
}

/** The later of the latest edition's queuing (once every reader is handed over) and the last empty run. */
export function lastFinishedSend(latest: Edition | undefined, emptyRunAt: string | undefined): string | undefined {
  const queuedAt = latest?.state === 'queued' ? latest.queuedAt : undefined;
  const times = [queuedAt, emptyRunAt].filter((time): time is string => time !== undefined);
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}
