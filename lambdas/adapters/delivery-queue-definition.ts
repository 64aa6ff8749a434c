// Adapter: the one definition of the delivery queue and its dead-letter queue, used by the CDK stack and by the
// local stack alike.
import { MAX_RECEIVES } from '../core/domain/work-queue-messages';

export const deliveryQueue = {
  /** The core's retry policy: a message goes to the dead-letter queue after this many receives. */
  maxReceiveCount: MAX_RECEIVES,
  /** Readers per SQS message batch the deliver function gets: SendMessageBatch's limit too. */
  batchSize: 10,
  /** Dead-lettered turns are kept for two weeks, SQS's maximum, for an operator to look at. */
  deadLetterRetentionSeconds: 14 * 24 * 3_600,
} as const;

/**
 * How long a received message stays hidden before SQS hands it out again. AWS asks for six times the consuming
 * function's timeout; the local stack uses a few seconds, so that retries in tests do not wait minutes.
 */
export function visibilityTimeoutSeconds(functionTimeoutSeconds: number): number {
  return functionTimeoutSeconds * 6;
}
