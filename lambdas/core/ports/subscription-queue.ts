// Core port: subscribe requests handed to whatever mails their confirmations (SQS in AWS and locally), so that the
// answer to a subscribe never waits on, or tells anything about, the address's state or the mail service.
import type { QueuedSubscription } from '../domain/work-queue-messages';

export type { QueuedSubscription } from '../domain/work-queue-messages';

/** Where subscribe requests wait for the deliver function to mail their confirmations. */
export interface SubscriptionQueue {
  /** Resolves once the request is queued; rejects when it could not be. */
  enqueue(request: QueuedSubscription): Promise<void>;
  /** Queues several requests (an import's), as few calls as the queue allows; rejects when one could not be. */
  enqueueAll(requests: readonly QueuedSubscription[]): Promise<void>;
}
