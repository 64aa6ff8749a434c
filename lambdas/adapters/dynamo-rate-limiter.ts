// Adapter: per-client sliding windows (rate-window.ts) in the DynamoDB table, so that the limit holds across every
// Lambda instance. One item per client holds its register — the times of its last `limit` admitted requests, oldest
// in `t0` — and each request is one conditional update: admitted when `t0` left the window, the register shifted by
// one in the same write, so that concurrent requests of one client are counted one by one by DynamoDB itself. A
// refused request writes nothing. Clients are stored as keyed hashes: the table never holds a reader's network
// address. DynamoDB's TTL removes an item a minute after its last admitted request, when it no longer limits anyone.
import { createHmac } from 'node:crypto';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  NEVER_ADMITTED,
  RATE_WINDOW_MS,
  type RateVerdict,
  retryAfterSeconds,
  windowOpenedAfter,
} from '../core/domain/rate-window';
import type { RateLimiter } from '../core/ports/rate-limiter';
import { isConditionFailure } from './dynamo-items';
import { rateWindowKey } from './dynamo-keys';

export class DynamoRateLimiter implements RateLimiter {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    /** Keys the hash of client names, so that the stored hashes cannot be matched against every address. */
    private readonly hashKey: string,
  ) {}

  async take(client: string, perMinute: number, now: Date): Promise<RateVerdict> {
    const at = now.getTime();
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: rateWindowKey(this.hashOf(client)),
          UpdateExpression: `SET ${shiftedRegister(perMinute)}, entity = :entity, expiresAt = :expires`,
          ConditionExpression: 'attribute_not_exists(t0) OR t0 <= :windowOpened',
          ExpressionAttributeValues: {
            ':now': at,
            ...(perMinute > 1 ? { ':never': NEVER_ADMITTED } : {}),
            ':windowOpened': windowOpenedAfter(at),
            ':entity': 'rate',
            ':expires': Math.ceil((at + RATE_WINDOW_MS) / 1000),
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { allowed: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const oldest = Number((error as { Item?: { t0?: { N?: string } } }).Item?.t0?.N ?? Number.NaN);
      // The oldest admission is what refused: should the answer not carry it, a slot opens within the window.
      return {
        allowed: false,
        retryAfterSeconds: Number.isNaN(oldest) ? RATE_WINDOW_MS / 1000 : retryAfterSeconds(oldest, at),
      };
    }
  }

  private hashOf(client: string): string {
    return createHmac('sha256', this.hashKey).update(client).digest('base64url').slice(0, 22);
  }
}

/** `t0 = t1, t1 = t2, …, t(n-1) = :now`: each slot takes the next one's time (a slot never written is never). */
function shiftedRegister(limit: number): string {
  const moves = Array.from({ length: limit - 1 }, (_, slot) => `t${slot} = if_not_exists(t${slot + 1}, :never)`);
  return [...moves, `t${limit - 1} = :now`].join(', ');
}
