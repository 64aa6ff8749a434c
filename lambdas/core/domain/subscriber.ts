// Core layer: a reader's subscription and the moves it can make (double opt-in, one-click leave).
import { domainToASCII } from 'node:url';
import { InvalidInputError } from './errors';
import type { LanguageTag } from './language-tag';

/** suppressed: SES told us the address bounces for good, or its reader marked us as spam; we never mail it again. */
export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';

export type SuppressionReason = 'bounce' | 'complaint';

export interface Subscriber {
  /** Normalized (trimmed, lower-cased): the identity of a subscription. */
  email: string;
  status: SubscriberStatus;
  subscribedAt: string;
  confirmedAt?: string;
  unsubscribedAt?: string;
  /** A pending subscription nobody confirms is forgotten at this instant. */
  pendingUntil?: string;
  /** The reader's language, when an import named it (ISO 639). */
  language?: LanguageTag;
  /**
   * How consent was given: absent when the reader confirmed through the emailed link, 'imported' when an
   * operator imported the address as already confirmed elsewhere (and answers for that consent).
   */
  consent?: 'imported';
  suppressedAt?: string;
  suppressedFor?: SuppressionReason;
  /** When the last confirmation email went to this address: one per cooldown, however often the form is sent. */
  confirmationSentAt?: string;
}

/**
 * Whether a confirmation email may go to a pending address now: not when one went within the cooldown, so that a
 * form posted fifty times (or by a stranger) mails the address once.
 */
export function confirmationDue(existing: Subscriber | undefined, now: Date, cooldownMs: number): boolean {
  if (existing?.status !== 'pending' || existing.confirmationSentAt === undefined) return true;
  return now.getTime() - Date.parse(existing.confirmationSentAt) >= cooldownMs;
}

const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
/**
 * The local part as RFC 5321 calls it a dot-string: atoms of ASCII letters, digits and !#$%&'*+/=?^_`{|}~- joined by
 * single dots. No quoted strings, comments, spaces, commas or second @: each of those lets one mailbox be written as
 * many different addresses (or many addresses as one field), and mail servers disagree on what they mean.
 */
const DOT_STRING = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/u;
/** A domain after IDNA: letters, digits and hyphens in labels of 1–63, a dot-separated name with a TLD of 2+. */
const ASCII_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/u;
/**
 * Characters nobody types into an address but that make one mailbox look like many: controls (NUL …), format
 * characters (zero-width spaces and joiners, bidi marks and overrides such as U+202E, the BOM), and any space.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}]/u;

function invalidEmail(message: string): InvalidInputError {
  return new InvalidInputError('The email address is not valid.', [{ field: 'email', message }]);
}

/**
 * The one spelling of an address, so that one mailbox is one subscriber: trimmed, lower-cased, the domain in its
 * ASCII (punycode) form. Refuses anything that is not a single plain address: invisible or control characters,
 * quoted local parts, comments, more than one address — and a local part outside ASCII, which SES cannot send to.
 */
export function normalizeEmail(raw: string): string {
  const email = raw.trim();
  if (INVISIBLE.test(email)) throw invalidEmail('contains spaces, control or invisible characters');
  const at = email.lastIndexOf('@');
  const local = email.slice(0, Math.max(0, at)).toLowerCase();
  if (at <= 0 || local.length > MAX_LOCAL_PART_LENGTH)
    throw invalidEmail('expected an address like reader@example.com');
  if (/[^\p{ASCII}]/u.test(local)) {
    throw invalidEmail('the part before the @ must be ASCII: Amazon SES cannot send to this address');
  }
  if (!DOT_STRING.test(local)) {
    throw invalidEmail('expected one plain address like reader@example.com (no quotes, comments or lists)');
  }
  // IDNA: بريد@مثال.شبكة and xn--… are one mailbox, so the domain is kept in the one form SES sends to.
  const domain = domainToASCII(
    email
      .slice(at + 1)
      .normalize('NFC')
      .toLowerCase(),
  );
  const address = `${local}@${domain}`;
  if (!ASCII_DOMAIN.test(domain) || address.length > MAX_EMAIL_LENGTH) {
    throw invalidEmail('expected an address like reader@example.com');
  }
  return address;
}

export function pendingSubscriber(
  email: string,
  now: Date,
  confirmWithinMs: number,
  previous?: Subscriber,
): Subscriber {
  return {
    email,
    status: 'pending',
    subscribedAt: previous?.status === 'pending' ? previous.subscribedAt : now.toISOString(),
    pendingUntil: new Date(now.getTime() + confirmWithinMs).toISOString(),
    confirmationSentAt: now.toISOString(),
    ...languageOf(previous),
  };
}

export function confirmedSubscriber(subscriber: Subscriber, now: Date): Subscriber {
  if (subscriber.status === 'confirmed') return subscriber;
  return {
    email: subscriber.email,
    status: 'confirmed',
    subscribedAt: subscriber.subscribedAt,
    confirmedAt: now.toISOString(),
    ...languageOf(subscriber),
  };
}

/** A reader an operator imports as confirmed elsewhere, at `confirmedAt`: consent recorded as imported. */
export function importedSubscriber(email: string, confirmedAt: string, language?: LanguageTag): Subscriber {
  return {
    email,
    status: 'confirmed',
    subscribedAt: confirmedAt,
    confirmedAt,
    consent: 'imported',
    ...(language !== undefined ? { language } : {}),
  };
}

export function unsubscribedSubscriber(subscriber: Subscriber, now: Date): Subscriber {
  if (subscriber.status === 'unsubscribed') return subscriber;
  return {
    email: subscriber.email,
    status: 'unsubscribed',
    subscribedAt: subscriber.subscribedAt,
    unsubscribedAt: now.toISOString(),
    ...languageOf(subscriber),
  };
}

/** An address we must not mail again — known to us or not (a complaint about a test send, say). */
export function suppressedSubscriber(
  email: string,
  reason: SuppressionReason,
  now: Date,
  previous?: Subscriber,
): Subscriber {
  return {
    email,
    status: 'suppressed',
    subscribedAt: previous?.subscribedAt ?? now.toISOString(),
    suppressedAt: now.toISOString(),
    suppressedFor: reason,
    ...languageOf(previous),
  };
}

function languageOf(subscriber: Subscriber | undefined): { language?: LanguageTag } {
  return subscriber?.language !== undefined ? { language: subscriber.language } : {};
}

/** For logs: enough to tell addresses apart, not enough to harvest them. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/** Masks every address in a free text (error messages from mail providers quote them). */
export function redactEmails(text: string): string {
  return text.replace(/[^\s@<>"'(),;:]+@[^\s@<>"'(),;:]+/gu, (address) => maskEmail(address));
}
