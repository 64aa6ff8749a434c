import {
  confirmedSubscriber,
  consentRecordOf,
  importedSubscriber,
  MAX_EARLIER_SUBSCRIPTIONS,
  pendingSubscriber,
  type Subscriber,
  suppressedSubscriber,
  unsubscribedSubscriber,
} from '../../../lambdas/core/domain/subscriber';
import { nthSubscriptionId } from '../../support/sequential-ids';

describe('subscriber transitions', () => {
  const day = 86_400_000;
  const t0 = new Date('2026-11-24T09:00:00.000Z');
  const t1 = new Date('2026-11-25T10:00:00.000Z');
  const [id1, id2, id3] = [nthSubscriptionId(1), nthSubscriptionId(2), nthSubscriptionId(3)];
  const form = { via: 'form' } as const;
  const pending = (at = t0, window = day) => pendingSubscriber('reader@example.com', form, at, window, id1);

  it('starts a new subscription as pending under the new id, forgotten after the confirmation window', () => {
    expect(pendingSubscriber('reader@example.com', { via: 'form', language: 'en' }, t0, 2 * day, id1)).toEqual({
      email: 'reader@example.com',
      subscriptionId: id1,
      status: 'pending',
      subscribedAt: t0.toISOString(),
      subscribedVia: 'form',
      language: 'en',
      pendingUntil: new Date(t0.getTime() + 2 * day).toISOString(),
      confirmationSentAt: t0.toISOString(),
    });
  });

  it('keeps the id, first subscribedAt and source when a pending reader subscribes again, but extends the window', () => {
    const first = pending(t0, 2 * day);
    const again = pendingSubscriber('reader@example.com', { via: 'api' }, t1, 2 * day, id2, first);
    expect(again).toMatchObject({ subscriptionId: id1, subscribedAt: t0.toISOString(), subscribedVia: 'form' });
    expect(again.pendingUntil).toBe(new Date(t1.getTime() + 2 * day).toISOString());
    expect(again.confirmationSentAt).toBe(t1.toISOString());
    expect(again).not.toHaveProperty('earlier');
  });

  it('starts afresh once the pending window has passed: new id, new start', () => {
    const first = pending(t0, day / 2);
    const again = pendingSubscriber('reader@example.com', { via: 'api' }, t1, day, id2, first);
    expect(again).toMatchObject({ subscriptionId: id2, subscribedAt: t1.toISOString(), subscribedVia: 'api' });
    expect(again.earlier).toEqual([
      { subscribedAt: t0.toISOString(), subscribedVia: 'form', endedAt: first.pendingUntil, endedAs: 'expired' },
    ]);
  });

  it('starts afresh when a reader who left subscribes again, keeping the old subscription as an earlier record', () => {
    const left = unsubscribedSubscriber(confirmedSubscriber(pending(), t0, 'link'), t0);
    const back = pendingSubscriber('reader@example.com', form, t1, day, id2, left);
    expect(back).toMatchObject({ status: 'pending', subscriptionId: id2, subscribedAt: t1.toISOString() });
    expect(back.unsubscribedAt).toBeUndefined();
    expect(back.confirmedAt).toBeUndefined();
    expect(back.earlier).toEqual([
      {
        subscribedAt: t0.toISOString(),
        subscribedVia: 'form',
        confirmedAt: t0.toISOString(),
        confirmedVia: 'link',
        endedAt: t0.toISOString(),
        endedAs: 'unsubscribed',
      },
    ]);
  });

  it(`keeps at most ${MAX_EARLIER_SUBSCRIPTIONS} earlier records, the latest ones`, () => {
    let subscriber = pending();
    for (let round = 0; round < MAX_EARLIER_SUBSCRIPTIONS + 5; round += 1) {
      const at = new Date(t0.getTime() + (round + 1) * day);
      subscriber = pendingSubscriber('reader@example.com', form, at, day, id3, unsubscribedSubscriber(subscriber, at));
    }
    expect(subscriber.earlier).toHaveLength(MAX_EARLIER_SUBSCRIPTIONS);
    expect(subscriber.earlier?.at(-1)?.subscribedAt).toBe(
      new Date(t0.getTime() + (MAX_EARLIER_SUBSCRIPTIONS + 4) * day).toISOString(),
    );
  });

  it('confirms a pending subscriber: confirmedAt and how set, the pending deadline dropped, the id kept', () => {
    const confirmed = confirmedSubscriber(pending(), t1, 'link');
    expect(confirmed).toEqual({
      email: 'reader@example.com',
      subscriptionId: id1,
      status: 'confirmed',
      subscribedAt: t0.toISOString(),
      subscribedVia: 'form',
      confirmedAt: t1.toISOString(),
      confirmedVia: 'link',
    });
  });

  it('leaves a confirmed subscriber as it is when confirmed again', () => {
    const confirmed = confirmedSubscriber(pending(), t0, 'link');
    expect(confirmedSubscriber(confirmed, t1, 'import')).toBe(confirmed);
  });

  it('unsubscribes: status and unsubscribedAt set; the id, start and confirmation kept for the record', () => {
    const confirmed = confirmedSubscriber(pending(), t0, 'link');
    const left = unsubscribedSubscriber(confirmed, t1);
    expect(left).toEqual({
      email: 'reader@example.com',
      subscriptionId: id1,
      status: 'unsubscribed',
      subscribedAt: t0.toISOString(),
      subscribedVia: 'form',
      confirmedAt: t0.toISOString(),
      confirmedVia: 'link',
      unsubscribedAt: t1.toISOString(),
    });
    expect(consentRecordOf(left, t1)).toEqual({
      subscribedAt: t0.toISOString(),
      subscribedVia: 'form',
      confirmedAt: t0.toISOString(),
      confirmedVia: 'link',
      endedAt: t1.toISOString(),
      endedAs: 'unsubscribed',
    });
  });

  it('keeps the first unsubscribedAt when a reader leaves twice', () => {
    const left: Subscriber = unsubscribedSubscriber(pending(), t0);
    expect(unsubscribedSubscriber(left, t1)).toBe(left);
  });

  it('suppresses an unknown address under a new id, and a known one under its own', () => {
    expect(suppressedSubscriber('x@example.com', 'bounce', t1, id2)).toEqual({
      email: 'x@example.com',
      subscriptionId: id2,
      status: 'suppressed',
      subscribedAt: t1.toISOString(),
      subscribedVia: 'api',
      suppressedAt: t1.toISOString(),
      suppressedFor: 'bounce',
    });
    const confirmed = confirmedSubscriber(pending(), t0, 'link');
    expect(suppressedSubscriber('reader@example.com', 'complaint', t1, id2, confirmed)).toMatchObject({
      subscriptionId: id1,
      subscribedVia: 'form',
      confirmedVia: 'link',
      suppressedFor: 'complaint',
    });
    expect(consentRecordOf(suppressedSubscriber('x@example.com', 'bounce', t1, id2), t1).endedAs).toBe('suppressed');
  });
});

