// Core port: where subscriptions are kept.
import type { CountChanges } from '../domain/console-counts';
import type { Subscriber } from '../domain/subscriber';

/** One page of subscribers and where the next one starts (absent after the last). */
export interface SubscriberPage {
  /** The page's subscribers, in the repository's fixed order. */
  subscribers: Subscriber[];
  /** The cursor to pass as `after` for the next page; absent after the last. */
  next?: string;
}

/** Where subscribers are kept, one record per address with its consent history; every write is conditional. */
export interface SubscriberRepository {
  /** The subscriber stored under this normalized address, read consistently; undefined when there is none. */
  find(email: string): Promise<Subscriber | undefined>;
  /**
   * The subscribers stored under these normalized addresses (at most 100), read consistently, by address; an
   * address with nobody stored is absent from the map.
   */
  findMany(emails: readonly string[]): Promise<Map<string, Subscriber>>;
  /** The subscriber whose current subscription has this id: what a link names instead of the address. */
  findBySubscription(subscriptionId: string): Promise<Subscriber | undefined>;
  /**
   * Writes `next` only if the stored record is still `previous` (the same revision; absent when `previous` is):
   * no change ever overwrites one it did not see. False when another write came first. The console's counters move
   * by `counts` in the same write, both or neither: a write that is refused, or retried, never counts twice.
   */
  replace(next: Subscriber, previous: Subscriber | undefined, counts?: CountChanges): Promise<boolean>;
  /** Every confirmed subscriber, fetched page by page so lists of any size fit in memory. */
  confirmedSubscribers(): AsyncIterable<Subscriber>;
  /** Up to `limit` confirmed subscribers after the `after` cursor (from the start when absent), in a fixed order. */
  confirmedPage(after: string | undefined, limit: number): Promise<SubscriberPage>;
  /** Every subscriber in any state (pending, left, suppressed too): the consent records, for audit. */
  allSubscribers(): AsyncIterable<Subscriber>;
}
