// Test support: what became of a send, read from both ends — each reader's delivery record in DynamoDB Local, and
// the copies each address got at the SES endpoint.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { editionItems } from '../../lambdas/adapters/dynamo-keys';
import { readSesInbox } from '../../lambdas/local/ses-inbox';
import type { TestMujaz } from './local-services';

/** Every reader's delivery status in the edition, read consistently page by page. */
export async function deliveryStatuses(test: TestMujaz, editionId: string): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const page = await test.clients.dynamo.send(
      new QueryCommand({
        TableName: test.tableName,
        KeyConditionExpression: 'pk = :edition AND begins_with(sk, :delivery)',
        ExpressionAttributeValues: {
          ':edition': editionItems.partition(editionId),
          ':delivery': editionItems.deliveryPrefix,
        },
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? [])
      statuses.set(String(item.sk).slice(editionItems.deliveryPrefix.length), String(item.status));
    start = page.LastEvaluatedKey;
  } while (start);
  return statuses;
}

/** How many messages each address got at the SES endpoint (shared by every test of the run). */
export async function copiesPerReader(sesEndpoint: string): Promise<Map<string, number>> {
  const received = new Map<string, number>();
  for (const email of await readSesInbox(sesEndpoint)) {
    for (const to of email.destination.to) {
      const address = /<?([^<>\s]+@[^<>\s]+)>?$/u.exec(to)?.[1] ?? to;
      received.set(address, (received.get(address) ?? 0) + 1);
    }
  }
  return received;
}
