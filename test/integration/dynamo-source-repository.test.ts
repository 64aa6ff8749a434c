// The source repository against the real DynamoDB Local: one feed registered once under racing requests, the sparse
// due index, optimistic writes, and entries claimed under all their identity keys so that two polls at once, or an
// entry whose guid or link changed, store it once.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { sourceKey } from '../../lambdas/adapters/dynamo-keys';
import { DynamoSourceRepository } from '../../lambdas/adapters/dynamo-source-repository';
import type { Source } from '../../lambdas/core/domain/source';
import { createTestTable, localClients } from '../support/local-services';

const clients = localClients();
let sources: DynamoSourceRepository;
let tableName: string;

beforeAll(async () => {
  tableName = await createTestTable('sources');
  sources = new DynamoSourceRepository(clients.dynamo, tableName);
});
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

let counter = 0;
function source(overrides: Partial<Source> = {}): Source {
  counter += 1;
  return {
    id: `src${counter}`,
    url: `https://news${counter}.example/feed.xml`,
    name: `News ${counter}`,
    fullText: 'auto',
    state: 'active',
    createdAt: `2026-12-01T00:00:${String(counter).padStart(2, '0')}.000Z`,
    nextPollAt: '2026-12-07T10:00:00.000Z',
    consecutiveFailures: 0,
    reportsCreated: 0,
    ignoreCache: false,
    cache: {},
    ...overrides,
  };
}

describe('registering', () => {
  it('stores a source once per feed URL, however many registrations race, and hands back the first', async () => {
    const attempts = Array.from({ length: 5 }, () => source({ url: 'https://race.example/feed' }));
    const results = await Promise.all(attempts.map((attempt) => sources.create(attempt, 'https://race.example/feed')));
    const created = results.filter((result) => result.created);
    expect(created).toHaveLength(1);
    for (const result of results) expect(result.source.id).toBe(created[0]!.source.id);
    expect(await sources.findById(created[0]!.source.id)).toMatchObject({
      url: 'https://race.example/feed',
      revision: 1,
    });
    const losers = attempts.filter((attempt) => attempt.id !== created[0]!.source.id);
    for (const loser of losers) expect(await sources.findById(loser.id)).toBeUndefined();
  });

  it('lists every source in registration order, paused and disabled ones too', async () => {
    const table = await createTestTable('sources-list');
    const repository = new DynamoSourceRepository(clients.dynamo, table);
    const [a, b, c] = [source(), source({ state: 'paused', nextPollAt: undefined }), source({ state: 'disabled' })];
    for (const each of [c!, a!, b!]) await repository.create(each, each.url);
    expect((await repository.list()).map((each) => each.id)).toEqual([a!.id, b!.id, c!.id]);
  });
});

describe('due sources', () => {
  it('come from the sparse index: active and failing ones whose time has come, the longest overdue first', async () => {
    const table = await createTestTable('sources-due');
    const repository = new DynamoSourceRepository(clients.dynamo, table);
    const late = source({ nextPollAt: '2026-12-07T08:00:00.000Z' });
    const failing = source({ state: 'failing', nextPollAt: '2026-12-07T09:00:00.000Z' });
    const onTheDot = source({ nextPollAt: '2026-12-07T10:00:00.000Z' });
    const later = source({ nextPollAt: '2026-12-07T10:00:00.001Z' });
    const paused = source({ state: 'paused', nextPollAt: '2026-12-07T07:00:00.000Z' });
    const disabled = source({ state: 'disabled', nextPollAt: '2026-12-07T07:00:00.000Z' });
    for (const each of [later, paused, onTheDot, disabled, failing, late]) await repository.create(each, each.url);

    const due = await repository.listDue('2026-12-07T10:00:00.000Z', 10);
    expect(due.map((each) => each.id)).toEqual([late.id, failing.id, onTheDot.id]);
    expect((await repository.listDue('2026-12-07T10:00:00.000Z', 2)).map((each) => each.id)).toEqual([
      late.id,
      failing.id,
    ]);
  });

  it('drops a source out of the index when it is paused, and back in when it is resumed', async () => {
    const table = await createTestTable('sources-pause');
    const repository = new DynamoSourceRepository(clients.dynamo, table);
    const { source: stored } = await repository.create(source(), 'https://pause.example/feed');
    expect(await repository.save({ ...stored, state: 'paused', nextPollAt: undefined })).toEqual({ status: 'saved' });
    expect(await repository.listDue('2026-12-08T00:00:00.000Z', 10)).toEqual([]);
    const paused = (await repository.findById(stored.id))!;
    expect(await repository.save({ ...paused, state: 'active', nextPollAt: '2026-12-07T12:00:00.000Z' })).toEqual({
      status: 'saved',
    });
    expect((await repository.listDue('2026-12-08T00:00:00.000Z', 10)).map((each) => each.id)).toEqual([stored.id]);
  });
});

