// Test double: SubscriberRepository in a Map keyed by the (already normalized) address. Stores copies, and checks
// a write's revision as the DynamoDB adapter's condition does.
import type { CountChanges } from '../../lambdas/core/domain/console-counts';
import type { Subscriber } from '../../lambdas/core/domain/subscriber';
import type { SubscriberPage, SubscriberRepository } from '../../lambdas/core/ports/subscriber-repository';
import type { InMemoryConsoleCounts } from './in-memory-console-counts';

export class InMemorySubscriberRepository implements SubscriberRepository {
  private readonly byEmail = new Map<string, Subscriber>();

  /** Counts moved by each write that happens, like the DynamoDB adapter's transaction, when given. */
  constructor(private readonly counts?: InMemoryConsoleCounts) {}

  async find(email: string): Promise<Subscriber | undefined> {
    const subscriber = this.byEmail.get(email);
    return subscriber && structuredClone(subscriber);
  }

  async findMany(emails: readonly string[]): Promise<Map<string, Subscriber>> {
    if (emails.length > 100) throw new Error('at most 100 addresses a call');
    const found = new Map<string, Subscriber>();
    for (const email of emails) {
      const subscriber = this.byEmail.get(email);
      if (subscriber) found.set(email, structuredClone(subscriber));
    }
    return found;
  }

  async findBySubscription(subscriptionId: string): Promise<Subscriber | undefined> {
    const subscriber = [...this.byEmail.values()].find((stored) => stored.subscriptionId === subscriptionId);
    return subscriber && structuredClone(subscriber);
  }

  /** Check and set with no await between them, like the DynamoDB adapter's conditional put. */
  async replace(next: Subscriber, previous: Subscriber | undefined, counts?: CountChanges): Promise<boolean> {
    const stored = this.byEmail.get(next.email);
    const unchanged = previous === undefined ? stored === undefined : stored?.revision === previous.revision;
    if (!unchanged) return false;
    this.byEmail.set(next.email, structuredClone({ ...next, revision: (previous?.revision ?? 0) + 1 }));
    if (counts) this.counts?.apply(counts);
    return true;
  }

  /** Test helper: puts a record as it is, over whatever is stored (as data written earlier would be). */
  async save(subscriber: Subscriber): Promise<void> {
    const stored = this.byEmail.get(subscriber.email);
    this.byEmail.set(subscriber.email, structuredClone({ ...subscriber, revision: (stored?.revision ?? 0) + 1 }));
  }

  /** Only confirmed subscribers, from a snapshot taken when iteration starts. */
  async *confirmedSubscribers(): AsyncIterable<Subscriber> {
    const confirmed = [...this.byEmail.values()].filter((subscriber) => subscriber.status === 'confirmed');
    for (const subscriber of confirmed) yield structuredClone(subscriber);
  }

  async *allSubscribers(): AsyncIterable<Subscriber> {
    for (const subscriber of [...this.byEmail.values()]) yield structuredClone(subscriber);
  }

  /** Confirmed subscribers by address, like the DynamoDB index; `next` whenever the page is full. */
  async confirmedPage(after: string | undefined, limit: number): Promise<SubscriberPage> {
    const confirmed = [...this.byEmail.values()]
      .filter((subscriber) => subscriber.status === 'confirmed' && (after === undefined || subscriber.email > after))
      .sort((a, b) => (a.email < b.email ? -1 : 1))
      .slice(0, limit);
    const last = confirmed.at(-1);
    return {
      subscribers: confirmed.map((subscriber) => structuredClone(subscriber)),
      ...(confirmed.length === limit && last ? { next: last.email } : {}),
    };
  }

  /** Test helper: everything stored, in insertion order. */
  all(): Subscriber[] {
    return [...this.byEmail.values()].map((subscriber) => structuredClone(subscriber));
  }
}
