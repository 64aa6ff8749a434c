// Core layer: who may open the console and for how long — operators (the configured addresses), a sign-in link
// that works once within 15 minutes, a session of 12 hours with its own secret for the console's forms. The rules
// only: the links and sessions are stored (hashed) behind ConsoleAccessStore, their random values drawn by IdSource.
import { normalizeEmail } from './email-address';
import type { NewsletterLanguage } from './newsletter-languages';

/** How long a sign-in link works after it was mailed. */
export const SIGN_IN_LINK_LIFETIME_MS = 15 * 60_000;
/** How long a console session lasts from its sign-in: a working day, never extended. */
export const SESSION_LIFETIME_MS = 12 * 3_600_000;
/** Sign-in requests one client, and one address, may make in any 60 s (rate-window.ts): the sixth is refused. */
export const SIGN_IN_REQUESTS_PER_MINUTE = 5;

/** A mailed sign-in link as stored (under a hash of its token): whom it signs in, until when, in which language. */
export interface SignInLink {
  email: string;
  language: NewsletterLanguage;
  /** Epoch ms: the link is refused from then on. */
  expiresAt: number;
}

/** A signed-in operator's session as stored (under a hash of its id). */
export interface ConsoleSession {
  email: string;
  language: NewsletterLanguage;
  /** The value every state-changing console form carries as `_csrf`: one per session, never in a URL. */
  csrfSecret: string;
  /** Epoch ms: the session ends then, whatever DynamoDB's TTL has yet removed. */
  expiresAt: number;
}

/** The operators' addresses in their one spelling (email-address.ts): `mujaz:operators`, MUJAZ_OPERATORS. */
export function operatorAddresses(addresses: readonly string[]): ReadonlySet<string> {
  return new Set(addresses.map((address) => normalizeEmail(address)));
}

/** Whether `email` (already normalized) is an operator's now: a link or session of a removed one opens nothing. */
export function isOperator(operators: ReadonlySet<string>, email: string): boolean {
  return operators.has(email);
}

export function signInLinkFor(email: string, language: NewsletterLanguage, now: Date): SignInLink {
  return { email, language, expiresAt: now.getTime() + SIGN_IN_LINK_LIFETIME_MS };
}

export function sessionFor(
  link: SignInLink,
  language: NewsletterLanguage,
  csrfSecret: string,
  now: Date,
): ConsoleSession {
  return { email: link.email, language, csrfSecret, expiresAt: now.getTime() + SESSION_LIFETIME_MS };
}

/** A link or session lives strictly before its expiry. */
export function isLive(entry: { expiresAt: number }, now: Date): boolean {
  return now.getTime() < entry.expiresAt;
}
