// Core layer: a reader's subscription and the moves it can make (double opt-in, one-click leave).
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
  /** Normalized (see normalizeEmail in email-address.ts): one mailbox, one subscriber. */
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
