// Test double: the delivery queue as an array of readers' turns, each with how often it was received.
import type { DeliveryRequest } from '../../lambdas/core/domain/delivery';
import type { DeliveryQueue } from '../../lambdas/core/ports/delivery-queue';

export interface QueuedTurn extends DeliveryRequest {
  receiveCount: number;
}

export class InMemoryDeliveryQueue implements DeliveryQueue {
  readonly waiting: QueuedTurn[] = [];
  readonly deadLetters: QueuedTurn[] = [];
  /** Every request ever queued, in order (duplicates included). */
  readonly enqueued: DeliveryRequest[] = [];
  /** Makes the next enqueue calls fail, as SQS being unreachable would. */
  failNext = 0;

  async enqueue(requests: readonly DeliveryRequest[]): Promise<void> {
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error('SQS unreachable');
    }
    for (const request of requests) {
      this.enqueued.push({ ...request });
      this.waiting.push({ ...request, receiveCount: 0 });
    }
  }
}
