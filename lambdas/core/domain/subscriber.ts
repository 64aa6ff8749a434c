// Core layer: a reader's subscription and the moves it can make (double opt-in, one-click leave).
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
}

const MAX_EMAIL_LENGTH = 254;
// Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is proven by the confirmation mail.
const EMAIL_SHAPE = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]{2,}$/u;

export function normalizeEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.test(email)) {
    throw new InvalidInputError('The email address is not valid.', [
      { field: 'email', message: 'expected an address like reader@example.com' },
    ]);
  }
  return email;
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
