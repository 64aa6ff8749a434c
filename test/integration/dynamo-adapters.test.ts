// Adapter tests against the real DynamoDB Local: key design, conditional writes and transactions, the sparse
// indexes and TTL.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDeliveryLedger } from '../../lambdas/adapters/dynamo-delivery-ledger';
import { DynamoEditionStore } from '../../lambdas/adapters/dynamo-edition-store';
import {
  deliveryKey,
  editionKey,
  latestEditionKey,
  reportKey,
  subscriberKey,
} from '../../lambdas/adapters/dynamo-keys';
import { DynamoReportRepository } from '../../lambdas/adapters/dynamo-report-repository';
import { DynamoSubscriberRepository } from '../../lambdas/adapters/dynamo-subscriber-repository';
import { randomIds } from '../../lambdas/adapters/random-ids';
import { type Edition, editionEntryOf, type FrozenEmail, nextEdition } from '../../lambdas/core/domain/edition';
import { confirmedSubscriber, pendingSubscriber, unsubscribedSubscriber } from '../../lambdas/core/domain/subscriber';
import { createTestTable, localClients } from '../support/local-services';
import { confirmedReader, pendingReader, unsubscribedReader } from '../support/readers';
import { storedReport } from '../support/report-fixtures';

const clients = localClients();
let tableName: string;

beforeAll(async () => {
  tableName = await createTestTable('adapters');
});
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

