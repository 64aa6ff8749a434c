// Core use cases: double opt-in subscription, confirmation by signed link, one-click unsubscribe.

import { normalizeEmail } from '../domain/email-address';
import { MailOutcomeUnknownError, NotFoundError, RateLimitedError } from '../domain/errors';
import type { PublicLinks } from '../domain/links';
import { METRIC_NAMES } from '../domain/metric-names';
import { labelsFor, type NewsletterIdentity, readerLanguage } from '../domain/newsletter-labels';
import type { NewsletterLanguage } from '../domain/newsletter-languages';
import { maskEmail } from '../domain/redaction';
import {
  confirmationDue,
  confirmedSubscriber,
  pendingSubscriber,
  type Subscriber,
  type SubscriptionRequest,
  unsubscribedSubscriber,
} from '../domain/subscriber';
import { layoutOf } from '../domain/text-direction';
import type { Clock } from '../ports/clock';
import type { ConfirmationRenderer } from '../ports/email-renderer';
import type { IdSource } from '../ports/id-source';
import type { Logger } from '../ports/logger';
import type { Mailer } from '../ports/mailer';
import type { Metrics } from '../ports/metrics';
import type { RateLimiter } from '../ports/rate-limiter';
import type { SendPacer } from '../ports/send-pacer';
import type { SubscriberRepository } from '../ports/subscriber-repository';
import type { SubscriptionQueue } from '../ports/subscription-queue';
import type { TokenSigner } from '../ports/token-signer';
import { sendPaced } from './paced-send';
import { changeSubscriber } from './subscriber-changes';

export interface SubscriptionDeps {
  subscribers: SubscriberRepository;
  tokens: TokenSigner;
  ids: IdSource;
  mailer: Mailer;
  pacer: SendPacer;
  renderer: ConfirmationRenderer;
  links: PublicLinks;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  newsletter: NewsletterIdentity;
  /** How long a confirmation link works; an unconfirmed address is forgotten after it. */
  confirmWithinMs: number;
  /** At most one confirmation email per address within this long. */
  confirmationCooldownMs: number;
  subscriptionQueue: SubscriptionQueue;
  limiter: RateLimiter;
  /** Subscribe requests one client (network address) may make per minute. */
  subscribesPerClientPerMinute: number;
}

export type SubscribeOutcome = 'confirmation-sent' | 'already-confirmed' | 'suppressed';

/** What a link's page may know of the reader: only the language to speak to them in. */
export interface LinkedReader {
  language: NewsletterLanguage;
}

/**
 * A subscribe request as it arrives (the form or the API): counted against the client's rate, checked, and
 * queued. Whatever the address's state, and whether the mail service is up, the request takes this same path, so
 * its answer — and how long it takes — tells nobody who subscribes. `subscribe` does the rest from the queue.
 */
export async function requestSubscription(
  deps: Pick<SubscriptionDeps, 'subscriptionQueue' | 'limiter' | 'clock' | 'metrics' | 'subscribesPerClientPerMinute'>,
  rawEmail: string,
  request: SubscriptionRequest,
  client: string,
): Promise<void> {
  const verdict = await deps.limiter.take(`subscribe:${client}`, deps.subscribesPerClientPerMinute, deps.clock.now());
  if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
  await deps.subscriptionQueue.enqueue({ email: normalizeEmail(rawEmail), ...request });
  deps.metrics.count(METRIC_NAMES.subscriptionsRequested);
}

/**
 * Records the address as pending and mails it a confirmation link, at most once a cooldown (the queued request's
 * consumer; imports and tests call it too). Throws MailRefusedError when SES refused the email: the cooldown is
 * given back first, so that the request's next try mails it. An unknown outcome is kept as sent: the reader
 * may have the email, and may ask again after the cooldown.
 */
