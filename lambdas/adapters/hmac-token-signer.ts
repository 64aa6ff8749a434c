// Adapter: signed links (HMAC-SHA256) for confirming and leaving a subscription.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidTokenError } from '../core/domain/errors';
import type { TokenClaims, TokenPurpose, TokenSigner } from '../core/ports/token-signer';

const VERSION = 'v1';
const PURPOSE_CODES: Record<TokenPurpose, string> = { 'confirm-subscription': 'c', unsubscribe: 'u' };
export const MIN_SECRET_LENGTH = 32;

interface WirePayload {
  p: string;
  e: string;
  x?: number;
}

export class HmacTokenSigner implements TokenSigner {
  constructor(private readonly secret: string) {
    if (secret.length < MIN_SECRET_LENGTH)
      throw new Error(`The token signing secret must be at least ${MIN_SECRET_LENGTH} characters long.`);
  }

  sign(claims: TokenClaims): string {
    const payload: WirePayload = {
      p: PURPOSE_CODES[claims.purpose],
      e: claims.email,
      ...(claims.expiresAt === undefined ? {} : { x: claims.expiresAt }),
    };
    const body = `${VERSION}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
    return `${body}.${this.signature(body)}`;
  }

  verify(token: string, purpose: TokenPurpose, now: Date): TokenClaims {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== VERSION) throw new InvalidTokenError('malformed');
    const body = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2]!, 'base64url');
    const expected = Buffer.from(this.signature(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw new InvalidTokenError('bad_signature');

    const payload = decodePayload(parts[1]!);
    if (payload.p !== PURPOSE_CODES[purpose]) throw new InvalidTokenError('wrong_purpose');
    if (payload.x !== undefined && payload.x <= now.getTime()) throw new InvalidTokenError('expired');
    return { purpose, email: payload.e, ...(payload.x === undefined ? {} : { expiresAt: payload.x }) };
  }

  private signature(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

function decodePayload(encoded: string): WirePayload {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null) {
      const { p, e, x } = value as Record<string, unknown>;
      if (typeof p === 'string' && typeof e === 'string' && (x === undefined || typeof x === 'number'))
        return { p, e, ...(x === undefined ? {} : { x }) };
    }
  } catch {
    // A signed payload that does not parse can only come from a different signer version.
  }
  throw new InvalidTokenError('malformed');
}
