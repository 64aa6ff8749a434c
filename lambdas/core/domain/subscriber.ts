// Core layer: a reader's subscription and the moves it can make (double opt-in, one-click leave).
import { domainToASCII } from 'node:url';
import { InvalidInputError } from './errors';
import { hasInvisibleCharacters } from './invisible-characters';
import type { LanguageTag } from './language-tag';

/** suppressed: SES told us the address bounces for good, or its reader marked us as spam; we never mail it again. */
export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';

export type SuppressionReason = 'bounce' | 'complaint';

/** Where a subscription came from: our subscribe page, a JSON call to the API, or an operator's import. */
export type SubscriptionSource = 'form' | 'api' | 'import';

/** How it was confirmed: the reader pressed the emailed link's button, or an operator imported it as confirmed. */
export type ConfirmationSource = 'link' | 'import';

/** What is kept of an earlier subscription of the same address, for audit, once the reader subscribes again. */
export interface ConsentRecord {
  subscribedAt: string;
  subscribedVia: SubscriptionSource;
  confirmedAt?: string;
  confirmedVia?: ConfirmationSource;
  endedAt?: string;
  endedAs?: 'unsubscribed' | 'suppressed' | 'expired';
}

/** Earlier subscriptions kept per address: enough for any audit, bounded against a form sent in a loop. */
export const MAX_EARLIER_SUBSCRIPTIONS = 20;

export interface Subscriber {
  /** Normalized (see normalizeEmail): one mailbox, one subscriber. */
  email: string;
  /**
   * Random, new each time the address subscribes afresh: the links we mail name it instead of the address, and a
   * link stops working once the subscription it names has been replaced.
   */
  subscriptionId: string;
  status: SubscriberStatus;
  subscribedAt: string;
  subscribedVia: SubscriptionSource;
  confirmedAt?: string;
  confirmedVia?: ConfirmationSource;
  unsubscribedAt?: string;
  /** A pending subscription nobody confirms is forgotten at this instant. */
  pendingUntil?: string;
  /** The reader's language (ISO 639): the subscribe page's choice, or an import's column. */
  language?: LanguageTag;
  suppressedAt?: string;
  suppressedFor?: SuppressionReason;
  /** When the last confirmation email went to this address: one per cooldown, however often the form is sent. */
  confirmationSentAt?: string;
  /** The consent records of this address's earlier subscriptions, oldest first. */
  earlier?: ConsentRecord[];
  /** Kept by the repository: how often the record was written. Every write is conditional on the one it read. */
  revision?: number;
}

