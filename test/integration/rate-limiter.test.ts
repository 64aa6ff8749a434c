// The per-client limit as a sliding window, on the real DynamoDB Local and on the in-memory fake alike, with the
// clock in the test's hands: no burst across a minute boundary, the Retry-After a refused request is told, and
// concurrent requests of one client counted one by one.
import { createHmac } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { rateWindowKey } from '../../lambdas/adapters/dynamo-keys';
import { DynamoRateLimiter } from '../../lambdas/adapters/dynamo-rate-limiter';
import { MAX_RATE_LIMIT } from '../../lambdas/core/domain/rate-window';
import type { RateLimiter } from '../../lambdas/core/ports/rate-limiter';
import { InMemoryRateLimiter } from '../support/in-memory-rate-limiter';
import { createTestTable, localClients } from '../support/local-services';

const clients = localClients();
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

/** 12:00:58 UTC: two seconds before a minute turns over. */
const BEFORE_THE_MINUTE = Date.UTC(2026, 11, 1, 12, 0, 58);
const at = (offsetMs: number) => new Date(BEFORE_THE_MINUTE + offsetMs);

let table: string;
beforeAll(async () => {
  table = await createTestTable('rate');
});

const limiters: Array<[string, () => RateLimiter]> = [
  ['DynamoRateLimiter', () => new DynamoRateLimiter(clients.dynamo, table, 'rate-test-hash-key')],
  ['InMemoryRateLimiter', () => new InMemoryRateLimiter()],
];

describe.each(limiters)('%s', (_name, create) => {
  let limiter: RateLimiter;
  let client: string;
  beforeEach(() => {
    limiter = create();
    client = `client-${Math.random().toString(36).slice(2)}`;
  });

  it('admits 5 of 10 requests made in 4 s across a minute boundary, and each refused one learns when to come back', async () => {
    const verdicts = [];
    // 12:00:58.0, 12:00:58.4 … 12:01:01.6: five before the minute turns, five after.
    for (let request = 0; request < 10; request += 1) verdicts.push(await limiter.take(client, 5, at(request * 400)));
    expect(verdicts.slice(0, 5)).toEqual(Array(5).fill({ allowed: true }));
    // The first admitted (12:00:58.0) leaves the window at 12:01:58.0.
    // 12:01:00.0 → 58 s, 12:01:00.4 → 57.6 s rounded up … 12:01:01.6 → 56.4 s, rounded up.
    expect(verdicts.slice(5)).toEqual(
      [58, 58, 58, 57, 57].map((retryAfterSeconds) => ({ allowed: false, retryAfterSeconds })),
    );
  });

  it('opens one slot as each admitted request leaves the window, to the millisecond', async () => {
    for (const offset of [0, 10_000, 20_000])
      expect(await limiter.take(client, 3, at(offset))).toEqual({ allowed: true });
    expect(await limiter.take(client, 3, at(59_999))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await limiter.take(client, 3, at(60_000))).toEqual({ allowed: true });
    // The next slot is 12:00:58 + 10 s's: refused until 60 s after it.
    expect(await limiter.take(client, 3, at(60_001))).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(await limiter.take(client, 3, at(70_000))).toEqual({ allowed: true });
    // Refused requests took no slot: at 80 s the one of 20 s has left the window, so one more goes; then the oldest
    // is the one of 60 s.
    expect(await limiter.take(client, 3, at(80_000))).toEqual({ allowed: true });
    expect(await limiter.take(client, 3, at(80_000))).toEqual({ allowed: false, retryAfterSeconds: 40 });
    // Another client is not held back.
    expect(await limiter.take(`${client}-other`, 3, at(80_000))).toEqual({ allowed: true });
  });

  it('admits exactly the limit of requests made at once', async () => {
    const verdicts = await Promise.all(Array.from({ length: 12 }, () => limiter.take(client, 4, at(0))));
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(4);
  });

  it(`works at the highest limit there is (${MAX_RATE_LIMIT}) and at a limit of one`, async () => {
    for (let request = 0; request < MAX_RATE_LIMIT; request += 1) {
      expect(await limiter.take(client, MAX_RATE_LIMIT, at(request * 10))).toEqual({ allowed: true });
    }
    expect(await limiter.take(client, MAX_RATE_LIMIT, at(1_000))).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect(await limiter.take(client, MAX_RATE_LIMIT, at(60_000))).toEqual({ allowed: true });
    const single = `${client}-single`;
    expect(await limiter.take(single, 1, at(0))).toEqual({ allowed: true });
    expect(await limiter.take(single, 1, at(30_000))).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect(await limiter.take(single, 1, at(60_000))).toEqual({ allowed: true });
  });
});

it('keeps one item per client, under a keyed hash of it, gone a minute after its last admitted request', async () => {
  const limiter = new DynamoRateLimiter(clients.dynamo, table, 'rate-test-hash-key');
  const client = 'subscribe:203.0.113.9';
  await limiter.take(client, 2, at(0));
  await limiter.take(client, 2, at(1_500));
  await limiter.take(client, 2, at(2_000)); // refused: writes nothing
  const hash = createHmac('sha256', 'rate-test-hash-key').update(client).digest('base64url').slice(0, 22);
  const { Item } = await clients.dynamo.send(new GetCommand({ TableName: table, Key: rateWindowKey(hash) }));
  expect(Item).toEqual({
    pk: `RATE#${hash}`,
    sk: 'WINDOW',
    entity: 'rate',
    t0: BEFORE_THE_MINUTE,
    t1: BEFORE_THE_MINUTE + 1_500,
    expiresAt: (BEFORE_THE_MINUTE + 62_000) / 1000, // 12:01:59.5, rounded up to a whole second
  });
  expect(JSON.stringify(Item)).not.toContain('203.0.113');
});
