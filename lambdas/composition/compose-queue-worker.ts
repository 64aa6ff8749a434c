// Composition: the deliver function's use cases — a reader's turn from the delivery queue (the frozen edition,
// mailed once), a subscribe request from the subscription queue (its confirmation email) and a console sign-in
// request from the same queue (its link, to operators alone) — bound to the adapters they run on. No report intake, no digest composition: the editions come frozen, and it renders only confirmations.

import { operatorAddresses } from '../core/domain/console-access';
import type { DeliveryAttempt, DeliveryRequest } from '../core/domain/delivery';
import { publicLinks } from '../core/domain/links';
import type { SubscriptionRequest } from '../core/domain/subscriber';
import type { QueuedSignIn } from '../core/domain/work-queue-messages';
import { mailSignInLink, type SignInMailDeps, type SignInMailOutcome } from '../core/use-cases/console-sign-in';
import { type DeliverDeps, deliverDigest, type TurnResult } from '../core/use-cases/deliver-digest';
import { type SubscribeOutcome, type SubscriptionDeps, subscribe } from '../core/use-cases/manage-subscription';
import type { CoreSettings } from './core-settings';

export interface QueueWorker {
  /** One reader's turn from the delivery queue: sends them the edition once, or says why not. */
  deliverDigest(request: DeliveryRequest, attempt: DeliveryAttempt): Promise<TurnResult>;
  /**
   * A queued subscribe request: starts a subscription (or refreshes a pending one) and mails its confirmation
   * link, at most once a cooldown; MailRefusedError when SES refused it (the request is tried again).
   */
  subscribe(email: string, request: SubscriptionRequest): Promise<SubscribeOutcome>;
  /** A queued console sign-in request: a one-time link mailed to an operator, nothing to anyone else. */
  mailSignInLink(request: QueuedSignIn): Promise<SignInMailOutcome>;
}

type Settled = 'links' | 'newsletter' | 'staleClaimMs' | 'confirmWithinMs' | 'confirmationCooldownMs';

export type QueueWorkerDeps = Omit<DeliverDeps & SubscriptionDeps, Settled | 'subscribesPerClientPerMinute'> &
  Pick<SignInMailDeps, 'access' | 'signInRenderer'>;

export type QueueWorkerSettings = Pick<
  CoreSettings,
  | 'newsletter'
  | 'publicBaseUrl'
  | 'staleClaimMs'
  | 'confirmWithinMs'
  | 'confirmationCooldownMs'
  | 'subscribesPerClientPerMinute'
  | 'operators'
>;

export function composeQueueWorker(deps: QueueWorkerDeps, settings: QueueWorkerSettings): QueueWorker {
  const common = { ...deps, links: publicLinks(settings.publicBaseUrl), newsletter: settings.newsletter };
  const turns: DeliverDeps = { ...common, staleClaimMs: settings.staleClaimMs };
  const subscriptions: SubscriptionDeps = {
    ...common,
    confirmWithinMs: settings.confirmWithinMs,
    confirmationCooldownMs: settings.confirmationCooldownMs,
    subscribesPerClientPerMinute: settings.subscribesPerClientPerMinute,
  };
  const signIns: SignInMailDeps = { ...common, operators: operatorAddresses(settings.operators) };
  return {
    deliverDigest: (request, attempt) => deliverDigest(turns, request, attempt),
    subscribe: (email, request) => subscribe(subscriptions, email, request),
    mailSignInLink: (request) => mailSignInLink(signIns, request),
  };
}
