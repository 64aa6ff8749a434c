import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import {
  confirmedSubscriber,
  consentRecordOf,
  importedSubscriber,
  MAX_EARLIER_SUBSCRIPTIONS,
  maskEmail,
  normalizeEmail,
  pendingSubscriber,
  type Subscriber,
  suppressedSubscriber,
  unsubscribedSubscriber,
} from '../../../lambdas/core/domain/subscriber';
import { nthSubscriptionId } from '../../support/sequential-ids';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Reader@Example.COM \n')).toBe('reader@example.com');
  });

  it('accepts ordinary addresses with plus tags, subdomains and IDN-free TLDs', () => {
    expect(normalizeEmail('first.last+digest@mail.example.co.uk')).toBe('first.last+digest@mail.example.co.uk');
  });

  const SHAPE = 'expected an address like reader@example.com';
  const INVISIBLE = 'contains spaces, control or invisible characters';
  const NOT_PLAIN = 'expected one plain address like reader@example.com (no quotes, comments or lists)';
  const NOT_ASCII = 'the part before the @ must be ASCII: Amazon SES cannot send to this address';

  it.each([
    ['', SHAPE],
    ['reader', SHAPE],
    ['reader@', SHAPE],
    ['@example.com', SHAPE],
    ['reader@example', SHAPE],
    ['reader@example.c', SHAPE],
    ['reader@-example.com', SHAPE],
    ['reader@exa_mple.com', SHAPE],
    ['two words@example.com', INVISIBLE],
    ['reader@exa mple.com', INVISIBLE],
    // Aliases that reach one mailbox (issue 8): each would be a subscriber of its own.
    ['du\u0000p@example.com', INVISIBLE],
    ['dup\u200B@example.com', INVISIBLE],
    ['\u202Emoc.elpmaxe@pud', INVISIBLE],
    ['dup@exa\u200Dmple.com', INVISIBLE],
    // Rendering as nothing without being a format character, and mapped away by IDNA: still not a plain address.
    ['dup@exa\u034Fmple.com', INVISIBLE],
    ['dup@exa\uFE0Fmple.com', INVISIBLE],
    ['dup@example.com\u{E0041}', INVISIBLE],
    ['dup(x)@example.com', NOT_PLAIN],
    ['"dup"@example.com', NOT_PLAIN],
    ['"du p"@example.com', INVISIBLE],
    ['a@b@example.com', NOT_PLAIN],
    ['a@example.com,b@example.com', NOT_PLAIN],
    ['a..b@example.com', NOT_PLAIN],
    ['.a@example.com', NOT_PLAIN],
    ['قارئ@example.com', NOT_ASCII],
    ['rédacteur@example.com', NOT_ASCII],
  ])('rejects %j with an InvalidInputError on the email field, saying why', (raw, why) => {
    let caught: unknown;
    try {
      normalizeEmail(raw);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidInputError);
    expect(caught).toMatchObject({
      message: 'The email address is not valid.',
      problems: [{ field: 'email', message: why }],
    });
  });

  it('keeps an international domain in its one ASCII form, so both spellings are one subscriber', () => {
    expect(normalizeEmail('Reader@مثال.إختبار')).toBe('reader@xn--mgbh0fb.xn--kgbechtv');
    expect(normalizeEmail('reader@XN--MGBH0FB.xn--kgbechtv')).toBe('reader@xn--mgbh0fb.xn--kgbechtv');
    expect(normalizeEmail('leser@Bücher.de')).toBe(normalizeEmail('leser@xn--bcher-kva.de'));
  });

  it('accepts the characters a plain local part may hold', () => {
    expect(normalizeEmail("o'brien+news/x=y@example.com")).toBe("o'brien+news/x=y@example.com");
    expect(normalizeEmail('a.b-c_d@sub.example.com')).toBe('a.b-c_d@sub.example.com');
  });

  it('rejects addresses longer than 254 characters', () => {
    const local = 'a'.repeat(64);
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.com`;
    const address = `${local}@${domain}`;
    expect(address.length).toBeGreaterThan(254);
    expect(() => normalizeEmail(address)).toThrow(InvalidInputError);
    const fits = `${local}@${'b'.repeat(63)}.com`;
    expect(normalizeEmail(fits)).toBe(fits);
  });

  it('accepts an address of exactly 254 characters, and not one of 255', () => {
    // 64 + 1 + (63 + 1 + 63 + 1 + 57 + 4) = 254.
    const address = (last: number) => `${'a'.repeat(64)}@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(last)}.com`;
    expect(normalizeEmail(address(57))).toBe(address(57));
    expect(() => normalizeEmail(address(58))).toThrow('The email address is not valid.');
  });
});

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

describe('maskEmail', () => {
  it('keeps the first letter and the domain, hides the rest of the local part', () => {
    const masked = maskEmail('reader@example.com');
    expect(masked).toBe('r***@example.com');
    expect(masked).not.toContain('reader');
  });

  it('adds no domain to a text without one', () => {
    expect(maskEmail('reader')).toBe('r***@');
  });

  it('hides the length of the local part', () => {
    expect(maskEmail('a@example.com').length).toBe(maskEmail('abcdefgh@example.com').length);
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
