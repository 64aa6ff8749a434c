// Adapter: the one definition of the DynamoDB table, used by the CDK stack and by the local stack alike.
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * Single-table design (see docs/ARCHITECTURE.md):
 *   REPORT#<id>        / REPORT                       gsi1: REPORTS#untaken / <receivedAt>#<id>  (until taken)
 *   SUBSCRIBER#<email> / SUBSCRIBER                   gsi1: SUBSCRIBERS#confirmed / <email>      (confirmed only)
 *                                                     gsi2: SUBSCRIBERS / <subscription id>     (every state)
 *   EDITIONS           / LATEST                       the pointer to the latest edition
 *   EDITION#<id>       / EDITION                      the edition and its frozen email
 *   EDITION#<id>       / REPORT#<receivedAt>#<id>     what it shows of each report it took
 *   EDITION#<id>       / DELIVERY#<email>           what became of one reader's copy
 *   EDITION#<id>       / TALLY#<0-9>                outcomes counted, spread over ten shards
 *   PACER#ses          / SECOND#<epoch second>      the shared send allowance
 */
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
