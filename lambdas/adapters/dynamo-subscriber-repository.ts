// Adapter: subscriptions in the DynamoDB table. Confirmed readers sit in a sparse index for the send; every
// subscriber sits in a second one by subscription id, which is what our links name.
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { type CountChanges, isEmptyCountChanges } from '../core/domain/console-counts';
import type { Subscriber } from '../core/domain/subscriber';
import type { SubscriberPage, SubscriberRepository } from '../core/ports/subscriber-repository';
import { counterUpdates } from './dynamo-console-counts';
import { domainFields, isConditionFailure, transactWrite } from './dynamo-items';
import { subscriberIndexes, subscriberKey } from './dynamo-keys';

export class DynamoSubscriberRepository implements SubscriberRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async find(email: string): Promise<Subscriber | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: subscriberKey(email), ConsistentRead: true }),
    );
    return Item ? domainFields<Subscriber>(Item) : undefined;
  }

  /** One BatchGetItem, consistent; the keys DynamoDB leaves unprocessed (throttled) are asked again. */
  async findMany(emails: readonly string[]): Promise<Map<string, Subscriber>> {
    const found = new Map<string, Subscriber>();
    let keys: Array<Record<string, unknown>> = [...new Set(emails)].map((email) => subscriberKey(email));
    for (let round = 0; keys.length > 0; round += 1) {
      if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 50 * 2 ** round)));
      const { Responses = {}, UnprocessedKeys = {} } = await this.client.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      for (const item of Responses[this.tableName] ?? []) {
        const subscriber = domainFields<Subscriber>(item);
        found.set(subscriber.email, subscriber);
      }
      keys = UnprocessedKeys[this.tableName]?.Keys ?? [];
    }
    return found;
  }

  /** The index is eventually consistent: the record is read again, consistently, by its address. */
  async findBySubscription(subscriptionId: string): Promise<Subscriber | undefined> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :all AND gsi2sk = :id',
        ExpressionAttributeValues: { ':all': subscriberIndexes.everyPartition, ':id': subscriptionId },
        ProjectionExpression: 'email',
      }),
    );
    const email = Items[0]?.email;
    if (typeof email !== 'string') return undefined;
    const subscriber = await this.find(email);
    return subscriber?.subscriptionId === subscriptionId ? subscriber : undefined;
  }

  /** A change that moves counters is one transaction with their updates: the record and its counts, or neither. */
  async replace(next: Subscriber, previous: Subscriber | undefined, counts?: CountChanges): Promise<boolean> {
    const revision = previous?.revision;
    const put = {
      TableName: this.tableName,
      Item: itemOf({ ...next, revision: (revision ?? 0) + 1 }),
      ...(previous === undefined
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : revision === undefined
          ? { ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(revision)' }
          : {
              ConditionExpression: 'revision = :revision',
              ExpressionAttributeValues: { ':revision': revision },
            }),
    };
    if (counts !== undefined && !isEmptyCountChanges(counts))
      return transactWrite(this.client, [{ Put: put }, ...counterUpdates(this.tableName, next.email, counts)]);
    try {
      await this.client.send(new PutCommand(put));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  confirmedSubscribers(): AsyncIterable<Subscriber> {
    return this.everyIn('gsi1', 'gsi1pk', subscriberIndexes.confirmedPartition);
  }

  allSubscribers(): AsyncIterable<Subscriber> {
    return this.everyIn('gsi2', 'gsi2pk', subscriberIndexes.everyPartition);
  }

  /** Ordered by address in the confirmed index; the cursor is the last address read (it stays in our table). */
  async confirmedPage(after: string | undefined, limit: number): Promise<SubscriberPage> {
    const subscribers: Subscriber[] = [];
    let startKey: Record<string, unknown> | undefined =
      after === undefined ? undefined : { ...subscriberKey(after), ...subscriberIndexes.confirmed(after) };
    // A query page may hold fewer items than asked for (1 MB); read on until the page is full or the index ends.
    do {
      const { Items = [], LastEvaluatedKey } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :confirmed',
          ExpressionAttributeValues: { ':confirmed': subscriberIndexes.confirmedPartition },
          Limit: limit - subscribers.length,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      subscribers.push(...Items.map((item) => domainFields<Subscriber>(item)));
      startKey = LastEvaluatedKey;
    } while (startKey && subscribers.length < limit);
    const last = subscribers.at(-1);
    return { subscribers, ...(startKey && last ? { next: last.email } : {}) };
  }

  private async *everyIn(indexName: string, keyName: string, key: string): AsyncIterable<Subscriber> {
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: indexName,
        KeyConditionExpression: '#key = :key',
        ExpressionAttributeNames: { '#key': keyName },
        ExpressionAttributeValues: { ':key': key },
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) yield domainFields<Subscriber>(item);
  }
}

/** The item a subscriber is stored as (the bench bulk-loads lists in this shape). */
export function itemOf(subscriber: Subscriber): Record<string, unknown> {
  return {
    ...subscriberKey(subscriber.email),
    entity: 'subscriber',
    ...subscriber,
    ...subscriberIndexes.every(subscriber.subscriptionId),
    ...(subscriber.status === 'confirmed' ? subscriberIndexes.confirmed(subscriber.email) : {}),
    // An unconfirmed stranger is forgotten; an address with earlier subscriptions keeps them for audit.
    ...(subscriber.pendingUntil && subscriber.earlier === undefined
      ? { expiresAt: Math.ceil(Date.parse(subscriber.pendingUntil) / 1000) }
      : {}),
  };
}
