// The shared send allowance on the real DynamoDB Local: two senders (two deliver invocations, say) together never
// pass the rate in any second, digests leave the reserve to confirmations, and a throttle holds a sender back.
// Time is virtual — each sender's waiting moves a shared clock — so the test is exact and takes no real seconds.
import { DynamoSendPacer } from '../../lambdas/adapters/dynamo-send-pacer';
import { allowanceFor } from '../../lambdas/core/domain/pacing';
import { createTestTable, localClients } from '../support/local-services';

const clients = localClients();
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

/** A clock that only waiting moves: sleep(ms) brings it to at least the moment the sleeper asked to wake at. */
function virtualTime(start: number) {
  let now = start;
  return {
    now: () => now,
    sleep: async (milliseconds: number) => {
      const wakeAt = now + Math.max(0, milliseconds);
      await new Promise((resolve) => setImmediate(resolve));
      now = Math.max(now, wakeAt);
    },
  };
}

it('keeps two senders together within the rate in every second, and sends everything', async () => {
  const table = await createTestTable('pacer');
  const time = virtualTime(Date.UTC(2026, 11, 1, 12, 0, 0));
  const rate = 10;
  const [first, second] = [0, 1].map(() => new DynamoSendPacer(clients.dynamo, table, { rate, ...time }));
  const granted: number[] = [];
  const sendAll = async (pacer: DynamoSendPacer, count: number) => {
    for (let index = 0; index < count; index += 1) {
      await pacer.acquire('digest');
      granted.push(Math.floor(time.now() / 1000));
    }
  };
  await Promise.all([sendAll(first!, 25), sendAll(second!, 20)]);

  expect(granted).toHaveLength(45);
  const perSecond = new Map<number, number>();
  for (const second of granted) perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(allowanceFor('digest', rate));
  // 45 digests at 9 a second: five seconds, not more.
  expect(perSecond.size).toBe(5);
});

it('lets only a few senders of one process ask DynamoDB at once, and serves the others in turn', async () => {
  const table = await createTestTable('pacer-pollers');
  const time = virtualTime(Date.UTC(2026, 11, 1, 12, 0, 0));
  const send = clients.dynamo.send.bind(clients.dynamo);
  let asking = 0;
  let most = 0;
  const counting = Object.assign(Object.create(clients.dynamo), {
    send: async (command: Parameters<typeof send>[0]) => {
      asking += 1;
      most = Math.max(most, asking);
      try {
        return await send(command);
      } finally {
        asking -= 1;
      }
    },
  });
  const limited = new DynamoSendPacer(counting, table, { rate: 10, pollers: 2, ...time });
  const slots = await Promise.all(Array.from({ length: 30 }, () => limited.acquire('digest')));
  expect(slots).toHaveLength(30);
  expect(most).toBe(2);
});

it('opens each second a window at a time: no burst at its start', async () => {
  const table = await createTestTable('pacer-windows');
  const start = Date.UTC(2026, 11, 1, 12, 0, 0);
  const time = virtualTime(start);
  const pacer = new DynamoSendPacer(clients.dynamo, table, { rate: 100, ...time });
  const granted: number[] = [];
  for (let index = 0; index < 90; index += 1) {
    await pacer.acquire('digest');
    granted.push(Math.floor((time.now() - start) / 100));
  }
  const perWindow = new Map<number, number>();
  for (const window of granted) perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
  // 90 digests a second at a rate of 100: nine in each tenth of the first second.
  expect([...perWindow.entries()].sort(([a], [b]) => a - b)).toEqual(
    Array.from({ length: 10 }, (_, window) => [window, 9]),
  );
});

it('leaves the reserve of each second to confirmations', async () => {
  const second = (time: { now: () => number }) => Math.floor(time.now() / 1000);
  const table = await createTestTable('pacer-reserve');
  const time = virtualTime(Date.UTC(2026, 11, 1, 12, 0, 0));
  const pacer = new DynamoSendPacer(clients.dynamo, table, { rate: 10, ...time });
  const start = second(time);
  for (let index = 0; index < 9; index += 1) await pacer.acquire('digest');
  expect(second(time)).toBe(start);
  await pacer.acquire('confirmation');
  expect(second(time)).toBe(start); // the tenth message of the second is a confirmation's to take
  await pacer.acquire('confirmation');
  expect(second(time)).toBe(start + 1); // and the rate holds for confirmations too

  const later = virtualTime(Date.UTC(2026, 11, 1, 13, 0, 0));
  const other = new DynamoSendPacer(clients.dynamo, table, { rate: 10, ...later });
  for (let index = 0; index < 9; index += 1) await other.acquire('digest');
  await other.acquire('digest');
  expect(second(later)).toBe(Math.floor(Date.UTC(2026, 11, 1, 13, 0, 0) / 1000) + 1); // a tenth digest waits
});

it('holds a sender back after a throttle for as long as the back-off says', async () => {
  const table = await createTestTable('pacer-throttle');
  const time = virtualTime(Date.UTC(2026, 11, 1, 12, 0, 0));
  const pacer = new DynamoSendPacer(clients.dynamo, table, { rate: 10, ...time });
  const before = time.now();
  await pacer.backOff(1);
  expect(time.now() - before).toBe(400);
  await pacer.acquire('digest');
  expect(time.now() - before).toBe(400);
});

it('gives a refused message its place back, so that the second still sends its whole allowance', async () => {
  const table = await createTestTable('pacer-give-back');
  const time = virtualTime(Date.UTC(2026, 11, 1, 12, 0, 0));
  const pacer = new DynamoSendPacer(clients.dynamo, table, { rate: 10, ...time });
  const start = Math.floor(time.now() / 1000);
  const slots = [];
  for (let index = 0; index < 9; index += 1) slots.push(await pacer.acquire('digest'));
  expect(slots.every((slot) => slot.second === start)).toBe(true);
  await pacer.giveBack(slots[0]!);
  await pacer.giveBack(slots[1]!);
  await pacer.acquire('digest');
  await pacer.acquire('digest');
  expect(Math.floor(time.now() / 1000)).toBe(start); // two places given back, two more in the same second
  await pacer.acquire('digest');
  expect(Math.floor(time.now() / 1000)).toBe(start + 1);
});
