// Test double: the frozen editions and the per-reader delivery claims, in Maps.
import type { DigestEdition } from '../../lambdas/core/domain/digest';
import type { DeliveryLedger, DigestArchive } from '../../lambdas/core/ports/digest-ledger';

export interface DeliveryRecord {
  editionId: string;
  email: string;
  status: 'claimed' | 'sent';
  claimedAt?: string;
  messageId?: string;
  sentAt?: string;
}

export class InMemoryDigestLedger implements DigestArchive, DeliveryLedger {
  private readonly editions = new Map<string, DigestEdition>();
  private readonly deliveries = new Map<string, DeliveryRecord>();

  async findEdition(id: string): Promise<DigestEdition | undefined> {
    const edition = this.editions.get(id);
    return edition && structuredClone(edition);
  }

  async saveEditionIfAbsent(edition: DigestEdition): Promise<DigestEdition> {
    if (!this.editions.has(edition.id)) this.editions.set(edition.id, structuredClone(edition));
    return structuredClone(this.editions.get(edition.id)!);
  }

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

  /** Test helper: ids of the stored editions. */
  editionIds(): string[] {
    return [...this.editions.keys()];
  }
}

function deliveryKey(editionId: string, email: string): string {
  return `${editionId}\u0000${email}`;
}
