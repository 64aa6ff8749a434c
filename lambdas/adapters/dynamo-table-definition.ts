// Adapter: the one definition of the DynamoDB table, used by the CDK stack and by the local stack alike.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/** One table for everything (single-table design); dynamo-keys.ts builds every key and shows the layout. */
export const mujazTable = {
  partitionKey: 'pk',
  sortKey: 'sk',
  indexes: [
    { indexName: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { indexName: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
  /** Epoch seconds; DynamoDB deletes the item some time after it passes (unconfirmed subscriptions). */
  timeToLiveAttribute: 'expiresAt',
} as const;

export function createTableInput(tableName: string): CreateTableCommandInput {
  const keyAttributes = new Set<string>([
    mujazTable.partitionKey,
    mujazTable.sortKey,
    ...mujazTable.indexes.flatMap((gsi) => [gsi.partitionKey, gsi.sortKey]),
  ]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...keyAttributes].map((name) => ({
      AttributeName: name,
      AttributeType: 'S',
    })),
    KeySchema: [
      { AttributeName: mujazTable.partitionKey, KeyType: 'HASH' },
      { AttributeName: mujazTable.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: mujazTable.indexes.map((gsi) => ({
      IndexName: gsi.indexName,
      KeySchema: [
        { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
        { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