export async function subscribe(
  deps: SubscriptionDeps,
  rawEmail: string,
  request: SubscriptionRequest,
): Promise<SubscribeOutcome> {
  const email = normalizeEmail(rawEmail);
  const now = deps.clock.now();
  let outcome: SubscribeOutcome = 'confirmation-sent';
  const { written } = await changeSubscriber(deps.subscribers, email, now, (current) => {
    outcome = current?.status === 'confirmed' ? 'already-confirmed' : 'confirmation-sent';
    // It bounced for good or its reader called us spam: no form, however often sent, makes us mail it again.
    if (current?.status === 'suppressed') outcome = 'suppressed';
    if (outcome !== 'confirmation-sent') return undefined;
    // Mailed within the cooldown (another request for this address may have won the write just now): once is enough.
    if (!confirmationDue(current, now, deps.confirmationCooldownMs)) return undefined;
    return pendingSubscriber(email, request, now, deps.confirmWithinMs, deps.ids.subscriptionId(), current);
  });
  if (written === undefined) return outcome;
  try {
    await sendConfirmation(deps, written, now);
  } catch (error) {
    if (error instanceof MailOutcomeUnknownError) {
      deps.logger.warn('confirmation outcome unknown; not resent', { recipient: maskEmail(email) });
      return outcome;
    }
    await changeSubscriber(deps.subscribers, email, deps.clock.now(), (current) =>
      current?.subscriptionId === written.subscriptionId && current.confirmationSentAt === written.confirmationSentAt
        ? withoutConfirmationSent(current)
        : undefined,
    );
    throw error;
  }
  return outcome;
}

function withoutConfirmationSent(subscriber: Subscriber): Subscriber {
  const { confirmationSentAt: _sent, ...rest } = subscriber;
  return rest;
}

/** Mails a pending subscriber a signed, expiring confirmation link, in their language. */
export async function sendConfirmation(deps: SubscriptionDeps, subscriber: Subscriber, now: Date): Promise<void> {
  const token = deps.tokens.sign({
    purpose: 'confirm-subscription',
    subscription: subscriber.subscriptionId,
    expiresAt: now.getTime() + deps.confirmWithinMs,
  });
  const language = readerLanguage(deps.newsletter, subscriber.language);
  const labels = labelsFor(deps.newsletter, language);
  const rendered = await deps.renderer.renderConfirmation({
    subject: labels.confirmSubject,
    newsletterName: deps.newsletter.name,
    language,
    ...layoutOf(language),
    heading: labels.confirmHeading,
    body: labels.confirmBody,
    button: labels.confirmButton,
    ignoreNote: labels.confirmIgnore,
    confirmUrl: deps.links.confirmUrl(token),
  });
  const { messageId } = await sendPaced(deps, 'confirmation', { to: subscriber.email, ...rendered });
  deps.metrics.count(METRIC_NAMES.confirmationsSent);
  deps.logger.info('confirmation sent', { recipient: maskEmail(subscriber.email), messageId });
}

/** The subscriber a genuine link of this purpose names, whatever their state; undefined once it was replaced. */
async function subscriberOfLink(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens'>,
  token: string,
  purpose: 'confirm-subscription' | 'unsubscribe',
  now: Date,
): Promise<Subscriber | undefined> {
  const { subscription } = deps.tokens.verify(token, purpose, now);
  return deps.subscribers.findBySubscription(subscription);
}

const GONE =
  'This link belongs to a subscription that no longer exists; use the link in your most recent email, or subscribe again.';

export async function confirmSubscription(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens' | 'clock' | 'metrics' | 'newsletter'>,
  token: string,
): Promise<LinkedReader> {
  const now = deps.clock.now();
  const linked = await confirmableSubscriberOfLink(deps, token, now);
  const { written, previous } = await changeSubscriber(deps.subscribers, linked.email, now, (current) =>
    current?.subscriptionId === linked.subscriptionId && current.status === 'pending'
      ? confirmedSubscriber(current, now, 'link')
      : undefined,
  );
  if (written === undefined && (previous?.subscriptionId !== linked.subscriptionId || previous.status !== 'confirmed'))
    throw new NotFoundError(GONE);
  // Only the click that confirmed: a repeated one finds the reader confirmed already, and changes nothing.
  if (written !== undefined) deps.metrics.count(METRIC_NAMES.subscriptionsConfirmed);
  return readerOf(deps, linked);
}

