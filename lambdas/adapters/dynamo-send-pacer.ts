// Adapter: the shared per-second allowance in the DynamoDB table. Each message takes one from the item of the
// current second with a conditional ADD, so every process that sends — each Lambda invocation, the admin
// function's test sends — stays within the one rate. The allowance opens a tenth at a time through the second
// (allowanceThrough); a spent window sends the taker to the next one.
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  allowanceThrough,
  type PacerSlot,
  type SendKind,
  throttleBackOffMs,
  WINDOWS_PER_SECOND,
} from '../core/domain/pacing';
import type { SendPacer } from '../core/ports/send-pacer';
import { isConditionFailure } from './dynamo-items';
import { pacerSecondKey } from './dynamo-keys';

export interface PacerOptions {
  /** Messages per second, for the whole account. */
  rate: number;
  /** Time and waiting, replaceable in tests. */
  now?: () => number;
  sleep?: (milliseconds: number) => Promise<void>;
  /**
   * Senders of this process asking DynamoDB at once; the others queue here. Without it every waiting sender would
   * ask again each tenth of a second — a hundred waiting senders, a thousand failed writes a second on one item.
   */
  pollers?: number;
}

/** The per-second items are gone (TTL) a minute after their second. */
const KEEP_SECONDS = 60;

export class DynamoSendPacer implements SendPacer {
  private readonly now: () => number;
  private readonly sleep: (milliseconds: number) => Promise<void>;
  private polling = 0;
  private readonly queued: Array<() => void> = [];

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: PacerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)));
  }

  async acquire(kind: SendKind): Promise<PacerSlot> {
    if (this.polling >= (this.options.pollers ?? 4)) await new Promise<void>((resolve) => this.queued.push(resolve));
    else this.polling += 1;
    try {
      return await this.poll(kind);
    } finally {
      // The place passes straight to the next queued sender, if any.
      const next = this.queued.shift();
      if (next) next();
      else this.polling -= 1;
    }
  }

  private async poll(kind: SendKind): Promise<PacerSlot> {
    const windowMs = 1000 / WINDOWS_PER_SECOND;
    for (;;) {
      const now = this.now();
      const second = Math.floor(now / 1000);
      const window = Math.floor((now - second * 1000) / windowMs);
      if (await this.take(second, allowanceThrough(kind, this.options.rate, window))) return { second };
      // This window is spent: come back at the next one, spread out so the waiting senders do not all collide.
      const nextWindow = second * 1000 + (window + 1) * windowMs;
      await this.sleep(nextWindow - this.now() + Math.floor(Math.random() * 10));
    }
  }

  async giveBack(slot: PacerSlot): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pacerSecondKey(slot.second),
          UpdateExpression: 'ADD taken :minusOne',
          ConditionExpression: 'taken > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async backOff(attempt: number): Promise<void> {
    await this.sleep(throttleBackOffMs(attempt));
  }

  private async take(second: number, limit: number): Promise<boolean> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: pacerSecondKey(second),
          UpdateExpression: 'ADD taken :one SET expiresAt = if_not_exists(expiresAt, :expires)',
          ConditionExpression: ':limit > :zero AND (attribute_not_exists(taken) OR taken < :limit)',
          ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':limit': limit, ':expires': second + KEEP_SECONDS },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