describe('saving', () => {
  it('refuses a write based on an older read, and a write to a deleted source', async () => {
    const { source: stored } = await sources.create(source(), 'https://save.example/feed');
    expect(await sources.save({ ...stored, name: 'first' })).toEqual({ status: 'saved' });
    // Refused, with the source as stored: the writer re-applies its change to that, without a read of its own.
    expect(await sources.save({ ...stored, name: 'second, from the same old read' })).toEqual({
      status: 'stale',
      current: { ...stored, name: 'first', revision: 2 },
    });
    expect((await sources.findById(stored.id))!.name).toBe('first');
    expect(await sources.delete(stored.id, 'https://save.example/feed')).toBe(true);
    expect(await sources.save({ ...stored, revision: 2 })).toEqual({ status: 'missing' });
    expect(await sources.findById(stored.id)).toBeUndefined();
  });
});

describe('deleting', () => {
  it('frees the feed URL for a new registration, forgets the entries, and says when there was nothing', async () => {
    const { source: stored } = await sources.create(source(), 'https://delete.example/feed');
    await sources.claimEntry(stored.id, ['guid:1'], '2026-12-07T10:00:00.000Z', '2026-12-07T09:00:00.000Z');
    await sources.settleEntry(stored.id, ['guid:1'], { reportId: 'r1' });
    expect(await sources.delete(stored.id, 'https://delete.example/feed')).toBe(true);
    expect(await sources.delete(stored.id, 'https://delete.example/feed')).toBe(false);

    const again = source({ id: stored.id });
    expect((await sources.create(again, 'https://delete.example/feed')).created).toBe(true);
    // The same id registered again starts with no memory of the old entries.
    expect(
      await sources.claimEntry(stored.id, ['guid:1'], '2026-12-07T11:00:00.000Z', '2026-12-07T10:00:00.000Z'),
    ).toBe('claimed');
  });

  it('leaves a newer registration’s claim on the URL alone', async () => {
    const first = source();
    await sources.create(first, 'https://reclaimed.example/feed');
    await sources.delete(first.id, 'https://reclaimed.example/feed');
    const second = source();
    await sources.create(second, 'https://reclaimed.example/feed');
    expect(await sources.delete(first.id, 'https://reclaimed.example/feed')).toBe(false);
    expect((await sources.create(source(), 'https://reclaimed.example/feed')).source.id).toBe(second.id);
  });
});