/** A subscription id: 16 random bytes in base64url (22 characters). */
export function isSubscriptionId(value: string): boolean {
  return /^[A-Za-z0-9_-]{21}[AQgw]$/u.test(value);
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
 * characters (zero-width spaces and joiners, bidi marks and overrides such as U+202E, the BOM) and any space, with
 * every other character that renders as nothing (invisible-characters.ts: fillers, variation selectors, tags…).
 */
const CONTROL_FORMAT_OR_SPACE = /[\p{Cc}\p{Cf}\p{Z}]/u;

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
  if (CONTROL_FORMAT_OR_SPACE.test(email) || hasInvisibleCharacters(email))
    throw invalidEmail('contains spaces, control or invisible characters');
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

/** What a subscribe request brings: where it came from and the reader's language, when they chose one. */
export interface SubscriptionRequest {
  via: SubscriptionSource;
  language?: LanguageTag;
}

/**
 * A pending subscription, about to be mailed a confirmation link. A pending one is refreshed (its id and start
 * kept, so that the first email's link still works); anything else starts a new subscription under `newId`, and
 * what the address had before is kept as an earlier consent record.
 */
export function pendingSubscriber(
  email: string,
  request: SubscriptionRequest,
  now: Date,
  confirmWithinMs: number,
  newId: string,
  previous?: Subscriber,
): Subscriber {
  const refresh = previous?.status === 'pending' && Date.parse(previous.pendingUntil ?? '') > now.getTime();
  const language = request.language ?? previous?.language;
  const earlier = refresh ? previous.earlier : withEarlier(previous, now);
  return {
    email,
    subscriptionId: refresh ? previous.subscriptionId : newId,
    status: 'pending',
    subscribedAt: refresh ? previous.subscribedAt : now.toISOString(),
    subscribedVia: refresh ? previous.subscribedVia : request.via,
    pendingUntil: new Date(now.getTime() + confirmWithinMs).toISOString(),
    confirmationSentAt: now.toISOString(),
    ...(language !== undefined ? { language } : {}),
    ...(earlier !== undefined ? { earlier } : {}),
  };
}

export function confirmedSubscriber(subscriber: Subscriber, now: Date, via: ConfirmationSource): Subscriber {
  if (subscriber.status === 'confirmed') return subscriber;
  return {
    ...identityOf(subscriber),
    status: 'confirmed',
    confirmedAt: now.toISOString(),
    confirmedVia: via,
  };
}

/** A reader an operator imports as confirmed elsewhere, at `confirmedAt`: consent recorded as imported. */
export function importedSubscriber(
  email: string,
  confirmedAt: string,
  newId: string,
  language?: LanguageTag,
  previous?: Subscriber,
): Subscriber {
  const earlier = withEarlier(previous, new Date(confirmedAt));
  return {
    email,
    subscriptionId: newId,
    status: 'confirmed',
    subscribedAt: confirmedAt,
    subscribedVia: 'import',
    confirmedAt,
    confirmedVia: 'import',
    ...(language !== undefined ? { language } : {}),
    ...(earlier !== undefined ? { earlier } : {}),
  };
}

export function unsubscribedSubscriber(subscriber: Subscriber, now: Date): Subscriber {
  if (subscriber.status === 'unsubscribed') return subscriber;
  return {
    ...identityOf(subscriber),
    ...confirmationOf(subscriber),
    status: 'unsubscribed',
    unsubscribedAt: now.toISOString(),
  };
}

/** An address we must not mail again — known to us or not (a complaint about a test send, say). */
export function suppressedSubscriber(
  email: string,
  reason: SuppressionReason,
  now: Date,
  newId: string,
  previous?: Subscriber,
): Subscriber {
  return {
    ...(previous
      ? { ...identityOf(previous), ...confirmationOf(previous) }
      : { email, subscriptionId: newId, subscribedAt: now.toISOString(), subscribedVia: 'api' as const }),
    status: 'suppressed',
    suppressedAt: now.toISOString(),
    suppressedFor: reason,
  };
}

/** The consent record of a subscription as it stands (for audit and the CSV export). */
export function consentRecordOf(subscriber: Subscriber, now: Date): ConsentRecord {
  const ended: Pick<ConsentRecord, 'endedAt' | 'endedAs'> =
    subscriber.status === 'unsubscribed'
      ? { endedAt: subscriber.unsubscribedAt ?? now.toISOString(), endedAs: 'unsubscribed' }
      : subscriber.status === 'suppressed'
        ? { endedAt: subscriber.suppressedAt ?? now.toISOString(), endedAs: 'suppressed' }
        : subscriber.status === 'pending'
          ? { endedAt: subscriber.pendingUntil ?? now.toISOString(), endedAs: 'expired' }
          : {};
  return {
    subscribedAt: subscriber.subscribedAt,
    subscribedVia: subscriber.subscribedVia,
    ...confirmationOf(subscriber),
    ...ended,
  };
}

function withEarlier(previous: Subscriber | undefined, now: Date): ConsentRecord[] | undefined {
  if (previous === undefined) return undefined;
  return [...(previous.earlier ?? []), consentRecordOf(previous, now)].slice(-MAX_EARLIER_SUBSCRIPTIONS);
}

/** What every state of one subscription carries over: who, which subscription, since when, and its history. */
function identityOf(subscriber: Subscriber): Subscriber & { status: SubscriberStatus } {
  const { email, subscriptionId, status, subscribedAt, subscribedVia, language, earlier } = subscriber;
  return {
    email,
    subscriptionId,
    status,
    subscribedAt,
    subscribedVia,
    ...(language !== undefined ? { language } : {}),
    ...(earlier !== undefined ? { earlier } : {}),
  };
}

function confirmationOf(subscriber: Subscriber): Pick<Subscriber, 'confirmedAt' | 'confirmedVia'> {
  return {
    ...(subscriber.confirmedAt !== undefined ? { confirmedAt: subscriber.confirmedAt } : {}),
    ...(subscriber.confirmedVia !== undefined ? { confirmedVia: subscriber.confirmedVia } : {}),
  };
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
