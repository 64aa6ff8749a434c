import { createHmac } from 'node:crypto';
import {
  HmacTokenSigner,
  MIN_SECRET_LENGTH,
  parseSigningKeys,
  type SigningKeyRing,
} from '../../../lambdas/adapters/hmac-token-signer';
import { InvalidTokenError, type TokenFailure } from '../../../lambdas/core/domain/errors';
import { isSubscriptionId } from '../../../lambdas/core/domain/subscriber';
import type { TokenPurpose } from '../../../lambdas/core/ports/token-signer';
import { nthSubscriptionId } from '../../support/sequential-ids';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';
const OTHER_SECRET = 'another-secret-of-thirty-two-characters-or-more';
const NOW = new Date('2026-11-24T09:00:00.000Z');
const SUBSCRIPTION = 'q0Zb4xj1VtTkBJgNJ8yxYg';
const signer = new HmacTokenSigner(SECRET);

function failure(run: () => unknown): TokenFailure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidTokenError);
    return (error as InvalidTokenError).reason;
  }
  throw new Error('expected an InvalidTokenError');
}

/** Signs raw bytes as the signer would with that key, to reach the checks behind the signature. */
function forge(secret: string, signed: Buffer): string {
  const tag = createHmac('sha256', secret).update(signed).digest().subarray(0, 16);
  return Buffer.concat([signed, tag]).toString('base64url');
}

function signedBytes(keyId: number, purpose: number, expirySeconds: number): Buffer {
  const bytes = Buffer.alloc(22);
  bytes.writeUInt8(keyId, 0);
  bytes.writeUInt8(purpose, 1);
  Buffer.from(SUBSCRIPTION, 'base64url').copy(bytes, 2);
  bytes.writeUInt32BE(expirySeconds, 18);
  return bytes;
}