describe('entries', () => {
  const now = '2026-12-07T10:00:00.000Z';
  const staleBefore = '2026-12-07T09:55:00.000Z';

  it('are claimed by one of two polls at once', async () => {
    const { source: stored } = await sources.create(source(), 'https://claims.example/feed');
    const keys = ['guid:a', 'link:https://claims.example/a'];
    const outcomes = await Promise.all([
      sources.claimEntry(stored.id, keys, now, staleBefore),
      sources.claimEntry(stored.id, keys, now, staleBefore),
      sources.claimEntry(stored.id, [...keys].reverse(), now, staleBefore),
    ]);
    expect(outcomes.filter((outcome) => outcome === 'claimed')).toHaveLength(1);
  });

  it('are recognised by any key once settled, and then remember their new keys too', async () => {
    const { source: stored } = await sources.create(source(), 'https://aliases.example/feed');
    expect(await sources.claimEntry(stored.id, ['guid:old', 'link:L'], now, staleBefore)).toBe('claimed');
    await sources.settleEntry(stored.id, ['guid:old', 'link:L'], { reportId: 'r9' });
    // The guid changed; the link still matches, and the new guid is remembered as this entry's.
    expect(await sources.claimEntry(stored.id, ['guid:new', 'link:L'], now, staleBefore)).toBe('seen');
    // Now the link changes too: the new guid alone still finds it.
    expect(await sources.claimEntry(stored.id, ['guid:new', 'link:L2'], now, staleBefore)).toBe('seen');
    expect(await sources.claimEntry(stored.id, ['guid:other', 'link:L3'], now, staleBefore)).toBe('claimed');
  });

  it('adds no key to an entry another poll has only claimed, which may still be given back', async () => {
    const { source: stored } = await sources.create(source(), 'https://pending.example/feed');
    expect(await sources.claimEntry(stored.id, ['guid:p'], now, staleBefore)).toBe('claimed');
    expect(await sources.claimEntry(stored.id, ['guid:p', 'link:P'], now, staleBefore)).toBe('seen');
    await sources.releaseEntry(stored.id, ['guid:p']);
    expect(await sources.claimEntry(stored.id, ['link:P'], now, staleBefore)).toBe('claimed');
  });

  it('are taken up again when released, or when the poll that claimed them died long enough ago', async () => {
    const { source: stored } = await sources.create(source(), 'https://stale.example/feed');
    expect(
      await sources.claimEntry(stored.id, ['guid:s'], '2026-12-07T09:00:00.000Z', '2026-12-07T08:55:00.000Z'),
    ).toBe('claimed');
    expect(await sources.claimEntry(stored.id, ['guid:s'], now, '2026-12-07T08:59:00.000Z')).toBe('seen');
    expect(await sources.claimEntry(stored.id, ['guid:s'], now, staleBefore)).toBe('claimed');
    await sources.releaseEntry(stored.id, ['guid:s']);
    expect(await sources.claimEntry(stored.id, ['guid:s'], now, staleBefore)).toBe('claimed');
  });

  it('stay seen once settled, stored or skipped, whatever their age, and a release leaves them so', async () => {
    const { source: stored } = await sources.create(source(), 'https://settled.example/feed');
    await sources.claimEntry(stored.id, ['guid:x'], '2026-01-01T00:00:00.000Z', '2025-12-31T00:00:00.000Z');
    await sources.settleEntry(stored.id, ['guid:x'], { skipped: 'no_text' });
    await sources.releaseEntry(stored.id, ['guid:x']);
    expect(await sources.claimEntry(stored.id, ['guid:x'], now, staleBefore)).toBe('seen');
  });

  it('are recognised in batches before any claim: settled or freshly claimed are seen, a dead poll’s claim is not', async () => {
    const { source: stored } = await sources.create(source(), 'https://recognise.example/feed');
    await sources.claimEntry(stored.id, ['guid:settled', 'link:S'], now, staleBefore);
    await sources.settleEntry(stored.id, ['guid:settled', 'link:S'], { reportId: 'r1' });
    await sources.claimEntry(stored.id, ['guid:running'], now, staleBefore);
    await sources.claimEntry(stored.id, ['guid:dead'], '2026-12-07T09:00:00.000Z', '2026-12-07T08:00:00.000Z');
    // 150 unknown entries of two keys each besides: more keys than one batched read takes.
    const unknown = Array.from({ length: 150 }, (_, index) => [`guid:u${index}`, `link:U${index}`]);
    const recognized = await sources.recognizeEntries(
      stored.id,
      [['guid:renamed', 'link:S'], ['guid:running'], ['guid:dead'], ...unknown],
      staleBefore,
    );
    expect(recognized.slice(0, 3)).toEqual([true, true, false]);
    expect(recognized.slice(3).every((seen) => !seen)).toBe(true);
    // As a refused claim does, recognising remembered the renamed guid as the settled entry's.
    expect(await sources.claimEntry(stored.id, ['guid:renamed', 'link:S2'], now, staleBefore)).toBe('seen');
    // Nothing unknown was claimed by looking.
    expect(await sources.claimEntry(stored.id, ['guid:u149'], now, staleBefore)).toBe('claimed');
  });

  it('are remembered in bulk, many to a transaction, leaving an entry another poll claimed as it was', async () => {
    const { source: stored } = await sources.create(source(), 'https://bulk.example/feed');
    await sources.claimEntry(stored.id, ['guid:b7'], now, staleBefore);
    // 120 entries of up to three keys, two sharing a link: more items than one transaction holds.
    const entries = Array.from({ length: 120 }, (_, index) => [
      `guid:b${index}`,
      `link:B${index === 1 ? 0 : index}`,
      `hash:${index}`,
    ]);
    await sources.rememberEntries(stored.id, entries, { skipped: 'archive' });
    expect((await sources.recognizeEntries(stored.id, entries, staleBefore)).every(Boolean)).toBe(true);
    // The claimed one is still only claimed: its poll may give it back, and then it is free again.
    await sources.releaseEntry(stored.id, ['guid:b7']);
    expect(await sources.claimEntry(stored.id, ['guid:b7'], now, staleBefore)).toBe('claimed');
    expect(await sources.claimEntry(stored.id, ['guid:b8'], now, staleBefore)).toBe('seen');
  });

  it('keep the source item apart: entries are not sources', async () => {
    const { source: stored } = await sources.create(source(), 'https://apart.example/feed');
    await sources.claimEntry(stored.id, ['guid:z'], now, staleBefore);
    const { Item } = await clients.dynamo.send(new GetCommand({ TableName: tableName, Key: sourceKey(stored.id) }));
    expect(Item).toMatchObject({ entity: 'source', id: stored.id });
    expect((await sources.list()).filter((each) => each.id === stored.id)).toHaveLength(1);
  });
});
