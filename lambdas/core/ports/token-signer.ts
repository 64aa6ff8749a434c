// Core port: links that prove who clicked them.

export type TokenPurpose = 'confirm-subscription' | 'unsubscribe';

export interface TokenClaims {
  purpose: TokenPurpose;
  email: string;
  /** Epoch milliseconds; absent for links that must keep working (one-click unsubscribe). */
  expiresAt?: number;
}

export interface TokenSigner {
  sign(claims: TokenClaims): string;
  /** Returns the claims of a genuine, unexpired token of that purpose; throws InvalidTokenError otherwise. */
  verify(token: string, purpose: TokenPurpose, now: Date): TokenClaims;
}
