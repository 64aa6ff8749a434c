// Core port: links that prove which subscription they belong to, without saying whose it is.

export type TokenPurpose = 'confirm-subscription' | 'unsubscribe';

export interface TokenClaims {
  purpose: TokenPurpose;
  /** The subscription the link acts on (Subscriber.subscriptionId): no address travels in a link. */
  subscription: string;
  /** Epoch milliseconds, whole seconds; absent for links that must keep working (one-click unsubscribe). */
  expiresAt?: number;
}

export interface TokenSigner {
  sign(claims: TokenClaims): string;
  /** Returns the claims of a genuine, unexpired token of that purpose; throws InvalidTokenError otherwise. */
  verify(token: string, purpose: TokenPurpose, now: Date): TokenClaims;
}