describe('HmacTokenSigner', () => {
  it('round-trips the claims of a confirmation token with an expiry (whole seconds)', () => {
    const expiresAt = NOW.getTime() + 3_600_000;
    const token = signer.sign({
      purpose: 'confirm-subscription',
      subscription: SUBSCRIPTION,
      expiresAt: expiresAt + 999,
    });
    expect(signer.verify(token, 'confirm-subscription', NOW)).toEqual({
      purpose: 'confirm-subscription',
      subscription: SUBSCRIPTION,
      expiresAt,
    });
  });

  it('round-trips an unsubscribe token without expiry, which works years later', () => {
    const token = signer.sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    expect(signer.verify(token, 'unsubscribe', new Date('2040-01-01T00:00:00Z'))).toEqual({
      purpose: 'unsubscribe',
      subscription: SUBSCRIPTION,
    });
  });

  it('makes opaque, URL-safe tokens of 51 characters that carry no address and no readable text', () => {
    const token = signer.sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    expect(token).toMatch(/^[A-Za-z0-9_-]{51}$/u);
    expect(encodeURIComponent(token)).toBe(token);
    const bytes = Buffer.from(token, 'base64url');
    expect(bytes).toHaveLength(38);
    expect(bytes.toString('latin1')).not.toMatch(/[a-z]{4}/u);
  });

  it('refuses to sign a subscription id that is not 16 bytes in canonical base64url', () => {
    for (const subscription of ['', 'reader@example.com', `${SUBSCRIPTION}A`, `${SUBSCRIPTION.slice(0, 21)}B`]) {
      expect(() => signer.sign({ purpose: 'unsubscribe', subscription })).toThrow(/16 bytes/u);
    }
  });

  it('rejects a token whose subscription id was changed (bad_signature)', () => {
    const token = signer.sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    const bytes = Buffer.from(token, 'base64url');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    expect(failure(() => signer.verify(bytes.toString('base64url'), 'unsubscribe', NOW))).toBe('bad_signature');
  });

  it('rejects a token whose tag was changed (bad_signature)', () => {
    const token = signer.sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    const bytes = Buffer.from(token, 'base64url');
    bytes[30] = (bytes[30] ?? 0) ^ 0x80;
    expect(failure(() => signer.verify(bytes.toString('base64url'), 'unsubscribe', NOW))).toBe('bad_signature');
  });

  it('accepts one spelling only: extra characters, padding, other alphabets or stray low bits are malformed', () => {
    const token = signer.sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    const lastIndex = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(token.at(-1) ?? '');
    const strayBits = `${token.slice(0, -1)}${'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[lastIndex ^ 1]}`;
    // Node decodes this to the same 38 bytes: only the re-encoding check refuses it.
    expect(Buffer.from(strayBits, 'base64url').equals(Buffer.from(token, 'base64url'))).toBe(true);
    const spellings = [
      `${token}A`,
      `${token}AAAA`,
      `${token}=`,
      `${token} `,
      strayBits,
      token.replace(/-/gu, '+').replace(/_/gu, '/') === token
        ? `${token.slice(0, -2)}+${token.at(-1)}`
        : token.replace(/-/gu, '+').replace(/_/gu, '/'),
      token.slice(0, -1),
    ];
    for (const spelling of spellings) {
      expect(spelling).not.toBe(token);
      expect(failure(() => signer.verify(spelling, 'unsubscribe', NOW))).toBe('malformed');
    }
  });

  it('rejects a token signed with another secret (bad_signature)', () => {
    const token = new HmacTokenSigner(OTHER_SECRET).sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    expect(failure(() => signer.verify(token, 'unsubscribe', NOW))).toBe('bad_signature');
  });

  it.each<[TokenPurpose, TokenPurpose]>([
    ['unsubscribe', 'confirm-subscription'],
    ['confirm-subscription', 'unsubscribe'],
  ])('rejects a %s token used to %s (wrong_purpose)', (signedFor, usedFor) => {
    const token = signer.sign({ purpose: signedFor, subscription: SUBSCRIPTION, expiresAt: NOW.getTime() + 10_000 });
    expect(failure(() => signer.verify(token, usedFor, NOW))).toBe('wrong_purpose');
  });

  it('rejects an expired token, including at the exact instant it expires (expired)', () => {
    const expiresAt = NOW.getTime() + 60_000;
    const token = signer.sign({ purpose: 'confirm-subscription', subscription: SUBSCRIPTION, expiresAt });
    expect(signer.verify(token, 'confirm-subscription', new Date(expiresAt - 1)).subscription).toBe(SUBSCRIPTION);
    expect(failure(() => signer.verify(token, 'confirm-subscription', new Date(expiresAt)))).toBe('expired');
    expect(failure(() => signer.verify(token, 'confirm-subscription', new Date(expiresAt + 86_400_000)))).toBe(
      'expired',
    );
  });

  it.each(['', 'garbage', 'v1.a.b', 'A'.repeat(50), 'A'.repeat(52), `${'A'.repeat(50)}.`, '\u0661'.repeat(51)])(
    'rejects the malformed string %j (malformed)',
    (token) => {
      expect(failure(() => signer.verify(token, 'unsubscribe', NOW))).toBe('malformed');
    },
  );

  it('rejects a correctly signed token of an unknown purpose', () => {
    expect(failure(() => signer.verify(forge(SECRET, signedBytes(0, 9, 0)), 'unsubscribe', NOW))).toBe('wrong_purpose');
    expect(signer.verify(forge(SECRET, signedBytes(0, 2, 0)), 'unsubscribe', NOW).subscription).toBe(SUBSCRIPTION);
  });

  it('refuses a secret shorter than the minimum', () => {
    expect(MIN_SECRET_LENGTH).toBe(32);
    expect(() => new HmacTokenSigner('x'.repeat(MIN_SECRET_LENGTH - 1))).toThrow(/at least 32/u);
    expect(() => new HmacTokenSigner('')).toThrow();
    expect(() => new HmacTokenSigner('x'.repeat(MIN_SECRET_LENGTH))).not.toThrow();
  });

  it('gives different tokens to different subscriptions and purposes, and the same token twice', () => {
    const a = signer.sign({ purpose: 'unsubscribe', subscription: nthSubscriptionId(1) });
    const b = signer.sign({ purpose: 'unsubscribe', subscription: nthSubscriptionId(2) });
    const c = signer.sign({ purpose: 'confirm-subscription', subscription: nthSubscriptionId(1) });
    expect(new Set([a, b, c]).size).toBe(3);
    expect(signer.sign({ purpose: 'unsubscribe', subscription: nthSubscriptionId(1) })).toBe(a);
  });
});

