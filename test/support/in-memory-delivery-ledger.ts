// Test double: the per-reader delivery claims, in a Map.
import type { DeliveryLedger } from '../../lambdas/core/ports/digest-ledger';

export interface DeliveryRecord {
  editionId: string;
  email: string;
  status: 'claimed' | 'sent';
  claimedAt?: string;
  messageId?: string;
  sentAt?: string;
}

export class InMemoryDeliveryLedger implements DeliveryLedger {
  private readonly deliveries = new Map<string, DeliveryRecord>();

  /** Check and set happen with no await between them, so two concurrent claims cannot both win. */
  async claim(editionId: string, email: string, at: Date): Promise<boolean> {
    const key = deliveryKey(editionId, email);
    if (this.deliveries.has(key)) return false;
    this.deliveries.set(key, { editionId, email, status: 'claimed', claimedAt: at.toISOString() });
    return true;
  }

  /** An update, not a conditional write: like the DynamoDB adapter it creates the record if it is missing. */
  async recordSent(editionId: string, email: string, messageId: string, at: Date): Promise<void> {
    const key = deliveryKey(editionId, email);
    const existing = this.deliveries.get(key);
    this.deliveries.set(key, { ...existing, editionId, email, status: 'sent', messageId, sentAt: at.toISOString() });
  }

  /** Deletes the claim only while it is still a claim: a recorded send is never given back. */
  async release(editionId: string, email: string): Promise<void> {
    const key = deliveryKey(editionId, email);
    if (this.deliveries.get(key)?.status === 'claimed') this.deliveries.delete(key);
  }

  /** Test helper: the delivery records of one edition (or of all), in claim order. */
  deliveriesOf(editionId?: string): DeliveryRecord[] {
    return [...this.deliveries.values()]
      .filter((record) => editionId === undefined || record.editionId === editionId)
      .map((record) => ({ ...record }));
  }
}

function deliveryKey(editionId: string, email: string): string {
  return `${editionId}\u0000${email}`;
}
