import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import {
  confirmedSubscriber,
  importedSubscriber,
  maskEmail,
  normalizeEmail,
  pendingSubscriber,
  type Subscriber,
  unsubscribedSubscriber,
} from '../../../lambdas/core/domain/subscriber';

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

  it('starts a new subscription as pending, forgotten after the confirmation window', () => {
    expect(pendingSubscriber('reader@example.com', t0, 2 * day)).toEqual({
      email: 'reader@example.com',
      status: 'pending',
      subscribedAt: t0.toISOString(),
      pendingUntil: new Date(t0.getTime() + 2 * day).toISOString(),
      confirmationSentAt: t0.toISOString(),
    });
  });

  it('keeps the first subscribedAt when a pending reader subscribes again, but extends the window', () => {
    const first = pendingSubscriber('reader@example.com', t0, 2 * day);
    const again = pendingSubscriber('reader@example.com', t1, 2 * day, first);
    expect(again.subscribedAt).toBe(t0.toISOString());
    expect(again.pendingUntil).toBe(new Date(t1.getTime() + 2 * day).toISOString());
  });

  it('starts afresh when a reader who left subscribes again', () => {
    const left = unsubscribedSubscriber(confirmedSubscriber(pendingSubscriber('reader@example.com', t0, day), t0), t0);
    const back = pendingSubscriber('reader@example.com', t1, day, left);
    expect(back).toMatchObject({ status: 'pending', subscribedAt: t1.toISOString() });
    expect(back.unsubscribedAt).toBeUndefined();
  });

  it('confirms a pending subscriber: confirmedAt set, the pending deadline dropped', () => {
    const confirmed = confirmedSubscriber(pendingSubscriber('reader@example.com', t0, day), t1);
    expect(confirmed).toEqual({
      email: 'reader@example.com',
      status: 'confirmed',
      subscribedAt: t0.toISOString(),
      confirmedAt: t1.toISOString(),
    });
  });

  it('leaves a confirmed subscriber as it is when confirmed again', () => {
    const confirmed = confirmedSubscriber(pendingSubscriber('reader@example.com', t0, day), t0);
    expect(confirmedSubscriber(confirmed, t1)).toBe(confirmed);
  });

  it('unsubscribes: status and unsubscribedAt set, subscribedAt kept, confirmedAt dropped', () => {
    const confirmed = confirmedSubscriber(pendingSubscriber('reader@example.com', t0, day), t0);
    const left = unsubscribedSubscriber(confirmed, t1);
    expect(left).toEqual({
      email: 'reader@example.com',
      status: 'unsubscribed',
      subscribedAt: t0.toISOString(),
      unsubscribedAt: t1.toISOString(),
    });
  });

  it('keeps the first unsubscribedAt when a reader leaves twice', () => {
    const left: Subscriber = unsubscribedSubscriber(pendingSubscriber('reader@example.com', t0, day), t0);
    expect(unsubscribedSubscriber(left, t1)).toBe(left);
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
  it('is confirmed at the given instant, consent imported, with the language when one is given', () => {
    expect(importedSubscriber('a@example.com', '2025-01-01T00:00:00.000Z', 'ar')).toEqual({
      email: 'a@example.com',
      status: 'confirmed',
      subscribedAt: '2025-01-01T00:00:00.000Z',
      confirmedAt: '2025-01-01T00:00:00.000Z',
      consent: 'imported',
      language: 'ar',
    });
    expect(importedSubscriber('a@example.com', '2025-01-01T00:00:00.000Z')).not.toHaveProperty('language');
  });

  it('keeps its language through every later move', () => {
    const now = new Date('2026-01-01T00:00:00.000Z');
    const imported = importedSubscriber('a@example.com', '2025-01-01T00:00:00.000Z', 'fr');
    expect(unsubscribedSubscriber(imported, now).language).toBe('fr');
    const pending = pendingSubscriber('a@example.com', now, 1000, { ...imported, status: 'pending' });
    expect(pending.language).toBe('fr');
    expect(confirmedSubscriber(pending, now).language).toBe('fr');
    expect(confirmedSubscriber(pendingSubscriber('b@example.com', now, 1000), now)).not.toHaveProperty('language');
  });
});
