// Web hosts' page slots against the real DynamoDB Local: one holder per host however many take at once, a lease
// that ran out taken over, and a release by anyone but the holder doing nothing.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { pageSlotKey } from '../../lambdas/adapters/dynamo-keys';
import { DynamoPageHostSlots } from '../../lambdas/adapters/dynamo-page-host-slots';
import { createTestTable, localClients } from '../support/local-services';

const clients = localClients();
let slots: DynamoPageHostSlots;
let tableName: string;

beforeAll(async () => {
  tableName = await createTestTable('page-slots');
  slots = new DynamoPageHostSlots(clients.dynamo, tableName);
});
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

const NOW = new Date('2026-12-07T10:00:00.000Z');
const later = (milliseconds: number) => new Date(NOW.getTime() + milliseconds);

async function stored(host: string) {
  const { Item } = await clients.dynamo.send(new GetCommand({ TableName: tableName, Key: pageSlotKey(host) }));
  return Item;
}

it('gives a host’s slot to one of many takers at once, and to nobody else until it is given back', async () => {
  const takers = await Promise.all(Array.from({ length: 8 }, () => slots.take('busy.example', NOW, later(30_000))));
  const held = takers.filter((lease) => lease !== undefined);
  expect(held).toHaveLength(1);
  expect(held[0]).toMatchObject({ host: 'busy.example', until: later(30_000).toISOString() });
  expect(await slots.take('busy.example', later(29_999), later(60_000))).toBeUndefined();
  // Another host's slot is its own.
  expect(await slots.take('other.example', NOW, later(30_000))).toBeDefined();

  await slots.release(held[0]!);
  expect(await stored('busy.example')).toBeUndefined();
  expect(await slots.take('busy.example', later(1_000), later(31_000))).toBeDefined();
});

it('lets a lease that ran out be taken over, and keeps the new holder’s slot from the late first holder', async () => {
  const first = await slots.take('stale.example', NOW, later(30_000));
  expect(first).toBeDefined();
  const second = await slots.take('stale.example', later(30_001), later(60_001));
  expect(second).toBeDefined();
  expect(second!.holder).not.toBe(first!.holder);

  // The first holder comes back late and releases: the slot stays the second's.
  await slots.release(first!);
  expect(await stored('stale.example')).toMatchObject({ holder: second!.holder, leaseUntil: later(60_001).getTime() });
  expect(await slots.take('stale.example', later(40_000), later(70_000))).toBeUndefined();
});

it('does nothing on a release by a holder it does not know', async () => {
  const lease = await slots.take('held.example', NOW, later(30_000));
  await slots.release({ ...lease!, holder: 'someone-else' });
  expect(await stored('held.example')).toMatchObject({ holder: lease!.holder });
  expect(await slots.take('held.example', later(1_000), later(31_000))).toBeUndefined();
  // Nothing held at all: a release is a no-op, not an error.
  await expect(
    slots.release({ host: 'never.example', holder: 'nobody', until: NOW.toISOString() }),
  ).resolves.toBeUndefined();
});

it('leaves the item to TTL a while after its lease runs out', async () => {
  await slots.take('ttl.example', NOW, later(30_000));
  const item = await stored('ttl.example');
  expect(item!.expiresAt).toBeGreaterThan(later(30_000).getTime() / 1_000);
  expect(item!.expiresAt).toBeLessThan(later(30_000).getTime() / 1_000 + 24 * 3_600);
});
