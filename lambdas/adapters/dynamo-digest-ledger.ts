// Adapter: frozen digest editions and the per-reader delivery claims that make sends idempotent.
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { DigestEdition } from '../core/domain/digest';
import type { DeliveryLedger, DigestArchive } from '../core/ports/digest-ledger';
import { domainFields, isConditionFailure } from './dynamo-items';

export class DynamoDigestLedger implements DigestArchive, DeliveryLedger {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async findEdition(id: string): Promise<DigestEdition | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: editionKey(id), ConsistentRead: true }),
    );
    return Item ? domainFields<DigestEdition>(Item) : undefined;
  }

  async saveEditionIfAbsent(edition: DigestEdition): Promise<DigestEdition> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...editionKey(edition.id), entity: 'edition', ...edition },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return edition;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.findEdition(edition.id);
      if (!stored) throw error;
      return stored;
    }
  }

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

function editionKey(id: string): { pk: string; sk: string } {
  return { pk: `EDITION#${id}`, sk: 'EDITION' };
}

function deliveryKey(editionId: string, email: string): { pk: string; sk: string } {
  return { pk: `EDITION#${editionId}`, sk: `DELIVERY#${email}` };
}
