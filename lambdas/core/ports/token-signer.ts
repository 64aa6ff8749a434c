// Core port: links that prove which subscription they belong to, without saying whose it is.

/** What a link may do: a token signed for one purpose is refused for the other. */
export type TokenPurpose = 'confirm-subscription' | 'unsubscribe';

/** What a signed link says: what it may do, to which subscription, until when. */
export interface TokenClaims {
  /** What the link may do. */
  purpose: TokenPurpose;
  /** The subscription the link acts on (Subscriber.subscriptionId): no address travels in a link. */
  subscription: string;
  /** Epoch milliseconds, whole seconds; absent for links that must keep working (one-click unsubscribe). */
  expiresAt?: number;
}

/** Signs and checks the tokens of emailed links (HMAC-SHA-256 under the link-signing secret). */
export interface TokenSigner {
  /** A URL-safe token carrying the claims, which only this secret's holder could have made. */
  sign(claims: TokenClaims): string;
  /** Returns the claims of a genuine, unexpired token of that purpose; throws InvalidTokenError otherwise. */
  verify(token: string, purpose: TokenPurpose, now: Date): TokenClaims;
}
