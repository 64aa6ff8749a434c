// Adapter helpers: turning DynamoDB items back into domain records.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';

const STORAGE_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'expiresAt', 'entity']);

/** Drops the key and housekeeping attributes so that only the domain record remains. */
export function domainFields<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !STORAGE_ATTRIBUTES.has(name))) as T;
}

export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === 'ConditionalCheckFailedException')
  );
}

/** A transaction refused because one of its conditions did not hold (not a conflict or a throttle). */
export function isCancelledByCondition(error: unknown): boolean {
  const cancelled =
    error instanceof TransactionCanceledException ||
    (error instanceof Error && error.name === 'TransactionCanceledException');
  const reasons = (error as Partial<TransactionCanceledException>).CancellationReasons ?? [];
  return cancelled && reasons.some((reason) => reason.Code === 'ConditionalCheckFailed');
}

export type TransactItems = NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>;

/** Tries of a transaction that lost a conflict with another on the same item (a tally or counter shard). */
const CONFLICT_ATTEMPTS = 8;

/**
 * Runs the transaction; false when its first item's condition did not hold (nothing was written). A conflict with
 * another transaction on a shared item is tried again: nothing was written, and the condition makes a repeat
 * harmless. The SDK's own retries of one attempt reuse its ClientRequestToken, so DynamoDB applies it once.
 */
export async function transactWrite(client: DynamoDBDocumentClient, items: TransactItems): Promise<boolean> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return false;
      const conflict =
        reasons.some((reason) => reason.Code === 'TransactionConflict') ||
        (error as Error).name === 'TransactionConflictException';
      if (!conflict || attempt >= CONFLICT_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
