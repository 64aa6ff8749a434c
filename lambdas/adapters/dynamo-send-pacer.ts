// Adapter: the shared per-second allowance in the DynamoDB table. Each message takes one from the item of the
// current second with a conditional ADD, so every process that sends — each Lambda invocation, the API's
// confirmations — stays within the one rate; a full second sends the taker to the next one.
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { allowanceFor, type PacerSlot, type SendKind, throttleBackOffMs } from '../core/domain/pacing';
import type { SendPacer } from '../core/ports/send-pacer';
import { isConditionFailure } from './dynamo-items';

export interface PacerOptions {
  /** Messages per second, for the whole account. */
  rate: number;
  /** Time and waiting, replaceable in tests. */
  now?: () => number;
  sleep?: (milliseconds: number) => Promise<void>;
}

/** The per-second items are gone (TTL) a minute after their second. */
const KEEP_SECONDS = 60;

export class DynamoSendPacer implements SendPacer {
  private readonly now: () => number;
  private readonly sleep: (milliseconds: number) => Promise<void>;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: PacerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)));
  }

  async acquire(kind: SendKind): Promise<PacerSlot> {
    const limit = allowanceFor(kind, this.options.rate);
    for (;;) {
      const second = Math.floor(this.now() / 1000);
      if (await this.take(second, limit)) return { second };
      // This second is spent: come back at the next one, spread out so the waiting senders do not all collide.
      await this.sleep((second + 1) * 1000 - this.now() + Math.floor(Math.random() * 50));
    }
  }

  async giveBack(slot: PacerSlot): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: 'PACER#ses', sk: `SECOND#${slot.second}` },
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
          Key: { pk: 'PACER#ses', sk: `SECOND#${second}` },
          UpdateExpression: 'ADD taken :one SET expiresAt = if_not_exists(expiresAt, :expires)',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':expires': second + KEEP_SECONDS },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}
