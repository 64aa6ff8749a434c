// Adapter: the console's counters in the DynamoDB table. The writes that cause a count carry its updates into their
// own transaction (counterUpdates); the console reads every counter in two bounded queries and the last editions in
// one batch, whatever the list's size. Which event moves which counter is decided in the core (console-counts.ts).

import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  paginateQuery,
} from '@aws-sdk/lib-dynamodb';
import type { Actor } from '../core/domain/activity';
import { type CountChanges, DAY_EVENTS, noCountChanges, type TotalName } from '../core/domain/console-counts';
import { COUNTED_OUTCOMES, noOutcomes } from '../core/domain/delivery';
import type { EditionState } from '../core/domain/edition';
import type { ConsoleCounts, CountsWindow, EditionOutcomes } from '../core/ports/console-counts';
import { TALLY_SHARDS } from './dynamo-delivery-ledger';
import type { TransactItems } from './dynamo-items';
import {
  consoleCounters,
  editionItems,
  editionKey,
  type ItemKey,
  latestEditionKey,
  shardOfAddress,
  tallyKey,
} from './dynamo-keys';

/** Each counter is spread over this many items, picked by the reader's address. */
export const COUNTER_SHARDS = 10;

/** A day's counts are kept this long (the console shows 30 days); DynamoDB's TTL removes them after. */
const DAY_RETENTION_SECONDS = 400 * 86_400;
/** An hour's pending count is read only until the hour passes; it is kept a little longer, then removed. */
const PENDING_RETENTION_SECONDS = 2 * 86_400;

/**
 * The updates that move the counters by `changes`, for the reader at `email`, to go into the transaction of the
 * write that causes them: both or neither happen.
 */
export function counterUpdates(tableName: string, email: string, changes: CountChanges): TransactItems {
  const shard = shardOfAddress(email, COUNTER_SHARDS);
  const updates: TransactItems = [];
  const add = (key: ItemKey, amounts: Record<string, number>, expiresAt?: number) => {
    const names = Object.keys(amounts);
    if (names.length === 0) return;
    updates.push({
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `SET entity = :entity${expiresAt === undefined ? '' : ', expiresAt = :expires'} ADD ${names
          .map((_, index) => `#c${index} :c${index}`)
          .join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#c${index}`, name])),
        ExpressionAttributeValues: {
          ':entity': 'counter',
          ...(expiresAt === undefined ? {} : { ':expires': expiresAt }),
          ...Object.fromEntries(names.map((name, index) => [`:c${index}`, amounts[name]])),
        },
      },
    });
  };
  add(consoleCounters.totals(shard), changes.totals as Record<string, number>);
  for (const [day, events] of Object.entries(changes.days))
    add(consoleCounters.day(day, shard), events, epochSecondsOf(`${day}T00:00:00Z`) + DAY_RETENTION_SECONDS);
  for (const [hour, change] of Object.entries(changes.pendingUntil))
    add(
      consoleCounters.pending(hour, shard),
      { pending: change },
      epochSecondsOf(`${hour}:00:00Z`) + PENDING_RETENTION_SECONDS,
    );
  return updates;
}

export class DynamoConsoleCounts implements ConsoleCounts {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Two queries of one partition, each over a bounded range: the window's days, then the hours ahead and totals. */
  async read(window: CountsWindow): Promise<CountChanges> {
    const counts = noCountChanges();
    const days = this.between(
      `${consoleCounters.dayPrefix}${window.fromDay}`,
      `${consoleCounters.dayPrefix}${window.throughDay}#~`,
    );
    for await (const item of days) {
      const day = String(item.sk).split('#')[1] ?? '';
      const sum = counts.days[day] ?? {};
      counts.days[day] = sum;
      for (const event of DAY_EVENTS)
        if (item[event] !== undefined) sum[event] = (sum[event] ?? 0) + Number(item[event]);
    }
    // 'PENDING#…' sorts before 'TOTALS#…': one range holds the hours still ahead and the totals.
    const ahead = this.between(
      `${consoleCounters.pendingPrefix}${window.pendingFromHour}`,
      `${consoleCounters.totalsPrefix}~`,
    );
    for await (const item of ahead) {
      const sk = String(item.sk);
      if (sk.startsWith(consoleCounters.pendingPrefix)) {
        const hour = sk.split('#')[1] ?? '';
        counts.pendingUntil[hour] = (counts.pendingUntil[hour] ?? 0) + Number(item.pending ?? 0);
        continue;
      }
      for (const [name, value] of Object.entries(item)) {
        if (!isTotalName(name)) continue;
        counts.totals[name] = (counts.totals[name] ?? 0) + Number(value);
      }
    }
    return counts;
  }

