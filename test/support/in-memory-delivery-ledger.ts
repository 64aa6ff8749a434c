// Test double: the per-reader delivery records, in a Map, with the same conditions as the DynamoDB adapter.
import {
  COUNTED_OUTCOMES,
  type CountedOutcome,
  type DeliveryClaim,
  type DeliveryOutcome,
  type DeliveryStatus,
  noOutcomes,
  type OutcomeCounts,
  type RetriableOutcome,
} from '../../lambdas/core/domain/delivery';
import type { DeliveryLedger, ReaderDelivery, RetryCandidate } from '../../lambdas/core/ports/digest-ledger';

export interface DeliveryRecord {
  editionId: string;
  email: string;
  status: DeliveryStatus;
  claimedAt?: string;
  recordedAt?: string;
  messageId?: string;
  reason?: string;
}

export class InMemoryDeliveryLedger implements DeliveryLedger {
  private readonly deliveries = new Map<string, DeliveryRecord>();
  private readonly tallies = new Map<string, OutcomeCounts>();

  /** Check and set happen with no await between them, so two concurrent claims cannot both win. */
  async claim(editionId: string, email: string, at: Date): Promise<DeliveryClaim> {
    const key = deliveryKey(editionId, email);
    const existing = this.deliveries.get(key);
    if (existing && existing.status !== 'requeued') {
      return {
        claimed: false,
        status: existing.status,
        ...(existing.claimedAt !== undefined ? { claimedAt: existing.claimedAt } : {}),
      };
    }
    this.deliveries.set(key, { editionId, email, status: 'sending', claimedAt: at.toISOString() });
    return { claimed: true };
  }

  /** Like the DynamoDB adapter: only a claim still `sending`, or no record, takes an outcome; the first word stands. */
  async record(editionId: string, email: string, outcome: DeliveryOutcome, at: Date): Promise<void> {
    const key = deliveryKey(editionId, email);
    const existing = this.deliveries.get(key);
    if (existing && existing.status !== 'sending') return;
    this.deliveries.set(key, { ...existing, editionId, email, ...outcome, recordedAt: at.toISOString() });
    this.tally(editionId)[outcome.status] += 1;
  }

  async deliveriesTo(email: string, editionIds: readonly string[]): Promise<ReaderDelivery[]> {
    return editionIds.flatMap((editionId) => {
      const record = this.deliveries.get(deliveryKey(editionId, email));
      if (!record) return [];
      const { status, recordedAt, reason } = record;
      return [{ editionId, status, ...(recordedAt ? { recordedAt } : {}), ...(reason ? { reason } : {}) }];
    });
  }

  async counts(editionId: string): Promise<OutcomeCounts> {
    return { ...this.tally(editionId) };
  }

  async *withOutcome(editionId: string, outcomes: readonly RetriableOutcome[]): AsyncIterable<RetryCandidate> {
    const wanted = new Set<DeliveryStatus>([...outcomes, 'requeued']);
    for (const record of this.deliveriesOf(editionId)) {
      if (wanted.has(record.status)) yield { email: record.email, status: record.status as RetryCandidate['status'] };
    }
  }

  async reopen(editionId: string, email: string, outcome: RetriableOutcome): Promise<boolean> {
    const record = this.deliveries.get(deliveryKey(editionId, email));
    if (record?.status !== outcome) return false;
    record.status = 'requeued';
    this.tally(editionId)[outcome] -= 1;
    return true;
  }

  private tally(editionId: string): OutcomeCounts {
    let tally = this.tallies.get(editionId);
    if (!tally) {
      tally = noOutcomes();
      this.tallies.set(editionId, tally);
    }
    return tally;
  }

  /** Deletes the claim only while it is still `sending`: a recorded outcome is never given back. */
  async release(editionId: string, email: string): Promise<void> {
    const key = deliveryKey(editionId, email);
    if (this.deliveries.get(key)?.status === 'sending') this.deliveries.delete(key);
  }

  /** Test helper: puts a record straight in (and counts it), as an earlier turn would have left it. */
  put(record: DeliveryRecord): void {
    this.deliveries.set(deliveryKey(record.editionId, record.email), { ...record });
    if ((COUNTED_OUTCOMES as readonly string[]).includes(record.status)) {
      this.tally(record.editionId)[record.status as CountedOutcome] += 1;
    }
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
