// Adapter: import jobs in the DynamoDB table — the job and its counters on one item, each chunk's plan on one of
// its own. A chunk's counts are added in the same transaction that marks it done, on the condition that it was not:
// a chunk run twice is counted once. Both expire with the job, a month after it started.
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ChunkPlan, ChunkRecord, ImportChecks, ImportJob, ImportJobStore } from '../core/ports/import-job-store';
import { domainFields, isCancelledByCondition, isConditionFailure } from './dynamo-items';
import { importChunkKey, importJobKey } from './dynamo-keys';

/** How long a job's record is kept: long enough to look back at an import, short enough not to pile up. */
const KEPT_SECONDS = 30 * 24 * 3_600;

export class DynamoImportJobStore implements ImportJobStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async create(job: { id: string; createdAt: string }): Promise<void> {
    const stored: ImportJob = {
      ...job,
      state: 'queued',
      rows: 0,
      chunks: 0,
      chunksDone: 0,
      imported: 0,
      skipped: 0,
      rejected: 0,
      firstRejections: [],
    };
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...importJobKey(job.id), ...stored, expiresAt: expiresAt(job.createdAt) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async find(id: string): Promise<ImportJob | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: importJobKey(id), ConsistentRead: true }),
    );
    return Item ? domainFields<ImportJob>(Item) : undefined;
  }

  async recordChecks(id: string, checks: ImportChecks): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: importJobKey(id),
          UpdateExpression:
            'SET #state = :running, #rows = :rows, chunks = :chunks, rejected = :rejected, firstRejections = :first ADD skipped :skipped',
          ConditionExpression: '#state = :queued',
          ExpressionAttributeNames: { '#state': 'state', '#rows': 'rows' },
          ExpressionAttributeValues: {
            ':running': 'running',
            ':queued': 'queued',
            ':rows': checks.rows,
            ':chunks': checks.chunks,
            ':rejected': checks.rejected,
            ':first': checks.firstRejections,
            ':skipped': checks.skipped,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async findChunk(id: string, chunk: number): Promise<ChunkRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: importChunkKey(id, chunk), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    return { plan: { admitted: Item.admitted as number[], skipped: Item.skipped as number }, done: Item.done === true };
  }

  async savePlan(id: string, chunk: number, plan: ChunkPlan): Promise<ChunkPlan> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...importChunkKey(id, chunk),
            admitted: plan.admitted,
            skipped: plan.skipped,
            expiresAt: expiresAt(),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return plan;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const stored = await this.findChunk(id, chunk);
      if (!stored) throw error;
      return stored.plan;
    }
  }

  async recordChunk(id: string, chunk: number, counts: { imported: number; skipped: number }): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: importChunkKey(id, chunk),
                UpdateExpression: 'SET done = :yes',
                ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(done)',
                ExpressionAttributeValues: { ':yes': true },
              },
            },
            {
              Update: {
                TableName: this.tableName,
                Key: importJobKey(id),
                UpdateExpression: 'ADD imported :imported, skipped :skipped, chunksDone :one',
                ExpressionAttributeValues: { ':imported': counts.imported, ':skipped': counts.skipped, ':one': 1 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (isCancelledByCondition(error)) return false;
      throw error;
    }
  }

  async markFailed(id: string, problem: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: importJobKey(id),
        UpdateExpression: 'SET #state = :failed, problem = :problem',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':failed': 'failed', ':problem': problem },
      }),
    );
  }
}

function expiresAt(from?: string): number {
  const start = from ? Date.parse(from) : Date.now();
  return Math.floor(start / 1_000) + KEPT_SECONDS;
}
