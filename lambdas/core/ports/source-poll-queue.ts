// Core port: polls waiting for the poll function (an SQS FIFO queue in AWS and locally), one message per source.
import type { SourcePoll } from '../domain/source-poll-messages';

export type { SourcePoll } from '../domain/source-poll-messages';

/** Where polls wait: grouped by the feed's host, a repeat of the same poll dropped. */
export interface SourcePollQueue {
  /** Resolves once the poll is queued (or was already); rejects when it could not be. */
  enqueue(poll: SourcePoll): Promise<void>;
  /** Queues many polls in as few calls as the queue allows; rejects naming how many could not be queued. */
  enqueueAll(polls: readonly SourcePoll[]): Promise<void>;
}
