// Adapter: the per-reader delivery claims that make sends idempotent, in the edition's partition.
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DeliveryLedger } from '../core/ports/digest-ledger';
import { isConditionFailure } from './dynamo-items';

export class DynamoDeliveryLedger implements DeliveryLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(editionId: string, email: string, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...deliveryKey(editionId, email),
            entity: 'delivery',
            status: 'claimed',
            claimedAt: at.toISOString(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async recordSent(editionId: string, email: string, messageId: string, at: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: deliveryKey(editionId, email),
        UpdateExpression: 'SET #status = :sent, messageId = :messageId, sentAt = :at',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':messageId': messageId, ':at': at.toISOString() },
      }),
    );
  }

  async release(editionId: string, email: string): Promise<void> {
    await this.client
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: deliveryKey(editionId, email),
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':claimed': 'claimed' },
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
