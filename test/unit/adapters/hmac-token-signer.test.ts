import { createHmac } from 'node:crypto';
import { HmacTokenSigner, MIN_SECRET_LENGTH } from '../../../lambdas/adapters/hmac-token-signer';
import { InvalidTokenError, type TokenFailure } from '../../../lambdas/core/domain/errors';
import type { TokenPurpose } from '../../../lambdas/core/ports/token-signer';

const SECRET = 'a-secret-of-at-least-thirty-two-characters!';
const OTHER_SECRET = 'another-secret-of-thirty-two-characters-or-more';
const NOW = new Date('2026-11-24T09:00:00.000Z');
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

/** Re-encodes a token's payload and signs it like the signer would, to reach checks behind the signature. */
function forge(secret: string, payload: unknown): string {
  const body = `v1.${Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)).toString('base64url')}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

describe('HmacTokenSigner', () => {
  it('round-trips the claims of a confirmation token with an expiry', () => {
    const expiresAt = NOW.getTime() + 3_600_000;
    const token = signer.sign({ purpose: 'confirm-subscription', email: 'reader@example.com', expiresAt });
    expect(signer.verify(token, 'confirm-subscription', NOW)).toEqual({
      purpose: 'confirm-subscription',
      email: 'reader@example.com',
      expiresAt,
    });
  });

  it('round-trips an unsubscribe token without expiry, which works years later', () => {
    const token = signer.sign({ purpose: 'unsubscribe', email: 'قارئ@example.com' });
    expect(signer.verify(token, 'unsubscribe', new Date('2040-01-01T00:00:00Z'))).toEqual({
      purpose: 'unsubscribe',
      email: 'قارئ@example.com',
    });
  });

  it('makes URL-safe tokens of three dot-separated parts starting with the version', () => {
    const token = signer.sign({ purpose: 'unsubscribe', email: 'reader+tag@example.com' });
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/u);
    expect(encodeURIComponent(token)).toBe(token);
  });

  it('rejects a token whose payload was changed (bad_signature)', () => {
    const token = signer.sign({ purpose: 'unsubscribe', email: 'reader@example.com' });
    const [version, , signature] = token.split('.');
    const otherPayload = Buffer.from(JSON.stringify({ p: 'u', e: 'victim@example.com' })).toString('base64url');
    expect(failure(() => signer.verify(`${version}.${otherPayload}.${signature}`, 'unsubscribe', NOW))).toBe(
      'bad_signature',
    );
  });

  it('rejects a token whose signature was changed (bad_signature)', () => {
    const token = signer.sign({ purpose: 'unsubscribe', email: 'reader@example.com' });
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const tampered = `${token.slice(0, -2)}${last}${token.slice(-1)}`;
    expect(tampered).not.toBe(token);
    expect(failure(() => signer.verify(tampered, 'unsubscribe', NOW))).toBe('bad_signature');
    expect(failure(() => signer.verify(`${token.split('.').slice(0, 2).join('.')}.`, 'unsubscribe', NOW))).toBe(
      'bad_signature',
    );
    expect(failure(() => signer.verify(`${token}AAAA`, 'unsubscribe', NOW))).toBe('bad_signature');
  });

  it('rejects a token signed with another secret (bad_signature)', () => {
    const token = new HmacTokenSigner(OTHER_SECRET).sign({ purpose: 'unsubscribe', email: 'reader@example.com' });
    expect(failure(() => signer.verify(token, 'unsubscribe', NOW))).toBe('bad_signature');
  });

  it.each<[TokenPurpose, TokenPurpose]>([
    ['unsubscribe', 'confirm-subscription'],
    ['confirm-subscription', 'unsubscribe'],
  ])('rejects a %s token used to %s (wrong_purpose)', (signedFor, usedFor) => {
    const token = signer.sign({ purpose: signedFor, email: 'reader@example.com', expiresAt: NOW.getTime() + 1000 });
    expect(failure(() => signer.verify(token, usedFor, NOW))).toBe('wrong_purpose');
  });

  it('rejects an expired token, including at the exact instant it expires (expired)', () => {
    const expiresAt = NOW.getTime() + 60_000;
    const token = signer.sign({ purpose: 'confirm-subscription', email: 'reader@example.com', expiresAt });
    expect(signer.verify(token, 'confirm-subscription', new Date(expiresAt - 1)).email).toBe('reader@example.com');
    expect(failure(() => signer.verify(token, 'confirm-subscription', new Date(expiresAt)))).toBe('expired');
    expect(failure(() => signer.verify(token, 'confirm-subscription', new Date(expiresAt + 86_400_000)))).toBe(
      'expired',
    );
  });

  it.each(['', 'garbage', 'v1.only-two', 'v1.a.b.c', 'v2.abc.def', '..', 'V1.abc.def'])(
    'rejects the malformed string %j (malformed)',
    (token) => {
      expect(failure(() => signer.verify(token, 'unsubscribe', NOW))).toBe('malformed');
    },
  );

  it('rejects a correctly signed payload that is not the expected JSON (malformed)', () => {
    expect(failure(() => signer.verify(forge(SECRET, 'not json'), 'unsubscribe', NOW))).toBe('malformed');
    expect(failure(() => signer.verify(forge(SECRET, { p: 'u' }), 'unsubscribe', NOW))).toBe('malformed');
    expect(
      failure(() => signer.verify(forge(SECRET, { p: 'u', e: 'a@b.co', x: 'tomorrow' }), 'unsubscribe', NOW)),
    ).toBe('malformed');
    expect(failure(() => signer.verify(forge(SECRET, null), 'unsubscribe', NOW))).toBe('malformed');
  });

  it('refuses a secret shorter than the minimum', () => {
    expect(MIN_SECRET_LENGTH).toBe(32);
    expect(() => new HmacTokenSigner('x'.repeat(MIN_SECRET_LENGTH - 1))).toThrow(/at least 32/u);
    expect(() => new HmacTokenSigner('')).toThrow();
    expect(() => new HmacTokenSigner('x'.repeat(MIN_SECRET_LENGTH))).not.toThrow();
  });

  it('gives different tokens to different readers and purposes', () => {
    const a = signer.sign({ purpose: 'unsubscribe', email: 'a@example.com' });
    const b = signer.sign({ purpose: 'unsubscribe', email: 'b@example.com' });
    const c = signer.sign({ purpose: 'confirm-subscription', email: 'a@example.com' });
    expect(new Set([a, b, c]).size).toBe(3);
    expect(signer.sign({ purpose: 'unsubscribe', email: 'a@example.com' })).toBe(a);
  });
});
