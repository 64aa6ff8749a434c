// Adapter tests against the real DynamoDB Local: key design, conditional writes, the sparse index and TTL.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDigestLedger } from '../../lambdas/adapters/dynamo-digest-ledger';
import { DynamoReportRepository } from '../../lambdas/adapters/dynamo-report-repository';
import { DynamoSubscriberRepository } from '../../lambdas/adapters/dynamo-subscriber-repository';
import type { DigestEdition } from '../../lambdas/core/domain/digest';
import type { Report } from '../../lambdas/core/domain/report';
import { confirmedSubscriber, pendingSubscriber, unsubscribedSubscriber } from '../../lambdas/core/domain/subscriber';
import { createTestTable, localClients } from '../support/local-services';

const clients = localClients();
let tableName: string;

beforeAll(async () => {
  tableName = await createTestTable('adapters');
});
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
});

function report(id: string, week: string, receivedAt: string): Report {
  return { id, title: `t-${id}`, body: 'body', language: 'en', receivedAt, week, summary: ['s'], keyPhrases: [] };
}

describe('DynamoReportRepository', () => {
  it('stores a report once and lists a week in arrival order', async () => {
    const reports = new DynamoReportRepository(clients.dynamo, tableName);
    const later = report('r2', '2026-W10', '2026-03-05T10:00:00.000Z');
    const earlier = report('r1', '2026-W10', '2026-03-03T10:00:00.000Z');
    expect((await reports.saveIfAbsent(later)).created).toBe(true);
    expect((await reports.saveIfAbsent(earlier)).created).toBe(true);
    await reports.saveIfAbsent(report('other', '2026-W11', '2026-03-10T10:00:00.000Z'));

    const again = await reports.saveIfAbsent({ ...earlier, title: 'changed' });
    expect(again).toEqual({ created: false, report: earlier });
    expect(await reports.findById('r1')).toEqual(earlier);
    expect(await reports.findById('missing')).toBeUndefined();
    expect((await reports.listByWeek('2026-W10')).map((stored) => stored.id)).toEqual(['r1', 'r2']);
  });

  it('reads every page of a large week', async () => {
    const reports = new DynamoReportRepository(clients.dynamo, tableName);
    const bigBody = 'x'.repeat(40_000); // 30 × 40 KB passes DynamoDB's 1 MB page limit
    for (let index = 0; index < 30; index += 1) {
      await reports.saveIfAbsent({
        ...report(`big-${index}`, '2026-W20', `2026-05-12T10:00:${String(index).padStart(2, '0')}.000Z`),
        body: bigBody,
      });
    }
    expect(await reports.listByWeek('2026-W20')).toHaveLength(30);
  });
});

describe('DynamoSubscriberRepository', () => {
  it('lists only confirmed readers and keeps pending ones on a TTL', async () => {
    const subscribers = new DynamoSubscriberRepository(clients.dynamo, tableName);
    const now = new Date('2026-11-25T12:00:00Z');
    const pending = pendingSubscriber('pending@example.com', now, 3_600_000);
    const confirmed = confirmedSubscriber(pendingSubscriber('confirmed@example.com', now, 3_600_000), now);
    const left = unsubscribedSubscriber(
      confirmedSubscriber(pendingSubscriber('left@example.com', now, 3_600_000), now),
      now,
    );
    for (const subscriber of [pending, confirmed, left]) await subscribers.save(subscriber);

    const listed = [];
    for await (const subscriber of subscribers.confirmedSubscribers()) listed.push(subscriber.email);
    expect(listed).toEqual(['confirmed@example.com']);
    expect(await subscribers.find('pending@example.com')).toEqual(pending);

    const raw = async (email: string) =>
      (
        await clients.dynamo.send(
          new GetCommand({ TableName: tableName, Key: { pk: `SUBSCRIBER#${email}`, sk: 'SUBSCRIBER' } }),
        )
      ).Item;
    expect((await raw('pending@example.com'))?.expiresAt).toBe(Math.ceil(Date.parse(pending.pendingUntil!) / 1000));
    expect(await raw('confirmed@example.com')).not.toHaveProperty('expiresAt');

    // Leaving takes the reader out of the index that the send reads.
    await subscribers.save(unsubscribedSubscriber(confirmed, now));
    const after = [];
    for await (const subscriber of subscribers.confirmedSubscribers()) after.push(subscriber.email);
    expect(after).toEqual([]);
  });
});

describe('DynamoDigestLedger', () => {
  const edition: DigestEdition = {
    id: '2026-W30',
    reportIds: ['a'],
    createdAt: '2026-07-20T00:00:00.000Z',
    subject: 's',
    html: '<p>h</p>',
    text: 't',
  };

  it('freezes the first edition of a week', async () => {
    const ledger = new DynamoDigestLedger(clients.dynamo, tableName);
    expect(await ledger.findEdition(edition.id)).toBeUndefined();
    expect(await ledger.saveEditionIfAbsent(edition)).toEqual(edition);
    expect(await ledger.saveEditionIfAbsent({ ...edition, subject: 'later' })).toEqual(edition);
  });

  it('lets exactly one of many concurrent claims win, and a released claim be taken again', async () => {
    const ledger = new DynamoDigestLedger(clients.dynamo, tableName);
    const at = new Date();
    const results = await Promise.all(
      Array.from({ length: 8 }, () => ledger.claim(edition.id, 'reader@example.com', at)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);

    await ledger.release(edition.id, 'reader@example.com');
    expect(await ledger.claim(edition.id, 'reader@example.com', at)).toBe(true);

    await ledger.recordSent(edition.id, 'reader@example.com', 'message-1', at);
    await ledger.release(edition.id, 'reader@example.com'); // a sent delivery is never given back
    expect(await ledger.claim(edition.id, 'reader@example.com', at)).toBe(false);
  });
});
