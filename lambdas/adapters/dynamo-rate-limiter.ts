// Adapter: per-client request counts in the DynamoDB table, one item per client per minute, so that the limit
// holds across every Lambda instance; DynamoDB's TTL removes them. Clients are stored as keyed hashes: the table
// never holds a reader's network address.
import { createHmac } from 'node:crypto';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { RateLimiter, RateVerdict } from '../core/ports/rate-limiter';
import { rateWindowKey } from './dynamo-keys';

const WINDOW_SECONDS = 60;

export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Keys the hash of client names, so that the stored hashes cannot be matched against every address. */
    private readonly hashKey: string,
  ) {}

  async take(client: string, perMinute: number, now: Date): Promise<RateVerdict> {
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const windowStart = nowSeconds - (nowSeconds % WINDOW_SECONDS);
    const { Attributes } = await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: rateWindowKey(this.hashOf(client), windowStart),
        UpdateExpression: 'SET entity = :entity, expiresAt = :expires ADD requests :one',
        ExpressionAttributeValues: { ':entity': 'rate', ':expires': windowStart + 2 * WINDOW_SECONDS, ':one': 1 },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    if (Number(Attributes?.requests ?? 0) <= perMinute) return { allowed: true };
    return { allowed: false, retryAfterSeconds: windowStart + WINDOW_SECONDS - nowSeconds };
  }

  private hashOf(client: string): string {
    return createHmac('sha256', this.hashKey).update(client).digest('base64url').slice(0, 22);
  }
}
