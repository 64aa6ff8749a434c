// Bringing a list over: confirmed-elsewhere readers confirmed with consent recorded as imported, the others asked
// to confirm by email, readers already here (or gone) left alone, and every bad row named by its line.

import { InvalidInputError } from '../../../../lambdas/core/domain/errors';
import { INSTANT_RULE } from '../../../../lambdas/core/domain/instant';
import { MAX_IMPORT_ROWS, MAX_LISTED_REJECTIONS } from '../../../../lambdas/core/use-cases/import-subscribers';
import { nthSubscriptionId } from '../../../support/sequential-ids';
import { createHarness, type Harness, START } from '../../../support/use-case-harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

describe('importSubscribers', () => {
  it('confirms a reader with a confirmation date, consent imported, and mails nobody', async () => {
    const outcome = await h.useCases.importSubscribers([
      { line: 2, email: ' Amal@Example.com ', language: 'AR', confirmedAt: '2025-03-01T10:00:00+03:00' },
    ]);
    expect(outcome).toEqual({ imported: 1, skipped: 0, rejectedCount: 0, rejected: [] });
    expect(await h.subscribers.find('amal@example.com')).toEqual({
      email: 'amal@example.com',
      subscriptionId: nthSubscriptionId(1),
      status: 'confirmed',
      subscribedAt: '2025-03-01T07:00:00.000Z',
      subscribedVia: 'import',
      confirmedAt: '2025-03-01T07:00:00.000Z',
      confirmedVia: 'import',
      language: 'ar',
      revision: 1,
    });
    expect(h.mailer.sent).toEqual([]);
  });

  it('asks a reader without a confirmation date to confirm, as if they had subscribed', async () => {
    expect(await h.useCases.importSubscribers([{ line: 2, email: 'badr@example.com', language: 'en' }])).toEqual({
      imported: 1,
      skipped: 0,
      rejectedCount: 0,
      rejected: [],
    });
    // The confirmation goes through the subscription queue, as a subscribe's does.
    expect(h.subscriptionQueue.waiting).toEqual([{ email: 'badr@example.com', via: 'import', language: 'en' }]);
    expect(h.mailer.sent).toEqual([]);
    await h.processSubscriptions();
    expect(await h.subscribers.find('badr@example.com')).toMatchObject({
      status: 'pending',
      language: 'en',
      subscribedVia: 'import',
    });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['badr@example.com']);
    expect(h.renderer.confirmations).toHaveLength(1);
  });

  it('leaves readers already here alone: confirmed, pending without a date, and above all those who left', async () => {
    await h.addSubscriber('confirmed@example.com', 'confirmed');
    await h.addSubscriber('pending@example.com', 'pending');
    await h.addSubscriber('gone@example.com', 'unsubscribed');
    const before = await Promise.all(
      ['confirmed', 'pending', 'gone'].map((name) => h.subscribers.find(`${name}@example.com`)),
    );
    const outcome = await h.useCases.importSubscribers([
      { line: 2, email: 'confirmed@example.com', confirmedAt: '2025-01-01T00:00:00Z' },
      { line: 3, email: 'pending@example.com' },
      { line: 4, email: 'gone@example.com', confirmedAt: '2025-01-01T00:00:00Z' },
      { line: 5, email: 'gone@example.com' },
    ]);
    expect(outcome).toEqual({ imported: 0, skipped: 4, rejectedCount: 0, rejected: [] });
    const after = await Promise.all(
      ['confirmed', 'pending', 'gone'].map((name) => h.subscribers.find(`${name}@example.com`)),
    );
    expect(after).toEqual(before);
    expect(h.mailer.sent).toEqual([]);
  });

  it('confirms a pending reader the list says confirmed, at the date it gives', async () => {
    await h.addSubscriber('pending@example.com', 'pending');
    const outcome = await h.useCases.importSubscribers([
      { line: 2, email: 'pending@example.com', confirmedAt: '2026-11-01T00:00:00Z', language: 'fr' },
    ]);
    expect(outcome).toEqual({ imported: 1, skipped: 0, rejectedCount: 0, rejected: [] });
    expect(await h.subscribers.find('pending@example.com')).toEqual({
      email: 'pending@example.com',
      subscriptionId: nthSubscriptionId(1),
      status: 'confirmed',
      subscribedAt: START,
      subscribedVia: 'api',
      confirmedAt: '2026-11-01T00:00:00.000Z',
      confirmedVia: 'import',
      language: 'fr',
      revision: 2,
    });
  });

  it('takes an address twice in the list once, the first row winning', async () => {
    const outcome = await h.useCases.importSubscribers([
      { line: 2, email: 'amal@example.com', confirmedAt: '2025-01-01T00:00:00Z' },
      { line: 3, email: 'AMAL@example.com' },
    ]);
    expect(outcome).toEqual({ imported: 1, skipped: 1, rejectedCount: 0, rejected: [] });
    expect(await h.subscribers.find('amal@example.com')).toMatchObject({ status: 'confirmed' });
    expect(h.mailer.sent).toEqual([]);
  });

  it('rejects each bad row with its line and why, and imports the rest', async () => {
    const outcome = await h.useCases.importSubscribers([
      { line: 7, email: 'not-an-address' },
      { line: 2, email: 'good@example.com', confirmedAt: '2025-01-01T00:00:00Z' },
      { line: 3 },
      { line: 4, email: 'lang@example.com', language: 'arabic' },
      { line: 5, email: 'date@example.com', confirmedAt: 'yesterday' },
      { line: 6, email: 'future@example.com', confirmedAt: '2026-11-25T00:00:00Z' },
    ]);
    expect(outcome).toEqual({
      imported: 1,
      skipped: 0,
      rejectedCount: 5,
      rejected: [
        { line: 3, reason: 'email is not a valid address' },
        { line: 4, reason: 'language is not an ISO 639 code' },
        { line: 5, reason: `confirmed_at ${INSTANT_RULE}` },
        { line: 6, reason: 'confirmed_at is in the future' },
        { line: 7, reason: 'email is not a valid address' },
      ],
    });
    expect(h.subscribers.all().map((subscriber) => subscriber.email)).toEqual(['good@example.com']);
  });

  it('takes confirmed_at by the one instant rule: what Date.parse would guess at is rejected, not imported', async () => {
    const outcome = await h.useCases.importSubscribers([
      { line: 2, email: 'day@example.com', confirmedAt: '2025-03-01' },
      { line: 3, email: 'local@example.com', confirmedAt: '2025-03-01T10:00:00' },
      { line: 4, email: 'no-such-day@example.com', confirmedAt: '2025-02-29T10:00:00Z' },
      { line: 5, email: 'spaced@example.com', confirmedAt: '2025-03-01 10:00:00Z' },
      { line: 6, email: 'offset@example.com', confirmedAt: ' 2025-03-01T10:00:00.5+03:00 ' },
    ]);
    expect(outcome.rejected).toEqual([2, 3, 4, 5].map((line) => ({ line, reason: `confirmed_at ${INSTANT_RULE}` })));
    expect(outcome.imported).toBe(1);
    expect(await h.subscribers.find('offset@example.com')).toMatchObject({ confirmedAt: '2025-03-01T07:00:00.500Z' });
  });

  it(`lists the first ${MAX_LISTED_REJECTIONS} rejected rows by line, and counts them all`, async () => {
    const rows = Array.from({ length: 2_500 }, (_, index) => ({ line: 2_501 - index, email: `bad-${index}` }));
    const outcome = await h.useCases.importSubscribers([
      ...rows,
      { line: 9_000, email: 'good@example.com', confirmedAt: '2025-01-01T00:00:00Z' },
    ]);
    expect(outcome.imported).toBe(1);
    expect(outcome.rejectedCount).toBe(2_500);
    expect(outcome.rejected).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(outcome.rejected.map((row) => row.line)).toEqual(
      Array.from({ length: MAX_LISTED_REJECTIONS }, (_, index) => index + 2),
    );
    expect(h.logger.entries.at(-1)?.attributes).toEqual({ imported: 1, skipped: 0, rejected: 2_500 });
  });

  it('says how it went in one log line, with counts and no address', async () => {
    await h.useCases.importSubscribers([
      { line: 2, email: 'amal@example.com', confirmedAt: '2025-01-01T00:00:00Z' },
      { line: 3, email: 'bad' },
    ]);
    expect(h.logger.entries).toEqual([
      { level: 'info', message: 'subscribers imported', attributes: { imported: 1, skipped: 0, rejected: 1 } },
    ]);
  });

  it(`refuses a list of more than ${MAX_IMPORT_ROWS} rows as a whole, importing nothing`, async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, index) => ({
      line: index + 2,
      email: `r${index}@example.com`,
      confirmedAt: '2025-01-01T00:00:00Z',
    }));
    await expect(h.useCases.importSubscribers(rows)).rejects.toThrow(InvalidInputError);
    expect(await h.subscribers.find('r0@example.com')).toBeUndefined();
  });
});
