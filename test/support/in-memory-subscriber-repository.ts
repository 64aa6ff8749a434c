// Test double: SubscriberRepository in a Map keyed by the (already normalized) address. Stores copies.
import type { Subscriber } from '../../lambdas/core/domain/subscriber';
import type { SubscriberPage, SubscriberRepository } from '../../lambdas/core/ports/subscriber-repository';

export class InMemorySubscriberRepository implements SubscriberRepository {
  private readonly byEmail = new Map<string, Subscriber>();

  async find(email: string): Promise<Subscriber | undefined> {
    const subscriber = this.byEmail.get(email);
    return subscriber && structuredClone(subscriber);
  }

  /** Replaces whatever is stored under the address (a put, like the DynamoDB adapter). */
  async save(subscriber: Subscriber): Promise<void> {
    this.byEmail.set(subscriber.email, structuredClone(subscriber));
  }

  /** Check and set with no await between them, like the DynamoDB adapter's conditional put. */
  async savePending(subscriber: Subscriber, previous: Subscriber | undefined): Promise<boolean> {
    const stored = this.byEmail.get(subscriber.email);
    const unchanged =
      previous === undefined
        ? stored === undefined
        : stored?.status === previous.status && stored.confirmationSentAt === previous.confirmationSentAt;
    if (!unchanged) return false;
    this.byEmail.set(subscriber.email, structuredClone(subscriber));
    return true;
  }

  /** Only confirmed subscribers, from a snapshot taken when iteration starts. */
  async *confirmedSubscribers(): AsyncIterable<Subscriber> {
    const confirmed = [...this.byEmail.values()].filter((subscriber) => subscriber.status === 'confirmed');
    for (const subscriber of confirmed) yield structuredClone(subscriber);
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