describe('signing key rotation', () => {
  const retiredUntil = new Date('2026-12-31T00:00:00Z');
  const ring: SigningKeyRing = {
    current: { id: 2, secret: OTHER_SECRET },
    retired: [{ id: 1, secret: SECRET, acceptUntil: retiredUntil }],
  };
  const rotated = new HmacTokenSigner(ring);
  const before = new HmacTokenSigner({ current: { id: 1, secret: SECRET }, retired: [] });

  it('signs with the current key and says so in the first byte', () => {
    const token = rotated.sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    expect(Buffer.from(token, 'base64url')[0]).toBe(2);
    expect(failure(() => before.verify(token, 'unsubscribe', NOW))).toBe('bad_signature');
  });

  it('accepts a token of the retired key until its grace period ends, then refuses it (retired_key)', () => {
    const old = before.sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    expect(rotated.verify(old, 'unsubscribe', NOW).subscription).toBe(SUBSCRIPTION);
    expect(rotated.verify(old, 'unsubscribe', new Date(retiredUntil.getTime() - 1)).subscription).toBe(SUBSCRIPTION);
    expect(failure(() => rotated.verify(old, 'unsubscribe', retiredUntil))).toBe('retired_key');
  });

  it('refuses a token naming a key it does not know, even one signed by a known secret (bad_signature)', () => {
    expect(failure(() => rotated.verify(forge(SECRET, signedBytes(7, 2, 0)), 'unsubscribe', NOW))).toBe(
      'bad_signature',
    );
    // Key 1's secret under key 2's id: the id picks the secret, so the tag does not match.
    expect(failure(() => rotated.verify(forge(SECRET, signedBytes(2, 2, 0)), 'unsubscribe', NOW))).toBe(
      'bad_signature',
    );
  });

  it('reads a plain secret as key 0, and JSON as a key ring', () => {
    expect(parseSigningKeys(SECRET)).toEqual({ current: { id: 0, secret: SECRET }, retired: [] });
    const json = JSON.stringify({
      current: { id: 2, secret: OTHER_SECRET },
      retired: [{ id: 1, secret: SECRET, acceptUntil: '2026-12-31T00:00:00Z' }],
    });
    expect(parseSigningKeys(json)).toEqual(ring);
    const token = new HmacTokenSigner(json).sign({ purpose: 'unsubscribe', subscription: SUBSCRIPTION });
    expect(rotated.verify(token, 'unsubscribe', NOW).subscription).toBe(SUBSCRIPTION);
  });

  it.each([
    ['not JSON', '{nope', /not valid JSON/u],
    ['a short secret', JSON.stringify({ current: { id: 1, secret: 'short' } }), /current\.secret/u],
    ['a key id over 255', JSON.stringify({ current: { id: 256, secret: SECRET } }), /current\.id/u],
    [
      'two keys with one id',
      JSON.stringify({
        current: { id: 1, secret: SECRET },
        retired: [{ id: 1, secret: OTHER_SECRET, acceptUntil: '2027-01-01T00:00:00Z' }],
      }),
      /own id/u,
    ],
    [
      'a retired key whose end is a day without a time and offset (the instant rule)',
      JSON.stringify({
        current: { id: 1, secret: SECRET },
        retired: [{ id: 0, secret: OTHER_SECRET, acceptUntil: '2027-01-01' }],
      }),
      /retired\.0\.acceptUntil: must be an ISO 8601 date and time/u,
    ],
    [
      'a retired key without its end',
      JSON.stringify({ current: { id: 1, secret: SECRET }, retired: [{ id: 0, secret: OTHER_SECRET }] }),
      /acceptUntil/u,
    ],
  ])('refuses key rings with %s, naming no secret', (_case, value, message) => {
    let thrown: unknown;
    try {
      parseSigningKeys(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).message).toMatch(message);
    expect((thrown as Error).message).not.toContain(SECRET);
    expect((thrown as Error).message).not.toContain(OTHER_SECRET);
  });

  it('tells subscription ids by their shape', () => {
    expect(isSubscriptionId(SUBSCRIPTION)).toBe(true);
    expect(isSubscriptionId(nthSubscriptionId(3))).toBe(true);
    expect(isSubscriptionId(`${SUBSCRIPTION.slice(0, 21)}B`)).toBe(false);
    expect(isSubscriptionId(SUBSCRIPTION.slice(1))).toBe(false);
  });
});
