// Adapter: the activity log in the DynamoDB table — one partition, each entry under the instant it happened and a
// random suffix, read newest first by a bounded query. Each item carries `expiresAt` (epoch seconds, the table's TTL
// attribute) 400 days after its change, so DynamoDB removes it then.
import { randomUUID } from 'node:crypto';
import { type DynamoDBDocumentClient, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ACTIVITY_RETENTION_DAYS, type ActivityEntry, type ActivityPage } from '../core/domain/activity';
import type { ActivityLog } from '../core/ports/activity-log';
import { activityLog } from './dynamo-keys';

const DAY_SECONDS = 86_400;

/** A page cursor is an entry's sort key: an instant, then a UUID; anything else starts from the newest. */
const CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9a-f-]{36}$/u;

export class DynamoActivityLog implements ActivityLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(entry: ActivityEntry): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...activityLog.entry(entry.at, randomUUID()),
          entity: 'activity',
          ...entry,
          expiresAt: Math.ceil(Date.parse(entry.at) / 1000) + ACTIVITY_RETENTION_DAYS * DAY_SECONDS,
        },
      }),
    );
  }

  async recent(limit: number, before?: string): Promise<ActivityPage> {
    const from = before !== undefined && CURSOR.test(before) ? before : undefined;
    // One more than asked: whether an older page exists, without a second request.
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: from === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :before',
        ExpressionAttributeValues: { ':pk': activityLog.partition, ...(from === undefined ? {} : { ':before': from }) },
        ScanIndexForward: false,
        Limit: limit + 1,
      }),
    );
    const page = Items.slice(0, limit);
    const last = page.at(-1);
    return {
      entries: page.map(entryOf),
      ...(Items.length > limit && last ? { next: String(last.sk) } : {}),
    };
  }
}

function entryOf(item: Record<string, unknown>): ActivityEntry {
  const { at, actor, action, target, detail } = item as unknown as ActivityEntry;
  return { at, actor, action, target, ...(detail !== undefined ? { detail } : {}) };
}