  /**
   * The pointer, then one batch of the editions and their tally shards (11 keys each: at most 9 editions a batch);
   * a batch DynamoDB left partly unread is asked again for the rest.
   */
  async recentEditions(limit: number, before?: number): Promise<EditionOutcomes[]> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: latestEditionKey }));
    const latest = Math.min(Number(Item?.latestId ?? 0), before === undefined ? Number.POSITIVE_INFINITY : before - 1);
    const ids = Array.from({ length: Math.max(0, Math.min(limit, latest)) }, (_, index) => String(latest - index));
    if (ids.length === 0) return [];
    let keys: Record<string, unknown>[] | undefined = ids.flatMap((id) => [
      editionKey(id),
      ...Array.from({ length: TALLY_SHARDS }, (_, shard) => tallyKey(id, shard)),
    ]);
    const items: Record<string, unknown>[] = [];
    while (keys && keys.length > 0) {
      const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.client.send(
        new BatchGetCommand({
          RequestItems: {
            [this.tableName]: {
              Keys: keys,
              ProjectionExpression:
                'pk, sk, id, #number, #state, openedAt, subject, recipients, queuedAt, startedBy, #sent, #failed, #unknown, #skipped',
              ExpressionAttributeNames: {
                '#number': 'number',
                '#state': 'state',
                '#sent': 'sent',
                '#failed': 'failed',
                '#unknown': 'unknown',
                '#skipped': 'skipped',
              },
            },
          },
        }),
      );
      items.push(...(Responses?.[this.tableName] ?? []));
      keys = UnprocessedKeys?.[this.tableName]?.Keys;
    }
    return ids.flatMap((id): EditionOutcomes[] => {
      const partition = editionItems.partition(id);
      const edition = items.find((item) => item.pk === partition && item.sk === 'EDITION');
      if (!edition) return [];
      const counts = noOutcomes();
      for (const tally of items) {
        if (tally.pk !== partition || !String(tally.sk).startsWith(editionItems.tallyPrefix)) continue;
        for (const outcome of COUNTED_OUTCOMES) counts[outcome] += Number(tally[outcome] ?? 0);
      }
      return [
        {
          id,
          number: Number(edition.number),
          state: edition.state as EditionState,
          openedAt: String(edition.openedAt),
          ...(typeof edition.subject === 'string' ? { subject: edition.subject } : {}),
          recipients: Number(edition.recipients ?? 0),
          counts,
          ...(edition.startedBy !== undefined ? { startedBy: edition.startedBy as Actor } : {}),
        },
      ];
    });
  }

  /**
   * Replaces every counter by `counts` (the operator's rebuild): the partition's items are deleted, then the new
   * counts are written to shard 0. Writes that happen meanwhile may be lost: it is run when the list is quiet.
   */
  async overwrite(counts: CountChanges): Promise<void> {
    const stale: ItemKey[] = [];
    for await (const item of this.between('\u0000', '~')) stale.push({ pk: String(item.pk), sk: String(item.sk) });
    await this.batchWrite(stale.map((key) => ({ DeleteRequest: { Key: key } })));
    const puts: Array<Record<string, unknown>> = [];
    const totals = Object.fromEntries(Object.entries(counts.totals).filter(([, value]) => value !== 0));
    if (Object.keys(totals).length > 0) puts.push({ ...consoleCounters.totals(0), entity: 'counter', ...totals });
    for (const [day, events] of Object.entries(counts.days))
      puts.push({
        ...consoleCounters.day(day, 0),
        entity: 'counter',
        ...events,
        expiresAt: epochSecondsOf(`${day}T00:00:00Z`) + DAY_RETENTION_SECONDS,
      });
    for (const [hour, pending] of Object.entries(counts.pendingUntil))
      if (pending !== 0)
        puts.push({
          ...consoleCounters.pending(hour, 0),
          entity: 'counter',
          pending,
          expiresAt: epochSecondsOf(`${hour}:00:00Z`) + PENDING_RETENTION_SECONDS,
        });
    await this.batchWrite(puts.map((item) => ({ PutRequest: { Item: item } })));
  }

  private async batchWrite(requests: Array<Record<string, unknown>>): Promise<void> {
    for (let start = 0; start < requests.length; start += 25) {
      let batch: Array<Record<string, unknown>> | undefined = requests.slice(start, start + 25);
      while (batch && batch.length > 0) {
        const { UnprocessedItems } = await this.client.send(
          new BatchWriteCommand({ RequestItems: { [this.tableName]: batch } }),
        );
        batch = UnprocessedItems?.[this.tableName] as Array<Record<string, unknown>> | undefined;
      }
    }
  }

  private async *between(from: string, through: string): AsyncIterable<Record<string, unknown>> {
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :through',
        ExpressionAttributeValues: { ':pk': consoleCounters.partition, ':from': from, ':through': through },
        ConsistentRead: true,
      },
    );
    for await (const page of pages) yield* page.Items ?? [];
  }
}

function isTotalName(name: string): name is TotalName {
  return name === 'confirmed' || name === 'left' || name === 'suppressed' || name.startsWith('language:');
}

function epochSecondsOf(instant: string): number {
  return Math.floor(Date.parse(instant) / 1000);
}
