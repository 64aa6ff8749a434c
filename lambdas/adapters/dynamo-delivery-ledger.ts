// Adapter: what became of each reader's copy of an edition, one item per (edition, reader) in the edition's
// partition. Every write is conditional, so concurrent runs and retries agree on one outcome.
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DeliveryClaim, DeliveryOutcome, DeliveryStatus } from '../core/domain/delivery';
import type { DeliveryLedger } from '../core/ports/digest-ledger';
import { isConditionFailure } from './dynamo-items';

export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(editionId: string, email: string, at: Date): Promise<DeliveryClaim> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...deliveryKey(editionId, email),
            entity: 'delivery',
            status: 'sending' satisfies DeliveryStatus,
            claimedAt: at.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: deliveryKey(editionId, email), ConsistentRead: true }),
    );
    // Released between our put and this read: the next run claims it.
    if (!Item) return { claimed: false, status: 'sending', claimedAt: at.toISOString() };
    return {
      claimed: false,
      status: Item.status as DeliveryStatus,
      ...(typeof Item.claimedAt === 'string' ? { claimedAt: Item.claimedAt } : {}),
    };
  }

  async record(editionId: string, email: string, outcome: DeliveryOutcome, at: Date): Promise<void> {
    const { status, ...details } = outcome;
    const names = Object.keys(details);
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: deliveryKey(editionId, email),
          UpdateExpression: `SET entity = :entity, #status = :status, recordedAt = :at${names
            .map((name) => `, #${name} = :${name}`)
            .join('')}`,
          ConditionExpression: 'attribute_not_exists(#status) OR #status = :sending',
          ExpressionAttributeNames: {
            '#status': 'status',
            ...Object.fromEntries(names.map((name) => [`#${name}`, name])),
          },
          ExpressionAttributeValues: {
            ':entity': 'delivery',
            ':status': status,
            ':sending': 'sending',
            ':at': at.toISOString(),
            ...Object.fromEntries(Object.entries(details).map(([name, value]) => [`:${name}`, value])),
          },
        }),
      )
      .catch((error: unknown) => {
        // Another run recorded an outcome first; the first word stands.
        if (!isConditionFailure(error)) throw error;
      });
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
}

function deliveryKey(editionId: string, email: string): { pk: string; sk: string } {
  return { pk: `EDITION#${editionId}`, sk: `DELIVERY#${email}` };
}
