// Adapter: subscriptions in the DynamoDB table; confirmed readers sit in a sparse index for the send.
import { type DynamoDBDocumentClient, GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Subscriber } from '../core/domain/subscriber';
import type { SubscriberRepository } from '../core/ports/subscriber-repository';
import { domainFields } from './dynamo-items';

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
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...subscriberKey(subscriber.email),
          entity: 'subscriber',
          ...subscriber,
          ...(subscriber.status === 'confirmed' ? { gsi1pk: CONFIRMED, gsi1sk: subscriber.email } : {}),
          ...(subscriber.pendingUntil ? { expiresAt: Math.ceil(Date.parse(subscriber.pendingUntil) / 1000) } : {}),
        },
      }),
    );
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
}

function subscriberKey(email: string): { pk: string; sk: string } {
  return { pk: `SUBSCRIBER#${email}`, sk: 'SUBSCRIBER' };
}
