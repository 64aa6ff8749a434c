// Core port: subscribe requests handed to whatever mails their confirmations (SQS in AWS and locally), so that the
// answer to a subscribe never waits on, or tells anything about, the address's state or the mail service.
import type { SubscriptionRequest } from '../domain/subscriber';

/** A subscribe request as queued: the address in its one spelling, and how the reader asked. */
export interface QueuedSubscription extends SubscriptionRequest {
  email: string;
}

export interface SubscriptionQueue {
  /** Resolves once the request is queued; rejects when it could not be. */
  enqueue(request: QueuedSubscription): Promise<void>;
}
