// Core port: where subscriptions are kept.
import type { Subscriber } from '../domain/subscriber';

export interface SubscriberRepository {
  find(email: string): Promise<Subscriber | undefined>;
  save(subscriber: Subscriber): Promise<void>;
  /** Every confirmed subscriber, fetched page by page so lists of any size fit in memory. */
  confirmedSubscribers(): AsyncIterable<Subscriber>;
}
