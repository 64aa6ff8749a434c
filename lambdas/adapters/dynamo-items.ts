// Adapter helpers: turning DynamoDB items back into domain records.
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';

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
