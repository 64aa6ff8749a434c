// Core port: where subscriptions are kept.
import type { Subscriber } from '../domain/subscriber';

/** One page of confirmed readers and where the next one starts (absent after the last). */
export interface SubscriberPage {
  subscribers: Subscriber[];
  next?: string;
}

export interface SubscriberRepository {
  find(email: string): Promise<Subscriber | undefined>;
  save(subscriber: Subscriber): Promise<void>;
  /**
   * Writes a pending subscription only if the stored record is still `previous` (absent, or in the same state with
   * the same last confirmation): of many subscribes racing for one address, one wins and mails it.
   */
  savePending(subscriber: Subscriber, previous: Subscriber | undefined): Promise<boolean>;
  /** Every confirmed subscriber, fetched page by page so lists of any size fit in memory. */
  confirmedSubscribers(): AsyncIterable<Subscriber>;
  /** Up to `limit` confirmed subscribers after the `after` cursor (from the start when absent), in a fixed order. */
  confirmedPage(after: string | undefined, limit: number): Promise<SubscriberPage>;
}