describe('importedSubscriber', () => {
  const id = nthSubscriptionId(1);

  it('is confirmed at the given instant, consent imported, with the language when one is given', () => {
    expect(importedSubscriber('a@example.com', '2025-01-01T00:00:00.000Z', id, 'ar')).toEqual({
      email: 'a@example.com',
      subscriptionId: id,
      status: 'confirmed',
      subscribedAt: '2025-01-01T00:00:00.000Z',
      subscribedVia: 'import',
      confirmedAt: '2025-01-01T00:00:00.000Z',
      confirmedVia: 'import',
      language: 'ar',
    });
    expect(importedSubscriber('a@example.com', '2025-01-01T00:00:00.000Z', id)).not.toHaveProperty('language');
  });

  it('keeps its language through every later move', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    const imported = importedSubscriber('a@example.com', '2025-01-01T00:00:00.000Z', id, 'fr');
    expect(unsubscribedSubscriber(imported, now).language).toBe('fr');
    const pending = pendingSubscriber('a@example.com', { via: 'form' }, now, 1000, id, {
      ...imported,
      status: 'pending',
    });
    expect(pending.language).toBe('fr');
    expect(confirmedSubscriber(pending, now, 'link').language).toBe('fr');
    expect(
      confirmedSubscriber(pendingSubscriber('b@example.com', { via: 'form' }, now, 1000, id), now, 'link'),
    ).not.toHaveProperty('language');
  });

  it("takes the reader's new choice of language over the one kept", () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    const imported = importedSubscriber('a@example.com', '2025-01-01T00:00:00.000Z', id, 'fr');
    const left = unsubscribedSubscriber(imported, now);
    expect(pendingSubscriber('a@example.com', { via: 'form', language: 'ar' }, now, 1000, id, left).language).toBe(
      'ar',
    );
  });
});
