// Test double: SubscriptionQueue as an array the test drains (the harness's processSubscriptions), and the console's
// sign-in requests, which travel on the same queue, as another.
import type { QueuedSignIn, SignInQueue } from '../../lambdas/core/ports/sign-in-queue';
import type { QueuedSubscription, SubscriptionQueue } from '../../lambdas/core/ports/subscription-queue';

export class InMemorySubscriptionQueue implements SubscriptionQueue, SignInQueue {
  readonly waiting: QueuedSubscription[] = [];
  readonly signIns: QueuedSignIn[] = [];

  async enqueueSignIn(request: QueuedSignIn): Promise<void> {
    this.signIns.push(structuredClone(request));
  }
  private failures = 0;

  async enqueue(request: QueuedSubscription): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('queue unavailable');
    }
    this.waiting.push(structuredClone(request));
  }

  async enqueueAll(requests: readonly QueuedSubscription[]): Promise<void> {
    for (const request of requests) await this.enqueue(request);
  }

  /** The next `count` enqueues fail, as SQS refusing a message would. */
  failNext(count = 1): void {
    this.failures += count;
  }
}
