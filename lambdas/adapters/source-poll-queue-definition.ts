// Adapter: the one definition of the source-polls queue — a FIFO queue (the feed's host is the message group) with
// its FIFO dead-letter queue — and of a poll's timings, used by the CDK stack and by the local stack alike.

export const sourcePollQueue = {
  /** A poll our own storage failed is tried this many times, then dead-lettered (an alarm watches that queue). */
  maxReceiveCount: 3,
  deadLetterRetentionSeconds: 14 * 24 * 3_600,
  /**
   * One poll per invocation: a poll's requests run one after another, so the poll holding a host's group has one
   * in flight there at a time (with one leased page of another poll's, two at most: requests-per-host.ts).
   */
  batchSize: 1,
  /**
   * The poll function's timeout: a first poll fetches the feed and up to 10 pages, 20 s each at most; a later poll
   * stops taking entries up when time runs short (pollSource's deadline) and leaves the rest to the next.
   */
  pollTimeoutSeconds: 300,
  /** Polls at once across all hosts (the event source's maximum concurrency); per host, one (the FIFO group). */
  maxPollers: 10,
  /** How often the finder runs by default (mujaz:feedPollMinutes); `npm run dev` looks every minute. */
  findEveryMinutes: 15,
} as const;

/** SQS's visibility timeout for the poll queue: six times the function's timeout, as AWS asks of event sources. */
export function pollVisibilitySeconds(pollTimeoutSeconds: number): number {
  return pollTimeoutSeconds * 6;
}

/**
 * How old an entry's claim must be to belong to a poll that died: a poll runs at most its function's timeout, so an
 * older claim's poll is gone, and a younger one's may be storing the entry still.
 */
export function staleEntryClaimMs(pollTimeoutSeconds: number): number {
  return pollTimeoutSeconds * 1_000;
}
