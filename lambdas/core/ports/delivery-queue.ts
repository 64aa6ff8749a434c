// Core port: handing readers' turns to whatever delivers them, at any list size (SQS in AWS and locally).
import type { DeliveryRequest } from '../domain/delivery';

/** Where a send hands its readers' turns, for the deliver function to mail one by one. */
export interface DeliveryQueue {
  /** Resolves once every request is queued; rejects when any could not be (none is then known lost). */
  enqueue(requests: readonly DeliveryRequest[]): Promise<void>;
}
