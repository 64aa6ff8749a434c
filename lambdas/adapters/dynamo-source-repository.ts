// Adapter: sources in the DynamoDB table. A source's feed URL is claimed by its own item in the same transaction
// that stores the source, so one feed is registered once however many requests race. Due sources sit in a sparse
// index (paused and disabled ones drop out of it). Each entry a poll takes up is remembered under every identity key
// it has, claimed with conditional writes, so two polls at once store it once.
import { createHash } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  paginateQuery,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Source } from '../core/domain/source';
import type { EntrySettlement, SaveOutcome, SourceRepository } from '../core/ports/source-repository';
import { domainFields, isCancelledByCondition, isConditionFailure } from './dynamo-items';
import { sourceEntryKey, sourceEntryPrefix, sourceIndexes, sourceKey, sourceUrlKey } from './dynamo-keys';

/** The most items one TransactWriteItems call may hold. */
const TRANSACTION_LIMIT = 100;
/** The most keys one BatchGetItem call may read. */
const BATCH_GET_LIMIT = 100;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** States of an entry item: taken up by a poll now, or settled (stored or skipped) for good. */
const CLAIMED = 'claimed';

export class DynamoSourceRepository implements SourceRepository {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(source: Source, urlKey: string): Promise<{ source: Source; created: boolean }> {
    const stored: Source = { ...source, revision: 1 };
    const urlClaim = sourceUrlKey(sha256(urlKey));
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...urlClaim, entity: 'source-url', sourceId: source.id },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: this.item(stored),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { source: stored, created: true };
    } catch (error) {
      if (!isCancelledByCondition(error)) throw error;
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: urlClaim, ConsistentRead: true }),
      );
      const existing = Item && (await this.findById(String(Item.sourceId)));
      if (!existing) throw error;
      return { source: existing, created: false };
    }
  }

  async findById(id: string): Promise<Source | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: sourceKey(id), ConsistentRead: true }),
    );
    return Item ? domainFields<Source>(Item) : undefined;
  }

  async list(): Promise<Source[]> {
    const sources: Source[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :every',
        ExpressionAttributeValues: { ':every': sourceIndexes.everyPartition },
      },
    );
    for await (const page of pages) for (const item of page.Items ?? []) sources.push(domainFields<Source>(item));
    return sources;
  }

  async listDue(now: string, limit: number): Promise<Source[]> {
    const sources: Source[] = [];
    const pages = paginateQuery(
      { client: this.client, pageSize: Math.min(limit, 100) },
      {
        TableName: this.tableName,
        IndexName: 'gsi1',
        // The sort key starts with nextPollAt: '~' sorts after the '#<id>' of any source due at `now` itself.
        KeyConditionExpression: 'gsi1pk = :due AND gsi1sk <= :now',
        ExpressionAttributeValues: { ':due': sourceIndexes.duePartition, ':now': `${now}#~` },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) {
        sources.push(domainFields<Source>(item));
        if (sources.length === limit) return sources;
      }
    }
    return sources;
  }

  async save(source: Source): Promise<SaveOutcome> {
    const read = source.revision ?? 0;
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: this.item({ ...source, revision: read + 1 }),
          ConditionExpression: 'attribute_exists(pk) AND revision = :read',
          ExpressionAttributeValues: { ':read': read },
          // A refused write brings the stored source back with it: re-applying needs no read of its own.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { status: 'saved' };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = (error as { Item?: Record<string, AttributeValue> }).Item;
      return stored ? { status: 'stale', current: domainFields<Source>(unmarshall(stored)) } : { status: 'missing' };
    }
  }

  async delete(id: string, urlKey: string): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Delete: { TableName: this.tableName, Key: sourceKey(id), ConditionExpression: 'attribute_exists(pk)' } },
            {
              Delete: {
                TableName: this.tableName,
                Key: sourceUrlKey(sha256(urlKey)),
                // Only this source's claim: the URL may have been claimed again by a newer registration.
                ConditionExpression: 'attribute_not_exists(pk) OR sourceId = :id',
                ExpressionAttributeValues: { ':id': id },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (isCancelledByCondition(error)) return false;
      throw error;
    }
    await this.forgetEntries(id);
    return true;
  }

  async claimEntry(
    sourceId: string,
    keys: readonly string[],
    now: string,
    staleBefore: string,
  ): Promise<'claimed' | 'seen'> {
    const entryKeys = this.entryKeys(sourceId, keys);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: entryKeys.map((key) => ({
            Put: {
              TableName: this.tableName,
              Item: { ...key, entity: 'source-entry', entryState: CLAIMED, claimedAt: now },
              ConditionExpression: 'attribute_not_exists(pk) OR (entryState = :claimed AND claimedAt < :stale)',
              ExpressionAttributeValues: { ':claimed': CLAIMED, ':stale': staleBefore },
            },
          })),
        }),
      );
      return 'claimed';
    } catch (error) {
      if (!isCancelledByCondition(error)) throw error;
      await this.rememberAliases(entryKeys);
      return 'seen';
    }
  }

  async recognizeEntries(
    sourceId: string,
    entries: readonly (readonly string[])[],
    staleBefore: string,
  ): Promise<boolean[]> {
    const entryKeys = entries.map((keys) => this.entryKeys(sourceId, keys));
    const found = await this.readEntries([...new Map(entryKeys.flat().map((key) => [key.sk, key])).values()]);
    const recognized: boolean[] = [];
    for (const keys of entryKeys) {
      const items = keys.flatMap((key): Record<string, unknown>[] => {
        const item = found.get(key.sk);
        return item ? [item] : [];
      });
      // A claim older than staleBefore belongs to a poll that died: the entry is taken up again (by claimEntry).
      recognized.push(items.some((item) => item.entryState !== CLAIMED || String(item.claimedAt) >= staleBefore));
      const settled = items.find((item) => item.entryState !== CLAIMED);
      if (settled)
        await this.rememberAs(
          settled,
          keys.filter((key) => !found.has(key.sk)),
        );
    }
    return recognized;
  }

  async rememberEntries(
    sourceId: string,
    entries: readonly (readonly string[])[],
    settlement: EntrySettlement,
  ): Promise<void> {
    const item = (key: ReturnType<DynamoSourceRepository['entryKeys']>[number]) => ({
      Put: {
        TableName: this.tableName,
        Item: { ...key, entity: 'source-entry', ...settledFields(settlement) },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });
    for (const chunk of transactionChunks(entries.map((keys) => this.entryKeys(sourceId, keys)))) {
      try {
        await this.client.send(new TransactWriteCommand({ TransactItems: chunk.flat().map(item) }));
      } catch (error) {
        if (!isCancelledByCondition(error)) throw error;
        // One of them is known already (taken up by a poll meanwhile): each of the others on its own.
        for (const keys of chunk)
          await this.client
            .send(new TransactWriteCommand({ TransactItems: keys.map(item) }))
            .catch((refused: unknown) => {
              if (!isCancelledByCondition(refused)) throw refused;
            });
      }
    }
  }

  async settleEntry(sourceId: string, keys: readonly string[], settlement: EntrySettlement): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: this.entryKeys(sourceId, keys).map((key) => ({
          Put: { TableName: this.tableName, Item: { ...key, entity: 'source-entry', ...settledFields(settlement) } },
        })),
      }),
    );
  }

  async releaseEntry(sourceId: string, keys: readonly string[]): Promise<void> {
    await this.client
      .send(
        new TransactWriteCommand({
          TransactItems: this.entryKeys(sourceId, keys).map((key) => ({
            // Deleting an item that is not there succeeds; one that was settled meanwhile stays.
            Delete: {
              TableName: this.tableName,
              Key: key,
              ConditionExpression: 'attribute_not_exists(pk) OR entryState = :claimed',
              ExpressionAttributeValues: { ':claimed': CLAIMED },
            },
          })),
        }),
      )
      .catch((error: unknown) => {
        if (!isCancelledByCondition(error)) throw error;
      });
  }

  /** The item a source is stored as: due in the sparse index only while it is polled (active or failing). */
  private item(source: Source): Record<string, unknown> {
    const polled = (source.state === 'active' || source.state === 'failing') && source.nextPollAt !== undefined;
    return {
      ...sourceKey(source.id),
      entity: 'source',
      ...(polled ? sourceIndexes.due(source.nextPollAt!, source.id) : {}),
      ...sourceIndexes.every(source.createdAt, source.id),
      ...source,
    };
  }

  /** One item key per distinct identity key (a transaction may not touch an item twice). */
  private entryKeys(sourceId: string, keys: readonly string[]) {
    return [...new Set(keys.map(sha256))].map((hash) => sourceEntryKey(sourceId, hash));
  }

  /**
   * After an entry was recognised: when one of its keys is settled, its other keys are remembered as that entry's
   * too, so the entry is still recognised once the key that matched changes. A key only claimed by a poll still
   * running proves nothing yet (that poll may fail and give it back), so then nothing is added.
   */
  private async rememberAliases(entryKeys: ReturnType<DynamoSourceRepository['entryKeys']>): Promise<void> {
    const found = await this.readEntries(entryKeys);
    const settled = [...found.values()].find((item) => item.entryState !== CLAIMED);
    if (settled)
      await this.rememberAs(
        settled,
        entryKeys.filter((key) => !found.has(key.sk)),
      );
  }

  /** Remembers each key as the settled entry's, unless a key was remembered meanwhile. */
  private async rememberAs(
    settled: Record<string, unknown>,
    keys: ReturnType<DynamoSourceRepository['entryKeys']>,
  ): Promise<void> {
    for (const key of keys) {
      await this.client
        .send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...domainFields<Record<string, unknown>>(settled), ...key, entity: 'source-entry' },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    }
  }

  /** The entry items of these keys that exist, by sort key: consistent reads, 100 keys to a call (the limit). */
  private async readEntries(
    keys: ReturnType<DynamoSourceRepository['entryKeys']>,
  ): Promise<Map<string, Record<string, unknown>>> {
    const found = new Map<string, Record<string, unknown>>();
    for (let start = 0; start < keys.length; start += BATCH_GET_LIMIT) {
      let pending: Record<string, unknown>[] | undefined = keys.slice(start, start + BATCH_GET_LIMIT);
      for (let attempt = 0; pending && pending.length > 0; attempt += 1) {
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 1_000)));
        const answer: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        for (const item of answer.Responses?.[this.tableName] ?? []) found.set(String(item.sk), item);
        pending = answer.UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found;
  }

  /** Deleted in transactions of up to 100 (DynamoDB's limit): no BatchWriteItem, which no role is granted. */
  private async forgetEntries(sourceId: string): Promise<void> {
    const pages = paginateQuery(
      { client: this.client, pageSize: TRANSACTION_LIMIT },
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :source AND begins_with(sk, :entry)',
        ExpressionAttributeValues: { ':source': sourceKey(sourceId).pk, ':entry': sourceEntryPrefix },
        ProjectionExpression: 'pk, sk',
      },
    );
    for await (const page of pages) {
      const items = page.Items ?? [];
      if (items.length === 0) continue;
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: items.map((item) => ({
            Delete: { TableName: this.tableName, Key: { pk: item.pk, sk: item.sk } },
          })),
        }),
      );
    }
  }
}

function settledFields(settlement: EntrySettlement): Record<string, string> {
  return 'reportId' in settlement
    ? { entryState: 'stored', reportId: settlement.reportId }
    : { entryState: 'skipped', skipped: settlement.skipped };
}

/**
 * Entries (each its item keys) grouped into transactions of at most TRANSACTION_LIMIT items, an entry never split
 * across two; a key that two entries share is written once (a transaction may not touch an item twice).
 */
function transactionChunks<Key extends { sk: string }>(entries: readonly Key[][]): Key[][][] {
  const chunks: Key[][][] = [];
  let chunk: Key[][] = [];
  let inChunk = new Set<string>();
  for (const keys of entries) {
    const fresh = keys.filter((key) => !inChunk.has(key.sk));
    if (inChunk.size + fresh.length > TRANSACTION_LIMIT) {
      chunks.push(chunk);
      chunk = [];
      inChunk = new Set();
    }
    const own = keys.filter((key) => !inChunk.has(key.sk));
    for (const key of own) inChunk.add(key.sk);
    if (own.length > 0) chunk.push(own);
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}
