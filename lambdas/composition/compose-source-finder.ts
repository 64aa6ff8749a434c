// Composition: the finder that queues due sources — the scheduled function's, and `npm run dev`'s every minute. It
// reads no web page: its bundle carries no fetcher, no parser and no intake.
import { type FindDueSourcesDeps, queueDueSources } from '../core/use-cases/find-due-sources';

export type SourceFinderDeps = FindDueSourcesDeps;

export interface SourceFinder {
  /** Queues a poll of every due source. */
  queueDueSources(): Promise<{ queued: number }>;
}

export function composeSourceFinder(deps: SourceFinderDeps): SourceFinder {
  return { queueDueSources: () => queueDueSources(deps) };
}
