// The shared send allowance on the real DynamoDB Local: two senders (two deliver invocations, say) together never
// pass the rate in any second, digests leave confirmations a reserve (released to digests late in the second when
// unused), a place that went unused (its call never reached SES) is given back, and a throttle holds its sender
// back.
// Time is virtual — each sender's waiting moves a shared clock — so the test is exact and takes no real seconds.
import { DynamoSendPacer } from '../../lambdas/adapters/dynamo-send-pacer';
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
      // The second the place was taken in: reading the shared clock once acquire returns would count the other
      // sender's wait too, whenever that one moved the clock on first.
      granted.push((await pacer.acquire('digest')).second);
    }
  };
  await Promise.all([sendAll(first!, 25), sendAll(second!, 20)]);

  expect(granted).toHaveLength(45);
  const perSecond = new Map<number, number>();
  for (const second of granted) perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
  expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(rate);
  // 45 digests at 10 a second (no confirmation took the reserve): five seconds, not more.
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
  for (let index = 0; index < 100; index += 1) {
    await pacer.acquire('digest');
    granted.push(Math.floor((time.now() - start) / 100));
  }
  const perWindow = new Map<number, number>();
  for (const window of granted) perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
  // At a rate of 100, digests get nine in each tenth of the second, and the unused reserve over its second half.
  expect([...perWindow.entries()].sort(([a], [b]) => a - b)).toEqual(
    [9, 9, 9, 9, 9, 11, 11, 11, 11, 11].map((count, window) => [window, count]),
  );
});

it('keeps confirmations room in every tenth of the first half of a second, whatever digests take', async () => {
  const table = await createTestTable('pacer-reserve');
  const start = Date.UTC(2026, 11, 1, 12, 0, 0);
  const time = virtualTime(start);
  const pacer = new DynamoSendPacer(clients.dynamo, table, { rate: 10, ...time });
  const tenth = () => Math.floor((time.now() - start) / 100);
  // Digests may have taken 0, 1, 2, 3, 4 by the end of the first five tenths: they wait for each.
  for (let index = 0; index < 4; index += 1) await pacer.acquire('digest');
  expect(tenth()).toBe(4);
  await pacer.acquire('confirmation');
  expect(tenth()).toBe(4); // a confirmation goes at once: the reserve was kept for it
  await pacer.acquire('digest');
  expect(tenth()).toBeGreaterThan(4); // a digest waits for the next tenth that has room

  const quiet = virtualTime(Date.UTC(2026, 11, 1, 13, 0, 0));
  const other = new DynamoSendPacer(clients.dynamo, table, { rate: 10, ...quiet });
  for (let index = 0; index < 10; index += 1) await other.acquire('digest');
  const second = () => Math.floor(quiet.now() / 1000);
  expect(second()).toBe(Date.UTC(2026, 11, 1, 13, 0, 0) / 1000); // no confirmation came: digests used the rate
  await other.acquire('digest');
  expect(second()).toBe(Date.UTC(2026, 11, 1, 13, 0, 0) / 1000 + 1);
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

it('takes back a place that went unused, so that the second still sends its whole allowance', async () => {
  const table = await createTestTable('pacer-give-back');
  const time = virtualTime(Date.UTC(2026, 11, 1, 12, 0, 0));
  const pacer = new DynamoSendPacer(clients.dynamo, table, { rate: 10, ...time });
  const start = Math.floor(time.now() / 1000);
  const slots = [];
  for (let index = 0; index < 9; index += 1) slots.push(await pacer.acquire('digest'));
  expect(slots.every((slot) => slot.second === start)).toBe(true);
  await pacer.giveBack(slots[0]!);
  await pacer.giveBack(slots[1]!);
  for (let index = 0; index < 3; index += 1) await pacer.acquire('digest');
  expect(Math.floor(time.now() / 1000)).toBe(start); // two places given back: ten sent in the second, not eight
  await pacer.acquire('digest');
  expect(Math.floor(time.now() / 1000)).toBe(start + 1);
});