/**
 * One-click unsubscribe: succeeds every time a link of the current subscription is used, even if the reader
 * already left; a link from before the reader subscribed again no longer acts.
 */
export async function unsubscribe(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens' | 'clock' | 'newsletter'>,
  token: string,
): Promise<LinkedReader> {
  const now = deps.clock.now();
  const linked = await subscriberOfLink(deps, token, 'unsubscribe', now);
  if (linked === undefined) throw new NotFoundError(GONE);
  const { previous } = await changeSubscriber(deps.subscribers, linked.email, now, (current) =>
    // Suppressed stays suppressed: it is the stronger "never again".
    current?.subscriptionId === linked.subscriptionId &&
    (current.status === 'confirmed' || current.status === 'pending')
      ? unsubscribedSubscriber(current, now)
      : undefined,
  );
  if (previous?.subscriptionId !== linked.subscriptionId) throw new NotFoundError(GONE);
  return readerOf(deps, linked);
}

/**
 * The goodbye page's "resubscribe" button: the link proves the reader had the email, and still a new subscription
 * starts pending, with a fresh confirmation link (the old links stay with the old subscription).
 */
export async function resubscribe(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens' | 'clock' | 'metrics' | 'newsletter' | 'subscriptionQueue'>,
  token: string,
): Promise<LinkedReader> {
  const linked = await subscriberOfLink(deps, token, 'unsubscribe', deps.clock.now());
  if (linked?.status !== 'unsubscribed') throw new NotFoundError(GONE);
  const language = linked.language ? { language: linked.language } : {};
  await deps.subscriptionQueue.enqueue({ email: linked.email, via: 'form', ...language });
  deps.metrics.count(METRIC_NAMES.subscriptionsRequested);
  return readerOf(deps, linked);
}

function readerOf(deps: Pick<SubscriptionDeps, 'newsletter'>, subscriber: Subscriber): LinkedReader {
  return { language: readerLanguage(deps.newsletter, subscriber.language) };
}

/** Checks a confirmation link without acting on it (the page with the button a reader presses). */
export async function checkConfirmationLink(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens' | 'clock' | 'newsletter'>,
  token: string,
): Promise<LinkedReader> {
  return readerOf(deps, await confirmableSubscriberOfLink(deps, token, deps.clock.now()));
}

/**
 * The subscriber a genuine confirmation link names, while it may still be confirmed. An unsubscribed reader must
 * subscribe again: an old confirmation link does not bring them back, nor one from before a suppression.
 */
async function confirmableSubscriberOfLink(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens'>,
  token: string,
  now: Date,
): Promise<Subscriber> {
  const linked = await subscriberOfLink(deps, token, 'confirm-subscription', now);
  if (linked === undefined || linked.status === 'unsubscribed' || linked.status === 'suppressed') {
    throw new NotFoundError(GONE);
  }
  return linked;
}

/** Where the reader of an unsubscribe link stands: still mailed, gone by the link (and may come back), or gone for good. */
export type LinkStanding = 'subscribed' | 'unsubscribed' | 'suppressed';

/**
 * Checks an unsubscribe link without acting on it: the page that asks "are you sure?", or for a link already used,
 * the one that says so.
 */
export async function checkUnsubscribeLink(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens' | 'clock' | 'newsletter'>,
  token: string,
): Promise<LinkedReader & { standing: LinkStanding }> {
  const linked = await subscriberOfLink(deps, token, 'unsubscribe', deps.clock.now());
  if (linked === undefined) throw new NotFoundError(GONE);
  const standing = linked.status === 'confirmed' || linked.status === 'pending' ? 'subscribed' : linked.status;
  return { ...readerOf(deps, linked), standing };
}
