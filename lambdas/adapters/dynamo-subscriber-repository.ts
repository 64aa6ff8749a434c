// Adapter: subscriptions in the DynamoDB table; confirmed readers sit in a sparse index for the send.
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Subscriber } from '../core/domain/subscriber';
import type { SubscriberPage, SubscriberRepository } from '../core/ports/subscriber-repository';
import { domainFields, isConditionFailure } from './dynamo-items';

const CONFIRMED = 'SUBSCRIBERS#confirmed';

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

  async save(subscriber: Subscriber): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: itemOf(subscriber) }));
  }

  async savePending(subscriber: Subscriber, previous: Subscriber | undefined): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: itemOf(subscriber),
          ...(previous === undefined
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression:
                  previous.confirmationSentAt === undefined
                    ? '#status = :status AND attribute_not_exists(confirmationSentAt)'
                    : '#status = :status AND confirmationSentAt = :sent',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':status': previous.status,
                  ...(previous.confirmationSentAt === undefined ? {} : { ':sent': previous.confirmationSentAt }),
                },
              }),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async *confirmedSubscribers(): AsyncIterable<Subscriber> {
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :confirmed',
        ExpressionAttributeValues: { ':confirmed': CONFIRMED },
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) yield domainFields<Subscriber>(item);
  }

  /** Ordered by address in the confirmed index; the cursor is the last address read (it stays in our table). */
  async confirmedPage(after: string | undefined, limit: number): Promise<SubscriberPage> {
    const subscribers: Subscriber[] = [];
    let startKey: Record<string, unknown> | undefined =
      after === undefined ? undefined : { ...subscriberKey(after), gsi1pk: CONFIRMED, gsi1sk: after };
    // A query page may hold fewer items than asked for (1 MB); read on until the page is full or the index ends.
    do {
      const { Items = [], LastEvaluatedKey } = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :confirmed',
          ExpressionAttributeValues: { ':confirmed': CONFIRMED },
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
}

function itemOf(subscriber: Subscriber): Record<string, unknown> {
  return {
    ...subscriberKey(subscriber.email),
    entity: 'subscriber',
    ...subscriber,
    ...(subscriber.status === 'confirmed' ? { gsi1pk: CONFIRMED, gsi1sk: subscriber.email } : {}),
    ...(subscriber.pendingUntil ? { expiresAt: Math.ceil(Date.parse(subscriber.pendingUntil) / 1000) } : {}),
  };
}

function subscriberKey(email: string): { pk: string; sk: string } {
  return { pk: `SUBSCRIBER#${email}`, sk: 'SUBSCRIBER' };
}
