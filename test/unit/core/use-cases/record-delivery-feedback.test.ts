// SES's word after a send, from its documented event JSON: a permanent bounce or a complaint suppresses the
// address for good — off the list, never mailed again, whatever is submitted for it later.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidInputError, NotFoundError } from '../../../../lambdas/core/domain/errors';
import { nthSubscriptionId } from '../../../support/sequential-ids';
import { createHarness, type Harness, START, tokenFromLink } from '../../../support/use-case-harness';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'ses-events', `${name}.json`), 'utf8'));

let h: Harness;
beforeEach(() => {
  h = createHarness();
});

describe('recordDeliveryFeedback', () => {
  it('suppresses the reader of a permanent bounce, who then leaves the list the sends read', async () => {
    await h.addSubscriber('gone.reader@example.com', 'confirmed');
    h.clock.advance(60_000);
    expect(await h.useCases.recordDeliveryFeedback(fixture('bounce-permanent'))).toEqual({ suppressed: 1 });
    expect(await h.subscribers.find('gone.reader@example.com')).toEqual({
      email: 'gone.reader@example.com',
      subscriptionId: nthSubscriptionId(1),
      status: 'suppressed',
      subscribedAt: START,
      subscribedVia: 'api',
      confirmedAt: START,
      suppressedAt: '2026-11-24T09:01:00.000Z',
      suppressedFor: 'bounce',
      revision: 2,
    });
    const confirmed = [];
    for await (const reader of h.useCases.confirmedSubscribers()) confirmed.push(reader.email);
    expect(confirmed).toEqual([]);
    expect(h.logger.entries).toEqual([
      {
        level: 'info',
        message: 'address suppressed',
        attributes: { recipient: 'g***@example.com', reason: 'bounce', was: 'confirmed' },
      },
    ]);
  });

  it('suppresses the reader of a complaint, and takes an identity notification (notificationType) alike', async () => {
    await h.addSubscriber('annoyed@example.com', 'confirmed');
    expect(await h.useCases.recordDeliveryFeedback(fixture('complaint'))).toEqual({ suppressed: 1 });
    expect(await h.subscribers.find('annoyed@example.com')).toMatchObject({
      status: 'suppressed',
      suppressedFor: 'complaint',
    });
    expect(await h.useCases.recordDeliveryFeedback(fixture('identity-notification-bounce'))).toEqual({ suppressed: 1 });
    expect(await h.subscribers.find('listed@example.com')).toMatchObject({
      status: 'suppressed',
      suppressedFor: 'bounce',
    });
  });

  it('changes nothing for a transient bounce or a delivery, nor twice for the same address', async () => {
    await h.addSubscriber('full.mailbox@example.com', 'confirmed');
    expect(await h.useCases.recordDeliveryFeedback(fixture('bounce-transient'))).toEqual({ suppressed: 0 });
    expect(await h.useCases.recordDeliveryFeedback(fixture('delivery'))).toEqual({ suppressed: 0 });
    expect((await h.subscribers.find('full.mailbox@example.com'))?.status).toBe('confirmed');
    await h.useCases.recordDeliveryFeedback(fixture('complaint'));
    const first = await h.subscribers.find('annoyed@example.com');
    h.clock.advance(60_000);
    expect(await h.useCases.recordDeliveryFeedback(fixture('complaint'))).toEqual({ suppressed: 0 });
    expect(await h.subscribers.find('annoyed@example.com')).toEqual(first);
  });

  it('refuses what is not an SES event at all', async () => {
    await expect(h.useCases.recordDeliveryFeedback('Bounce')).rejects.toThrow(InvalidInputError);
    await expect(
      h.useCases.recordDeliveryFeedback({ eventType: 'Bounce', bounce: { bounceType: 'Permanent' } }),
    ).rejects.toThrow('The feedback is not an SES event.');
  });
});

describe('a suppressed address afterwards', () => {
  beforeEach(async () => {
    await h.addSubscriber('annoyed@example.com', 'confirmed');
    await h.useCases.recordDeliveryFeedback(fixture('complaint'));
  });

  it('is not mailed when someone subscribes it again, and the answer says nothing', async () => {
    expect(await h.useCases.subscribe('annoyed@example.com', { via: 'api' })).toBe('suppressed');
    expect(h.mailer.sent).toEqual([]);
    expect((await h.subscribers.find('annoyed@example.com'))?.status).toBe('suppressed');
  });

  it('is not brought back by an old confirmation link, an unsubscribe click or an imported list', async () => {
    const pending = createHarness();
    await pending.useCases.subscribe('annoyed@example.com', { via: 'api' });
    const token = tokenFromLink(pending.mailer.sent[0]!.html, '/subscriptions/confirm');
    await expect(h.useCases.confirmSubscription(token)).rejects.toBeInstanceOf(NotFoundError);
    await h.useCases.unsubscribe(await h.tokenFor('annoyed@example.com', 'unsubscribe'));
    expect(
      await h.useCases.importSubscribers([
        { line: 2, email: 'annoyed@example.com', confirmedAt: '2025-01-01T00:00:00Z' },
      ]),
    ).toEqual({ imported: 0, skipped: 1, rejectedCount: 0, rejected: [] });
    expect((await h.subscribers.find('annoyed@example.com'))?.status).toBe('suppressed');
  });

  it('gets no digest', async () => {
    await h.addSubscriber('amal@example.com', 'confirmed');
    await h.useCases.ingestReport({ title: 'News', body: 'One thing happened. Then another one did.' });
    await h.sendAndDeliver();
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['amal@example.com']);
  });
});
