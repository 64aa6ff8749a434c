// Adapter: web hosts' page slots (the PageHostSlots port) in the DynamoDB table, one item per host. Taking a slot is
// one conditional PutItem — written when no lease is there or the one there ran out — so two pollers asking at once
// are decided by DynamoDB itself; giving it back is a DeleteItem conditioned on the holder, so a lease that ran out
// and was taken over is never dropped by its late first holder. How many slots a host has, how long a lease runs and
// how long a poll waits are the core's (requests-per-host.ts); this only writes. DynamoDB's TTL removes an item a
// while after its lease ran out, when it no longer holds anyone back (TTL is late by hours at times: `leaseUntil`,
// not the item's presence, is what the condition reads).
import { randomBytes } from 'node:crypto';
import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PageHostSlots, PageSlotLease } from '../core/ports/page-host-slots';
import { isConditionFailure } from './dynamo-items';
import { pageSlotKey } from './dynamo-keys';

/** A lease's item is left to TTL this long after the lease ran out. */
const KEEP_SECONDS = 3_600;

export class DynamoPageHostSlots implements PageHostSlots {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async take(host: string, now: Date, until: Date): Promise<PageSlotLease | undefined> {
    const holder = randomBytes(12).toString('base64url');
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...pageSlotKey(host),
            entity: 'page-slot',
            holder,
            leaseUntil: until.getTime(),
            expiresAt: Math.ceil(until.getTime() / 1_000) + KEEP_SECONDS,
          },
          ConditionExpression: 'attribute_not_exists(pk) OR leaseUntil < :now',
          ExpressionAttributeValues: { ':now': now.getTime() },
        }),
      );
      return { host, holder, until: until.toISOString() };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async release(lease: PageSlotLease): Promise<void> {
    await this.client
      .send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: pageSlotKey(lease.host),
          ConditionExpression: 'holder = :holder',
          ExpressionAttributeValues: { ':holder': lease.holder },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }
}
