// Test double: SubscriberRepository in a Map keyed by the (already normalized) address. Stores copies.
import type { Subscriber } from '../../lambdas/core/domain/subscriber';
import type { SubscriberRepository } from '../../lambdas/core/ports/subscriber-repository';

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

  /** Only confirmed subscribers, from a snapshot taken when iteration starts. */
  async *confirmedSubscribers(): AsyncIterable<Subscriber> {
    const confirmed = [...this.byEmail.values()].filter((subscriber) => subscriber.status === 'confirmed');
    for (const subscriber of confirmed) yield structuredClone(subscriber);
  }

  /** Test helper: everything stored, in insertion order. */
  all(): Subscriber[] {
    return [...this.byEmail.values()].map((subscriber) => structuredClone(subscriber));
  }
}
