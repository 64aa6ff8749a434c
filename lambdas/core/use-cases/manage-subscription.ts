// Core use cases: double opt-in subscription, confirmation by signed link, one-click unsubscribe.

import { NotFoundError } from '../domain/errors';
import type { PublicLinks } from '../domain/links';
import { labelsFor, type NewsletterIdentity } from '../domain/newsletter-labels';
import {
  confirmationDue,
  confirmedSubscriber,
  maskEmail,
  normalizeEmail,
  pendingSubscriber,
  type Subscriber,
  unsubscribedSubscriber,
} from '../domain/subscriber';
import { layoutOf } from '../domain/text-direction';
import type { Clock } from '../ports/clock';
import type { EmailRenderer } from '../ports/email-renderer';
import type { Logger } from '../ports/logger';
import type { Mailer } from '../ports/mailer';
import type { SendPacer } from '../ports/send-pacer';
import type { SubscriberRepository } from '../ports/subscriber-repository';
import type { TokenSigner } from '../ports/token-signer';
import { sendPaced } from './paced-send';

export interface SubscriptionDeps {
  subscribers: SubscriberRepository;
  tokens: TokenSigner;
  mailer: Mailer;
  pacer: SendPacer;
  renderer: EmailRenderer;
  links: PublicLinks;
  clock: Clock;
  logger: Logger;
  newsletter: NewsletterIdentity;
  /** How long a confirmation link works; an unconfirmed address is forgotten after it. */
  confirmWithinMs: number;
  /** At most one confirmation email per address within this long. */
  confirmationCooldownMs: number;
}

export type SubscribeOutcome = 'confirmation-sent' | 'already-confirmed' | 'suppressed';

/**
 * Records the address as pending and mails it a confirmation link. Callers must answer the same
 * whatever the outcome, so that nobody can learn who subscribes.
 */
export async function subscribe(deps: SubscriptionDeps, rawEmail: string): Promise<SubscribeOutcome> {
  const email = normalizeEmail(rawEmail);
  const existing = await deps.subscribers.find(email);
  if (existing?.status === 'confirmed') return 'already-confirmed';
  // It bounced for good or its reader called us spam: no form, however often sent, makes us mail it again.
  if (existing?.status === 'suppressed') return 'suppressed';

  const now = deps.clock.now();
  // Mailed within the cooldown, or another request for this address won the write just now: one email is enough.
  if (!confirmationDue(existing, now, deps.confirmationCooldownMs)) return 'confirmation-sent';
  const subscriber = pendingSubscriber(email, now, deps.confirmWithinMs, existing);
  if (!(await deps.subscribers.savePending(subscriber, existing))) return 'confirmation-sent';
  await sendConfirmation(deps, email, now);
  return 'confirmation-sent';
}

/** Mails the address a signed, expiring confirmation link. */
export async function sendConfirmation(deps: SubscriptionDeps, email: string, now: Date): Promise<void> {
  const token = deps.tokens.sign({
    purpose: 'confirm-subscription',
    email,
    expiresAt: now.getTime() + deps.confirmWithinMs,
  });
  const labels = labelsFor(deps.newsletter);
  const rendered = await deps.renderer.renderConfirmation({
    subject: labels.confirmSubject,
    newsletterName: deps.newsletter.name,
    language: deps.newsletter.language,
    ...layoutOf(deps.newsletter.language),
    heading: labels.confirmHeading,
    body: labels.confirmBody,
    button: labels.confirmButton,
    ignoreNote: labels.confirmIgnore,
    confirmUrl: deps.links.confirmUrl(token),
  });
  const { messageId } = await sendPaced(deps, 'confirmation', { to: email, ...rendered });
  deps.logger.info('confirmation sent', { recipient: maskEmail(email), messageId });
}

export async function confirmSubscription(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens' | 'clock'>,
  token: string,
): Promise<Subscriber> {
  const now = deps.clock.now();
  const { email } = deps.tokens.verify(token, 'confirm-subscription', now);
  const subscriber = await deps.subscribers.find(email);
  // An unsubscribed reader must subscribe again: an old confirmation link does not bring them back, nor one
  // that came before the address was suppressed.
  if (!subscriber || subscriber.status === 'unsubscribed' || subscriber.status === 'suppressed') {
    throw new NotFoundError('This subscription no longer exists; subscribe again to get a fresh link.');
  }
  if (subscriber.status === 'confirmed') return subscriber;
  const confirmed = confirmedSubscriber(subscriber, now);
  await deps.subscribers.save(confirmed);
  return confirmed;
}

/** One-click unsubscribe: succeeds every time a genuine link is used, even if the reader already left. */
export async function unsubscribe(
  deps: Pick<SubscriptionDeps, 'subscribers' | 'tokens' | 'clock'>,
  token: string,
): Promise<void> {
  const now = deps.clock.now();
  const { email } = deps.tokens.verify(token, 'unsubscribe', now);
  const subscriber = await deps.subscribers.find(email);
  // Suppressed stays suppressed: it is the stronger "never again".
  if (!subscriber || subscriber.status === 'unsubscribed' || subscriber.status === 'suppressed') return;
  await deps.subscribers.save(unsubscribedSubscriber(subscriber, now));
}

/** Checks an unsubscribe link without acting on it; throws InvalidTokenError for a link that is not genuine. */
/** Checks a confirmation link without acting on it (the page with the button a reader presses). */
export function checkConfirmationLink(deps: Pick<SubscriptionDeps, 'tokens' | 'clock'>, token: string): void {
  deps.tokens.verify(token, 'confirm-subscription', deps.clock.now());
}

export function checkUnsubscribeLink(deps: Pick<SubscriptionDeps, 'tokens' | 'clock'>, token: string): void {
  deps.tokens.verify(token, 'unsubscribe', deps.clock.now());
}
