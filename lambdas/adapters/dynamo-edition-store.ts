// Adapter: editions in the DynamoDB table. One pointer item names the latest edition; opening the next one moves
// the pointer and creates the edition in one transaction, so two sends can never open two editions at once.
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Edition,
  EditionPeriod,
  EditionRetry,
  FanOutProgress,
  FrozenEmail,
  PublishedEdition,
} from '../core/domain/edition';
import type { EditionStore } from '../core/ports/edition-store';
import { isCancelledByCondition, isConditionFailure } from './dynamo-items';
import { editionKey, latestEditionKey } from './dynamo-keys';

/** The edition as stored: the email gzipped (Arabic HTML shrinks ~6×, and so does the write's cost). */
interface EditionItem extends Omit<Edition, 'email'> {
  emailGzip?: Uint8Array;
}

export class DynamoEditionStore implements EditionStore {
  /** Frozen emails never change: each deliver invocation reads one once, not once per reader. */
  private readonly frozen = new Map<string, Promise<FrozenEmail | undefined>>();

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async latest(): Promise<Edition | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: latestEditionKey, ConsistentRead: true }),
    );
    const latestId = Item?.latestId as string | undefined;
    return latestId === undefined ? undefined : this.find(latestId);
  }

  async find(id: string): Promise<Edition | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: editionKey(id), ConsistentRead: true }),
    );
    return Item ? fromItem(Item as EditionItem & Record<string, unknown>) : undefined;
  }

  frozenEmail(id: string): Promise<FrozenEmail | undefined> {
    let email = this.frozen.get(id);
    if (!email) {
      email = this.find(id).then((edition) => edition?.email);
      this.frozen.set(id, email);
      // Not frozen yet, or the read failed: ask again next time.
      email.then(
        (found) => found ?? this.frozen.delete(id),
        () => this.frozen.delete(id),
      );
    }
    return email;
  }

  async open(edition: Edition, previousId: string | undefined): Promise<{ edition: Edition; opened: boolean }> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: latestEditionKey,
                UpdateExpression: 'SET latestId = :id',
                ConditionExpression:
                  previousId === undefined ? 'attribute_not_exists(latestId)' : 'latestId = :previous',
                ExpressionAttributeValues: {
                  ':id': edition.id,
                  ...(previousId === undefined ? {} : { ':previous': previousId }),
                },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...editionKey(edition.id), entity: 'edition', ...toItem(edition) },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { edition, opened: true };
    } catch (error) {
      if (!isCancelledByCondition(error)) throw error;
      const other = await this.latest();
      if (!other) throw error;
      return { edition: other, opened: false };
    }
  }

  async freeze(id: string, email: FrozenEmail): Promise<Edition> {
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: editionKey(id),
          // The subject and count stand beside the gzipped email so that the archive lists editions without it.
          UpdateExpression: 'SET #state = :sending, emailGzip = :email, subject = :subject, reportCount = :reports',
          ConditionExpression: '#state = :composing',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':composing': 'composing',
            ':email': gzip(email),
            ':subject': email.subject,
            ':reports': email.reports,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem(Attributes as EditionItem & Record<string, unknown>);
    } catch (error) {
      // Another run froze it first: every reader gets that rendering.
      if (!isConditionFailure(error)) throw error;
      const stored = await this.find(id);
      if (!stored) throw error;
      return stored;
    }
  }

  /** Editions are numbered 1, 2, … from the pointer down: a batch get of the newest, not a scan. */
  async published(limit: number): Promise<PublishedEdition[]> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: latestEditionKey }));
    const latest = Number(Item?.latestId ?? 0);
    const numbers = Array.from({ length: Math.min(limit, latest) }, (_, index) => latest - index);
    const found: PublishedEdition[] = [];
    for (let start = 0; start < numbers.length; start += 100) {
      let keys: Record<string, unknown>[] | undefined = numbers
        .slice(start, start + 100)
        .map((number) => editionKey(String(number)));
      while (keys && keys.length > 0) {
        const { Responses, UnprocessedKeys }: BatchGetCommandOutput = await this.client.send(
          new BatchGetCommand({
            RequestItems: {
              [this.tableName]: {
                Keys: keys,
                ProjectionExpression: 'id, #number, #state, openedAt, subject, reportCount',
                ExpressionAttributeNames: { '#number': 'number', '#state': 'state' },
              },
            },
          }),
        );
        for (const item of Responses?.[this.tableName] ?? []) {
          if (item.state === 'composing') continue;
          found.push({
            id: String(item.id),
            number: Number(item.number),
            subject: String(item.subject ?? ''),
            reports: Number(item.reportCount ?? 0),
            openedAt: String(item.openedAt),
          });
        }
        keys = UnprocessedKeys?.[this.tableName]?.Keys;
      }
    }
    return found.sort((a, b) => b.number - a.number);
  }

  async advanceFanOut(id: string, from: string | undefined, to: FanOutProgress): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: editionKey(id),
          UpdateExpression:
            to.cursor === undefined
              ? 'SET recipients = :recipients REMOVE #cursor'
              : 'SET recipients = :recipients, #cursor = :to',
          // The first page: no fan-out yet. Later ones: the cursor this run paged from is still the stored one.
          ConditionExpression:
            from === undefined
              ? '#state = :sending AND attribute_not_exists(recipients)'
              : '#state = :sending AND #cursor = :from',
          ExpressionAttributeNames: { '#state': 'state', '#cursor': 'cursor' },
          ExpressionAttributeValues: {
            ':sending': 'sending',
            ':recipients': to.recipients,
            ...(to.cursor === undefined ? {} : { ':to': to.cursor }),
            ...(from === undefined ? {} : { ':from': from }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  async recordRetry(id: string, retry: EditionRetry): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: editionKey(id),
        UpdateExpression: 'SET lastRetry = :retry',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':retry': retry },
      }),
    );
  }

  async markQueued(id: string, at: Date): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: editionKey(id),
          UpdateExpression: 'SET #state = :queued, queuedAt = :at',
          ConditionExpression: '#state = :sending AND attribute_not_exists(#cursor)',
          ExpressionAttributeNames: { '#state': 'state', '#cursor': 'cursor' },
          ExpressionAttributeValues: { ':queued': 'queued', ':sending': 'sending', ':at': at.toISOString() },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async lastEmptyRunAt(): Promise<string | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: latestEditionKey, ConsistentRead: true }),
    );
    return (Item?.lastEmptyRun as { at?: string } | undefined)?.at;
  }

  async recordEmptyRun(period: EditionPeriod, at: Date): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: latestEditionKey,
        UpdateExpression: 'SET lastEmptyRun = :run',
        ExpressionAttributeValues: { ':run': { at: at.toISOString(), ...period } },
      }),
    );
  }
}

function toItem(edition: Edition): EditionItem {
  const { email, ...rest } = edition;
  return email ? { ...rest, emailGzip: gzip(email) } : rest;
}

function fromItem(item: EditionItem & Record<string, unknown>): Edition {
  // subject and reportCount repeat the frozen email's, for the archive: the email itself is the record.
  const { pk: _pk, sk: _sk, entity: _entity, emailGzip, subject: _subject, reportCount: _count, ...edition } = item;
  return emailGzip ? { ...(edition as Edition), email: gunzip(emailGzip) } : (edition as Edition);
}

function gzip(email: FrozenEmail): Uint8Array {
  return gzipSync(JSON.stringify(email));
}

function gunzip(data: Uint8Array): FrozenEmail {
  return JSON.parse(gunzipSync(data).toString('utf8')) as FrozenEmail;
}