describe('DynamoReportRepository', () => {
  it('stores a report once', async () => {
    const reports = new DynamoReportRepository(clients.dynamo, tableName);
    const earlier = storedReport('r1', '2026-03-03T10:00:00.000Z');
    expect((await reports.saveIfAbsent(earlier)).created).toBe(true);
    const again = await reports.saveIfAbsent({ ...earlier, title: 'changed' });
    expect(again).toEqual({ created: false, report: earlier });
    expect(await reports.findById('r1')).toEqual(earlier);
    expect(await reports.findById('missing')).toBeUndefined();
  });

  it('lists untaken reports of a period in arrival order, lets exactly one edition take each, and lists what it took', async () => {
    const table = await createTestTable('taking');
    const reports = new DynamoReportRepository(clients.dynamo, table);
    const at = (day: number) => `2026-04-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    const stored = [
      storedReport('b', at(5)),
      storedReport('a', at(3)),
      storedReport('c', at(9)),
      storedReport('d', at(12)),
    ];
    stored[1] = { ...stored[1]!, url: 'https://example.com/a', language: 'ar', publishedAt: at(1) };
    // A report the period takes carries every optional attribute the digest shows: the untaken query reads each.
    stored[0] = { ...stored[0]!, source: 'BBC News', priority: 2, keyPhrases: ['harbour'] };
    for (const item of stored) await reports.saveIfAbsent(item);

    const period = { from: at(3), until: at(9) };
    const untaken = await reports.listUntaken(period);
    // After `from`, up to and including `until`; only what the digest shows, not the report's text.
    expect(untaken).toEqual([editionEntryOf(stored[0]!), editionEntryOf(stored[2]!)]);
    expect((await reports.listUntaken({ until: at(30) })).map((entry) => entry.id)).toEqual(['a', 'b', 'c', 'd']);

    const claims = await Promise.all([reports.take(untaken[0]!, '1'), reports.take(untaken[0]!, '2')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    const winner = claims[0] ? '1' : '2';
    expect(await reports.take(untaken[0]!, winner)).toBe(true); // taking again is harmless
    expect(await reports.take(untaken[1]!, winner)).toBe(true);
    expect(await reports.take(editionEntryOf(storedReport('ghost', at(4))), winner)).toBe(false);

    expect((await reports.listUntaken({ until: at(30) })).map((entry) => entry.id)).toEqual(['a', 'd']);
    expect(await reports.listTaken(winner)).toEqual([editionEntryOf(stored[0]!), editionEntryOf(stored[2]!)]);
    expect(await reports.listTaken(winner === '1' ? '2' : '1')).toEqual([]);
    const raw = await clients.dynamo.send(new GetCommand({ TableName: table, Key: reportKey('b') }));
    expect(raw.Item).toMatchObject({ editionId: winner, body: 'body' });
    expect(raw.Item).not.toHaveProperty('gsi1pk');
  });

  it('edits only the fields an edit names, counts revisions, and keeps a concurrent edit of another field', async () => {
    const table = await createTestTable('editing');
    const reports = new DynamoReportRepository(clients.dynamo, table);
    const stored = { ...storedReport('e', '2026-04-02T10:00:00.000Z'), priority: 1 };
    await reports.saveIfAbsent(stored);

    const held = await reports.edit('e', { held: true, editedSummary: 'Editor.' });
    expect(held).toEqual({
      status: 'edited',
      report: { ...stored, held: true, editedSummary: 'Editor.', revision: 1 },
    });
    // Three editors at once, each on its own field: every change is kept, each counted.
    await Promise.all([
      reports.edit('e', { priority: -3 }),
      reports.edit('e', { held: false }),
      reports.edit('e', { editedSummary: null }),
    ]);
    expect(await reports.findById('e')).toEqual({ ...stored, priority: -3, revision: 4 });
    // Held or not, it waits in the untaken index, saying so and at which revision.
    await reports.edit('e', { held: true });
    expect(await reports.listUntaken({ until: '2026-05-01T00:00:00.000Z' })).toEqual([
      { ...editionEntryOf(stored), priority: -3, held: true, revision: 5 },
    ]);

    expect(await reports.edit('0123456789abcdef01234567', { held: true })).toEqual({ status: 'missing' });
    const raw = await clients.dynamo.send(
      new GetCommand({ TableName: table, Key: reportKey('0123456789abcdef01234567') }),
    );
    expect(raw.Item).toBeUndefined();
  });

  it('takes a report only at the revision its entry shows, copies no hold or revision, and refuses edits after', async () => {
    const table = await createTestTable('revisions');
    const reports = new DynamoReportRepository(clients.dynamo, table);
    const stored = storedReport('v', '2026-04-02T10:00:00.000Z');
    await reports.saveIfAbsent(stored);
    const [listed] = await reports.listUntaken({ until: '2026-05-01T00:00:00.000Z' });
    await reports.edit('v', { editedSummary: 'Edited after it was listed.' });

    // The entry read before the edit is refused: the edition would have sent the summary the editor replaced.
    expect(await reports.take(listed!, '1')).toBe(false);
    expect(await reports.findById('v')).not.toHaveProperty('editionId');
    const [relisted] = await reports.listUntaken({ until: '2026-05-01T00:00:00.000Z' });
    expect(relisted).toMatchObject({ revision: 1, editedSummary: 'Edited after it was listed.' });
    expect(await reports.take(relisted!, '1')).toBe(true);
    expect(await reports.take(relisted!, '1')).toBe(true); // taking again is harmless
    expect(await reports.listTaken('1')).toEqual([
      { ...editionEntryOf(stored), editedSummary: 'Edited after it was listed.' },
    ]);

    expect(await reports.edit('v', { held: true })).toEqual({ status: 'taken', editionId: '1' });
    expect(await reports.findById('v')).toMatchObject({ editionId: '1', revision: 1 });
    expect(await reports.findById('v')).not.toHaveProperty('held');
  });

  it('reads every page of a large backlog, and of a large edition', async () => {
    const table = await createTestTable('backlog');
    const reports = new DynamoReportRepository(clients.dynamo, table);
    const bigBody = 'x'.repeat(40_000); // 30 × 40 KB passes DynamoDB's 1 MB page limit
    for (let index = 0; index < 30; index += 1) {
      await reports.saveIfAbsent({
        ...storedReport(`big-${index}`, `2026-05-12T10:00:${String(index).padStart(2, '0')}.000Z`),
        body: bigBody,
        summary: ['y'.repeat(40_000)],
      });
    }
    const untaken = await reports.listUntaken({ until: '2026-06-01T00:00:00.000Z' });
    expect(untaken).toHaveLength(30);
    for (const entry of untaken) await reports.take(entry, '7');
    expect(await reports.listTaken('7')).toHaveLength(30);
  });
});

describe('DynamoSubscriberRepository', () => {
  const raw = async (table: string, email: string) =>
    (await clients.dynamo.send(new GetCommand({ TableName: table, Key: subscriberKey(email) }))).Item;

  it('lists only confirmed readers, keeps pending strangers on a TTL, and finds anyone by subscription id', async () => {
    const subscribers = new DynamoSubscriberRepository(clients.dynamo, tableName);
    const now = new Date('2026-11-25T12:00:00Z');
    const pending = pendingReader('pending@example.com', now);
    const confirmed = confirmedReader('confirmed@example.com', now);
    const left = unsubscribedReader('left@example.com', now);
    for (const subscriber of [pending, confirmed, left])
      expect(await subscribers.replace(subscriber, undefined)).toBe(true);

    const listed = [];
    for await (const subscriber of subscribers.confirmedSubscribers()) listed.push(subscriber.email);
    expect(listed).toEqual(['confirmed@example.com']);
    const everyone = [];
    for await (const subscriber of subscribers.allSubscribers()) everyone.push(subscriber.email);
    expect(everyone.sort()).toEqual(['confirmed@example.com', 'left@example.com', 'pending@example.com']);
    expect(await subscribers.find('pending@example.com')).toEqual({ ...pending, revision: 1 });
    expect(await subscribers.findBySubscription(left.subscriptionId)).toEqual({ ...left, revision: 1 });
    expect(await subscribers.findBySubscription(randomIds.subscriptionId())).toBeUndefined();

    expect((await raw(tableName, 'pending@example.com'))?.expiresAt).toBe(
      Math.ceil(Date.parse(pending.pendingUntil!) / 1000),
    );
    expect(await raw(tableName, 'confirmed@example.com')).not.toHaveProperty('expiresAt');

    // Leaving takes the reader out of the index that the send reads.
    const stored = await subscribers.find('confirmed@example.com');
    expect(await subscribers.replace(unsubscribedSubscriber(confirmed, now), stored)).toBe(true);
    const after = [];
    for await (const subscriber of subscribers.confirmedSubscribers()) after.push(subscriber.email);
    expect(after).toEqual([]);
  });

  it('writes only over the revision it read: of many racing writers exactly one wins, a stale one always loses', async () => {
    const table = await createTestTable('races');
    const subscribers = new DynamoSubscriberRepository(clients.dynamo, table);
    const now = new Date('2026-11-25T12:00:00Z');
    const first = pendingReader('race@example.com', now);
    const wins = await Promise.all(Array.from({ length: 12 }, () => subscribers.replace(first, undefined)));
    expect(wins.filter(Boolean)).toHaveLength(1);

    const read = await subscribers.find('race@example.com');
    const confirmed = confirmedSubscriber(read!, now, 'link');
    const racing = await Promise.all(Array.from({ length: 8 }, () => subscribers.replace(confirmed, read)));
    expect(racing.filter(Boolean)).toHaveLength(1);
    // A subscribe that read the pending record before the confirmation cannot write pending over confirmed.
    const refreshed = pendingSubscriber('race@example.com', { via: 'form' }, now, 3_600_000, 'x', read);
    expect(await subscribers.replace(refreshed, read)).toBe(false);
    expect(await subscribers.find('race@example.com')).toMatchObject({ status: 'confirmed', revision: 2 });
    expect(await raw(table, 'race@example.com')).not.toHaveProperty('expiresAt');
    // A record written before revisions existed is replaced only by a writer that saw it so.
    expect(await subscribers.replace(confirmed, { ...confirmed, revision: undefined })).toBe(false);
  });

  it('keeps a pending record whose address has earlier subscriptions: its consent records are not lost to the TTL', async () => {
    const table = await createTestTable('earlier');
    const subscribers = new DynamoSubscriberRepository(clients.dynamo, table);
    const now = new Date('2026-11-25T12:00:00Z');
    const left = unsubscribedReader('back@example.com', now);
    const back = pendingSubscriber(
      'back@example.com',
      { via: 'form' },
      now,
      3_600_000,
      randomIds.subscriptionId(),
      left,
    );
    expect(await subscribers.replace(back, undefined)).toBe(true);
    expect(await raw(table, 'back@example.com')).not.toHaveProperty('expiresAt');
    expect((await subscribers.find('back@example.com'))?.earlier).toHaveLength(1);
  });

  it('pages confirmed readers in address order from a cursor, every reader in exactly one page', async () => {
    const subscribers = new DynamoSubscriberRepository(clients.dynamo, await createTestTable('pages'));
    const now = new Date('2026-11-25T12:00:00Z');
    const emails = Array.from({ length: 23 }, (_, index) => `p${String(index).padStart(2, '0')}@example.com`);
    for (const email of [...emails].reverse()) await subscribers.replace(confirmedReader(email, now), undefined);
    await subscribers.replace(pendingReader('p-pending@example.com', now), undefined);
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await subscribers.confirmedPage(cursor, 10);
      pages.push(page.subscribers.map((subscriber) => subscriber.email));
      cursor = page.next;
    } while (cursor !== undefined);
    expect(pages.map((page) => page.length).slice(0, 3)).toEqual([10, 10, 3]);
    expect(pages.flat()).toEqual(emails);
  });
});

describe('DynamoEditionStore', () => {
  const email: FrozenEmail = {
    subject: 's',
    html: '<p>عربي</p>'.repeat(2000),
    text: 't',
    reports: 3,
    featured: 2,
    headlines: 1,
  };
  const period = { until: '2026-07-20T00:00:00.000Z' };
  const at = new Date('2026-07-20T00:00:00.000Z');

  it('opens editions one after another, never two at once, and keeps each one’s state and email', async () => {
    const editions = new DynamoEditionStore(clients.dynamo, await createTestTable('editions'));
    expect(await editions.latest()).toBeUndefined();
    const first = nextEdition(undefined, period, at);
    const [a, b] = await Promise.all([editions.open(first, undefined), editions.open(first, undefined)]);
    expect([a.opened, b.opened].sort()).toEqual([false, true]);
    expect(a.edition).toEqual(first);
    expect(b.edition).toEqual(first);

    const frozen = await editions.freeze('1', email);
    expect(frozen).toEqual({ ...first, state: 'sending', email });
    expect(await editions.freeze('1', { ...email, subject: 'later' })).toEqual(frozen);
    expect(await editions.latest()).toEqual(frozen);

    // A stale opener (it saw no edition yet) gets the current one back, and nothing is written.
    const stale = await editions.open(nextEdition(undefined, period, at), undefined);
    expect(stale).toEqual({ edition: frozen, opened: false });

    // The fan-out moves only from the cursor stored: a second run paging from a stale cursor writes nothing.
    expect(await editions.advanceFanOut('1', undefined, { recipients: 2, cursor: 'b@example.com' })).toBe(true);
    expect(await editions.advanceFanOut('1', undefined, { recipients: 2, cursor: 'b@example.com' })).toBe(false);
    await editions.markQueued('1', at); // not while a page is left
    expect(await editions.find('1')).toMatchObject({ state: 'sending', recipients: 2, cursor: 'b@example.com' });
    expect(await editions.advanceFanOut('1', 'a@example.com', { recipients: 3 })).toBe(false);
    expect(await editions.advanceFanOut('1', 'b@example.com', { recipients: 3 })).toBe(true);
    expect(await editions.frozenEmail('1')).toEqual(email);

    await editions.markQueued('1', new Date('2026-07-20T01:00:00.000Z'));
    const done: Edition = { ...frozen, state: 'queued', recipients: 3, queuedAt: '2026-07-20T01:00:00.000Z' };
    expect(await editions.find('1')).toEqual(done);
    await editions.markQueued('1', new Date('2026-07-21T00:00:00.000Z')); // twice changes nothing
    expect(await editions.find('1')).toEqual(done);
    expect(await editions.advanceFanOut('1', undefined, { recipients: 9 })).toBe(false);

    const second = nextEdition(done, { from: period.until, until: '2026-07-27T00:00:00.000Z' }, at);
    expect(await editions.open(second, '1')).toEqual({ edition: second, opened: true });
    expect((await editions.latest())?.id).toBe('2');
    expect(await editions.find('3')).toBeUndefined();
  });

  it('lists frozen editions newest first for the archive, without their emails and without the one composing', async () => {
    const editions = new DynamoEditionStore(clients.dynamo, await createTestTable('archive'));
    expect(await editions.published(10)).toEqual([]);
    let previous: Edition | undefined;
    for (let number = 1; number <= 4; number += 1) {
      const edition = nextEdition(previous, { until: `2026-07-${10 + number}T00:00:00.000Z` }, at);
      await editions.open(edition, previous?.id);
      previous =
        number < 4 ? await editions.freeze(edition.id, { ...email, subject: `s${number}`, reports: number }) : edition;
      if (number < 4) await editions.markQueued(edition.id, at);
    }
    const listed = await editions.published(10);
    expect(listed.map((edition) => [edition.id, edition.subject, edition.reports])).toEqual([
      ['3', 's3', 3],
      ['2', 's2', 2],
      ['1', 's1', 1],
    ]);
    expect(listed[0]).toEqual({ id: '3', number: 3, subject: 's3', reports: 3, openedAt: at.toISOString() });
    expect((await editions.published(2)).map((edition) => edition.id)).toEqual(['3']);
  });

  it('stores the email gzipped, so that an edition item stays far below 400 KB', async () => {
    const table = await createTestTable('edition-size');
    const editions = new DynamoEditionStore(clients.dynamo, table);
    await editions.open(nextEdition(undefined, period, at), undefined);
    await editions.freeze('1', email);
    const raw = await clients.dynamo.send(new GetCommand({ TableName: table, Key: editionKey('1') }));
    expect(raw.Item).not.toHaveProperty('email');
    expect((raw.Item!.emailGzip as Uint8Array).byteLength).toBeLessThan(email.html.length / 20);
  });

  it('records an empty run on the pointer, without opening an edition', async () => {
    const table = await createTestTable('empty-runs');
    const editions = new DynamoEditionStore(clients.dynamo, table);
    expect(await editions.lastEmptyRunAt()).toBeUndefined();
    await editions.recordEmptyRun(period, at);
    expect(await editions.latest()).toBeUndefined();
    expect(await editions.lastEmptyRunAt()).toBe(at.toISOString());
    const raw = await clients.dynamo.send(new GetCommand({ TableName: table, Key: latestEditionKey }));
    expect(raw.Item?.lastEmptyRun).toEqual({ at: at.toISOString(), until: period.until });
    expect(await editions.open(nextEdition(undefined, period, at), undefined)).toMatchObject({ opened: true });
    // Opening an edition rewrites the pointer: the empty run's time must survive it, for the digest watch.
    expect(await editions.lastEmptyRunAt()).toBe(at.toISOString());
  });
});

describe('DynamoDeliveryLedger', () => {
  it('lets exactly one of many concurrent claims win, and tells the others what is recorded', async () => {
    const ledger = new DynamoDeliveryLedger(clients.dynamo, tableName);
    const at = new Date('2026-07-20T00:00:00.000Z');
    const results = await Promise.all(Array.from({ length: 8 }, () => ledger.claim('30', 'reader@example.com', at)));
    expect(results.filter((result) => result.claimed)).toHaveLength(1);
    expect(results.filter((result) => !result.claimed)).toEqual(
      Array.from({ length: 7 }, () => ({ claimed: false, status: 'sending', claimedAt: at.toISOString() })),
    );
    // The record expires (DynamoDB's TTL) 180 days after its claim, and keeps that through its outcome.
    await ledger.record('30', 'reader@example.com', { status: 'sent', messageId: 'm-30' }, at);
    const { Item } = await clients.dynamo.send(
      new GetCommand({ TableName: tableName, Key: deliveryKey('30', 'reader@example.com') }),
    );
    expect(Item).toMatchObject({ status: 'sent', expiresAt: Date.parse('2027-01-16T00:00:00.000Z') / 1000 });
  });

  it('gives back a refused claim, but never a recorded outcome; the first outcome stands', async () => {
    const ledger = new DynamoDeliveryLedger(clients.dynamo, tableName);
    const at = new Date('2026-07-20T00:00:00.000Z');
    expect(await ledger.claim('31', 'a@example.com', at)).toEqual({ claimed: true });
    await ledger.release('31', 'a@example.com');
    expect(await ledger.claim('31', 'a@example.com', at)).toEqual({ claimed: true });

    await ledger.record('31', 'a@example.com', { status: 'sent', messageId: 'message-1' }, at);
    await ledger.release('31', 'a@example.com');
    await ledger.record('31', 'a@example.com', { status: 'unknown', reason: 'late' }, at);
    expect(await ledger.claim('31', 'a@example.com', at)).toEqual({
      claimed: false,
      status: 'sent',
      claimedAt: at.toISOString(),
    });
    const raw = await clients.dynamo.send(
      new GetCommand({ TableName: tableName, Key: deliveryKey('31', 'a@example.com') }),
    );
    expect(raw.Item).toMatchObject({ status: 'sent', messageId: 'message-1', recordedAt: at.toISOString() });
  });

  it('records an unknown outcome with its reason, which no later claim overrides', async () => {
    const ledger = new DynamoDeliveryLedger(clients.dynamo, tableName);
    const at = new Date('2026-07-20T00:00:00.000Z');
    await ledger.claim('32', 'u@example.com', at);
    await ledger.record('32', 'u@example.com', { status: 'unknown', reason: 'TimeoutError: no answer' }, at);
    await ledger.release('32', 'u@example.com');
    expect(await ledger.claim('32', 'u@example.com', at)).toMatchObject({ claimed: false, status: 'unknown' });
  });

  it('counts each outcome with its record, once, whatever races; a reopened reader is off the tally and claimable', async () => {
    const ledger = new DynamoDeliveryLedger(clients.dynamo, tableName);
    const at = new Date('2026-07-20T00:00:00.000Z');
    const readers = Array.from({ length: 40 }, (_, index) => `t${index}@example.com`);
    const outcomeOf = (index: number) =>
      index % 4 === 0
        ? ({ status: 'failed', reason: 'Throttling' } as const)
        : index % 4 === 1
          ? ({ status: 'unknown', reason: 'TimeoutError' } as const)
          : ({ status: 'sent', messageId: `m-${index}` } as const);
    // Every reader's outcome recorded twice at once: one transaction wins, the other writes nothing.
    await Promise.all(
      readers.flatMap((email, index) => {
        const record = () => ledger.record('33', email, outcomeOf(index), at);
        return [ledger.claim('33', email, at).then(record), record()];
      }),
    );
    expect(await ledger.counts('33')).toEqual({ sent: 20, failed: 10, unknown: 10, skipped: 0 });

    const retriable = [];
    for await (const candidate of ledger.withOutcome('33', ['failed'])) retriable.push(candidate);
    expect(retriable.map((candidate) => candidate.email).sort()).toEqual(
      readers.filter((_, index) => index % 4 === 0).sort(),
    );
    expect(retriable.every((candidate) => candidate.status === 'failed')).toBe(true);

    expect(await ledger.reopen('33', 't0@example.com', 'failed')).toBe(true);
    expect(await ledger.reopen('33', 't0@example.com', 'failed')).toBe(false);
    expect(await ledger.reopen('33', 't2@example.com', 'failed')).toBe(false); // sent, not failed
    expect(await ledger.counts('33')).toEqual({ sent: 20, failed: 9, unknown: 10, skipped: 0 });
    const reopened = [];
    for await (const candidate of ledger.withOutcome('33', ['unknown'])) reopened.push(candidate);
    expect(reopened).toContainEqual({ email: 't0@example.com', status: 'requeued' });
    expect(reopened).toHaveLength(11);
    expect(await ledger.claim('33', 't0@example.com', at)).toEqual({ claimed: true });
    expect(await ledger.claim('33', 't0@example.com', at)).toMatchObject({ claimed: false, status: 'sending' });
  });

  it('keeps only the last outcome’s details: a reader reached on a retry shows no earlier failure', async () => {
    const ledger = new DynamoDeliveryLedger(clients.dynamo, tableName);
    const at = new Date('2026-07-20T00:00:00.000Z');
    await ledger.claim('34', 'r@example.com', at);
    await ledger.record('34', 'r@example.com', { status: 'unknown', reason: 'TimeoutError: socket hang up' }, at);
    expect(await ledger.reopen('34', 'r@example.com', 'unknown')).toBe(true);
    await ledger.claim('34', 'r@example.com', at);
    await ledger.record('34', 'r@example.com', { status: 'sent', messageId: 'm-34' }, at);
    const { Item } = await clients.dynamo.send(
      new GetCommand({ TableName: tableName, Key: deliveryKey('34', 'r@example.com') }),
    );
    expect(Item).toMatchObject({ status: 'sent', messageId: 'm-34' });
    expect(Item).not.toHaveProperty('reason');
  });
});
