// Adapter: the one definition of the import queue, its worker's timings and where the import files sit, for the CDK
// stack and the local stack.
import { MAX_RECEIVES } from '../core/domain/work-queue-messages';

export const importQueue = {
  /** A step is dead-lettered (and its import failed) after this many receives. */
  maxReceiveCount: MAX_RECEIVES,
  /** Steps per batch: one chunk is seconds of work, so a batch is one step and a retry redoes one. */
  batchSize: 1,
  /**
   * The import function's timeout: a chunk takes seconds; the check of a 100,000-row list reads, checks and cuts
   * it in well under a minute.
   */
  timeoutSeconds: 120,
  /** Steps imported at once: each writes to the table and the subscribe queue at IMPORT_CONCURRENCY rows at a time. */
  maxConcurrency: 4,
  /** The bucket's files expire after this many days: an import runs in minutes. */
  filesExpireDays: 3,
} as const;

/** The folder of the bucket (and of the local folder) import files are kept in; its lifecycle rule names it. */
export const IMPORT_FILES_PREFIX = 'imports/';

/** Six times the function's timeout, as AWS asks of a queue a function consumes. */
export function importVisibilitySeconds(timeoutSeconds: number): number {
  return timeoutSeconds * 6;
}
