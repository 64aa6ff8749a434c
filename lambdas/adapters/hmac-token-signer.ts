// Adapter: signed links (HMAC-SHA256) for confirming and leaving a subscription. A token is 38 bytes in base64url:
//   key id (1) | purpose (1) | subscription id (16) | expiry in epoch seconds, 0 for never (4) | tag (16)
// so it names no address, says which key signed it (keys rotate), and has exactly one spelling.
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { InvalidTokenError } from '../core/domain/errors';
import { INSTANT_RULE, isInstant } from '../core/domain/instant';
import type { TokenClaims, TokenPurpose, TokenSigner } from '../core/ports/token-signer';

export const MIN_SECRET_LENGTH = 32;
const PURPOSE_CODES: Record<TokenPurpose, number> = { 'confirm-subscription': 1, unsubscribe: 2 };
const SUBSCRIPTION_BYTES = 16;
const SIGNED_BYTES = 1 + 1 + SUBSCRIPTION_BYTES + 4;
const TAG_BYTES = 16;
const TOKEN_BYTES = SIGNED_BYTES + TAG_BYTES;
/** base64url without padding of TOKEN_BYTES bytes: 51 characters, the last one carrying 2 zero bits. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{51}$/u;

export interface SigningKey {
  /** 0–255, carried in every token so that verifying picks the key that signed it. */
  id: number;
  secret: string;
}

/** The key that signs, and the retired ones still accepted until their grace period ends. */
export interface SigningKeyRing {
  current: SigningKey;
  retired: readonly (SigningKey & { acceptUntil: Date })[];
}

const keySchema = z.object({ id: z.number().int().min(0).max(255), secret: z.string().min(MIN_SECRET_LENGTH) });
const keyRingSchema = z
  .object({
    current: keySchema,
    retired: z.array(keySchema.extend({ acceptUntil: z.string().refine(isInstant, INSTANT_RULE) })).default([]),
  })
  .strict()
  .refine(
    (ring) => new Set([ring.current.id, ...ring.retired.map((key) => key.id)]).size === ring.retired.length + 1,
    'every key needs its own id',
  );

/**
 * The signing keys from the secret's value: a plain secret of at least 32 characters (key 0, nothing retired), or
 * to rotate, JSON `{"current": {"id": 2, "secret": "…"}, "retired": [{"id": 1, "secret": "…", "acceptUntil":
 * "2027-03-01T00:00:00Z"}]}`. Throws with a message that names no secret.
 */
export function parseSigningKeys(value: string): SigningKeyRing {
  if (!value.trimStart().startsWith('{')) {
    if (value.length < MIN_SECRET_LENGTH)
      throw new Error(`The token signing secret must be at least ${MIN_SECRET_LENGTH} characters long.`);
    return { current: { id: 0, secret: value }, retired: [] };
  }
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('The token signing keys are not valid JSON.');
  }
  const parsed = keyRingSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'keys'}: ${issue.message}`);
    throw new Error(`The token signing keys are not valid (${where.join('; ')}).`);
  }
  const { current, retired } = parsed.data;
  return { current, retired: retired.map((key) => ({ ...key, acceptUntil: new Date(key.acceptUntil) })) };
}

export class HmacTokenSigner implements TokenSigner {
  private readonly keys: SigningKeyRing;

  constructor(keys: string | SigningKeyRing) {
    this.keys = typeof keys === 'string' ? parseSigningKeys(keys) : keys;
  }

  sign(claims: TokenClaims): string {
    const subscription = Buffer.from(claims.subscription, 'base64url');
    if (subscription.length !== SUBSCRIPTION_BYTES || subscription.toString('base64url') !== claims.subscription)
      throw new Error('A subscription id is 16 bytes in base64url.');
    const signed = Buffer.alloc(SIGNED_BYTES);
    signed.writeUInt8(this.keys.current.id, 0);
    signed.writeUInt8(PURPOSE_CODES[claims.purpose], 1);
    subscription.copy(signed, 2);
    signed.writeUInt32BE(
      claims.expiresAt === undefined ? 0 : Math.floor(claims.expiresAt / 1000),
      2 + SUBSCRIPTION_BYTES,
    );
    return Buffer.concat([signed, tag(this.keys.current.secret, signed)]).toString('base64url');
  }

  verify(token: string, purpose: TokenPurpose, now: Date): TokenClaims {
    // One token, one byte string: base64url decoding forgives padding, stray characters and trailing bits, so a
    // token is accepted only in the exact spelling its bytes encode to.
    if (!TOKEN_PATTERN.test(token)) throw new InvalidTokenError('malformed');
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== TOKEN_BYTES || bytes.toString('base64url') !== token) throw new InvalidTokenError('malformed');

    const signed = bytes.subarray(0, SIGNED_BYTES);
    const key = this.keyFor(signed.readUInt8(0));
    if (!key || !timingSafeEqual(bytes.subarray(SIGNED_BYTES), tag(key.secret, signed)))
      throw new InvalidTokenError('bad_signature');
    if ('acceptUntil' in key && key.acceptUntil.getTime() <= now.getTime()) throw new InvalidTokenError('retired_key');

    if (signed.readUInt8(1) !== PURPOSE_CODES[purpose]) throw new InvalidTokenError('wrong_purpose');
    const expirySeconds = signed.readUInt32BE(2 + SUBSCRIPTION_BYTES);
    const expiresAt = expirySeconds === 0 ? undefined : expirySeconds * 1000;
    if (expiresAt !== undefined && expiresAt <= now.getTime()) throw new InvalidTokenError('expired');
    const subscription = signed.subarray(2, 2 + SUBSCRIPTION_BYTES).toString('base64url');
    return { purpose, subscription, ...(expiresAt === undefined ? {} : { expiresAt }) };
  }

  private keyFor(id: number): SigningKey | (SigningKey & { acceptUntil: Date }) | undefined {
    if (id === this.keys.current.id) return this.keys.current;
    return this.keys.retired.find((key) => key.id === id);
  }
}

function tag(secret: string, signed: Buffer): Buffer {
  return createHmac('sha256', secret).update(signed).digest().subarray(0, TAG_BYTES);
}
