// Adapter: what became of each reader's copy of an edition, one item per (edition, reader) in the edition's
// partition, and the edition's tally of outcomes beside them. Every write is conditional, so concurrent turns and
// retries agree on one outcome; an outcome and its count are written in one transaction, so the tally never drifts.
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { type CountChanges, noCountChanges } from '../core/domain/console-counts';
import {
  COUNTED_OUTCOMES,
  DELIVERY_RECORD_RETENTION_DAYS,
  type DeliveryClaim,
  type DeliveryOutcome,
  type DeliveryStatus,
  noOutcomes,
  type OutcomeCounts,
  type RetriableOutcome,
} from '../core/domain/delivery';
import type { DeliveryLedger, ReaderDelivery, RetryCandidate } from '../core/ports/digest-ledger';
import { counterUpdates } from './dynamo-console-counts';
import { isConditionFailure, transactWrite } from './dynamo-items';
import { deliveryKey, editionItems, shardOfAddress, tallyKey } from './dynamo-keys';

/**
 * The tally is spread over this many items, so that concurrent deliver invocations rarely write the same one (two
 * transactions on one item conflict) and no single item takes more than its share of writes.
 */
export const TALLY_SHARDS = 10;

/** The details an outcome may carry; a record keeps only its own outcome's. */
const OUTCOME_DETAILS = ['messageId', 'reason'] as const;
export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(editionId: string, email: string, at: Date): Promise<DeliveryClaim> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryKey(editionId, email),
          // The record expires (TTL) DELIVERY_RECORD_RETENTION_DAYS after its last claim.
          UpdateExpression: 'SET entity = :entity, #status = :sending, claimedAt = :at, expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(pk) OR #status = :requeued',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':entity': 'delivery',
            ':sending': 'sending' satisfies DeliveryStatus,
            ':requeued': 'requeued' satisfies DeliveryStatus,
            ':at': at.toISOString(),
            ':expires': Math.floor(at.getTime() / 1000) + DELIVERY_RECORD_RETENTION_DAYS * 86_400,
          },
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deliveryKey(editionId, email), ConsistentRead: true }),
    );
    // Released between our write and this read: the reader's next turn claims it.
    if (!Item) return { claimed: false, status: 'sending', claimedAt: at.toISOString() };
    return {
      claimed: false,
      status: Item.status as DeliveryStatus,
      ...(typeof Item.claimedAt === 'string' ? { claimedAt: Item.claimedAt } : {}),
    };
  }

  async record(
    editionId: string,
    email: string,
    outcome: DeliveryOutcome,
    at: Date,
    counts: CountChanges = noCountChanges(),
  ): Promise<void> {
    const { status, ...details } = outcome;
    const names = Object.keys(details);
    // A reader sent again after an unknown or failed copy: the earlier outcome's details go with it.
    const stale = OUTCOME_DETAILS.filter((name) => !names.includes(name));
    await transactWrite(
      this.client,
      [
        {
          Update: {
            TableName: this.tableName,
            Key: deliveryKey(editionId, email),
            UpdateExpression: `SET entity = :entity, #status = :status, recordedAt = :at${names
              .map((name) => `, #${name} = :${name}`)
              .join('')}${stale.length > 0 ? ` REMOVE ${stale.map((name) => `#${name}`).join(', ')}` : ''}`,
            ConditionExpression: 'attribute_not_exists(#status) OR #status = :sending',
            ExpressionAttributeNames: {
              '#status': 'status',
              ...Object.fromEntries([...names, ...stale].map((name) => [`#${name}`, name])),
            },
            ExpressionAttributeValues: {
              ':entity': 'delivery',
              ':status': status,
              ':sending': 'sending',
              ':at': at.toISOString(),
              ...Object.fromEntries(Object.entries(details).map(([name, value]) => [`:${name}`, value])),
            },
          },
        },
        this.tallyUpdate(editionId, email, status, 1),
        ...counterUpdates(this.tableName, email, counts),
      ],
      // Another turn recorded an outcome first; the first word stands.
    );
  }

  async release(editionId: string, email: string): Promise<void> {
    await this.client
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: deliveryKey(editionId, email),
          ConditionExpression: '#status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending' },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async counts(editionId: string): Promise<OutcomeCounts> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :tally)',
        ExpressionAttributeValues: { ':pk': editionItems.partition(editionId), ':tally': editionItems.tallyPrefix },
        ConsistentRead: true,
      }),
    );
    const counts = noOutcomes();
    for (const item of Items) {
      for (const outcome of COUNTED_OUTCOMES) counts[outcome] += Number(item[outcome] ?? 0);
    }
    return counts;
  }

  async *withOutcome(editionId: string, outcomes: readonly RetriableOutcome[]): AsyncIterable<RetryCandidate> {
    const statuses = [...new Set<DeliveryStatus>([...outcomes, 'requeued'])];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :delivery)',
        FilterExpression: `#status IN (${statuses.map((_, index) => `:s${index}`).join(', ')})`,
        ProjectionExpression: 'sk, #status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':pk': editionItems.partition(editionId),
          ':delivery': editionItems.deliveryPrefix,
          ...Object.fromEntries(statuses.map((status, index) => [`:s${index}`, status])),
        },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        yield {
          email: String(item.sk).slice(editionItems.deliveryPrefix.length),
          status: item.status as RetryCandidate['status'],
        };
      }
    }
  }

  async reopen(editionId: string, email: string, outcome: RetriableOutcome): Promise<boolean> {
    return transactWrite(this.client, [
      {
        Update: {
          TableName: this.tableName,
          Key: deliveryKey(editionId, email),
          UpdateExpression: 'SET #status = :requeued',
          ConditionExpression: '#status = :outcome',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':requeued': 'requeued', ':outcome': outcome },
        },
      },
      this.tallyUpdate(editionId, email, outcome, -1),
    ]);
  }

  /** One BatchGetItem of at most a few keys; the keys DynamoDB leaves unprocessed (throttled) are asked again. */
  async deliveriesTo(email: string, editionIds: readonly string[]): Promise<ReaderDelivery[]> {
    const found: ReaderDelivery[] = [];
    const editionOf = new Map(editionIds.map((id) => [deliveryKey(id, email).pk, id]));
    let keys: Array<Record<string, unknown>> = [...editionOf.values()].map((id) => deliveryKey(id, email));
    for (let round = 0; keys.length > 0; round += 1) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** round)));
      const { Responses = {}, UnprocessedKeys = {} } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }),
      );
      for (const item of Responses[this.tableName] ?? []) {
        found.push({
          editionId: editionOf.get(String(item.pk)) ?? String(item.pk),
          status: item.status as DeliveryStatus,
          ...(typeof item.recordedAt === 'string' ? { recordedAt: item.recordedAt } : {}),
          ...(typeof item.reason === 'string' ? { reason: item.reason } : {}),
        });
      }
      keys = UnprocessedKeys[this.tableName]?.Keys ?? [];
    }
    return found;
  }

  private tallyUpdate(editionId: string, email: string, outcome: DeliveryStatus, change: number) {
    return {
      Update: {
        TableName: this.tableName,
        Key: tallyKey(editionId, shardOfAddress(email, TALLY_SHARDS)),
        UpdateExpression: 'SET entity = :entity ADD #outcome :change',
        ExpressionAttributeNames: { '#outcome': outcome },
        ExpressionAttributeValues: { ':entity': 'tally', ':change': change },
      },
    };
  }
}
