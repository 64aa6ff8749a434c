// Core: everything Mujaz can do, as one set of use cases bound to the ports it runs on — the readers' and the
// operator's (each bound in a module of its own, which the API and admin functions bind alone) and the pipeline's
// (send, deliver, feedback). The local runtime and the tests bind it here, with their own adapters.

import { type AdminPorts, type AdminUseCases, bindAdminUseCases } from './bind-admin-use-cases';
import { bindReaderUseCases, type ReaderPorts, type ReaderUseCases } from './bind-reader-use-cases';
import type { CoreSettings } from './core-settings';
import type { DeliveryAttempt, DeliveryRequest } from './domain/delivery';
import { publicLinks } from './domain/links';
import type { SubscriptionRequest } from './domain/subscriber';
import { deliverDigest, type TurnResult } from './use-cases/deliver-digest';
import { type DigestWatchResult, watchDigest } from './use-cases/digest-watch';
import { type SubscribeOutcome, type SubscriptionDeps, subscribe } from './use-cases/manage-subscription';
import { recordDeliveryFeedback } from './use-cases/record-delivery-feedback';
import { type DigestDeps, type DigestSendSummary, type SendRequest, sendDigest } from './use-cases/send-digest';

export type { CoreSettings } from './core-settings';

/** What the send, deliver and feedback functions each run (each binds its own in lambdas/composition). */
export interface PipelineUseCases {
  /**
   * A queued subscribe request: starts a subscription (or refreshes a pending one) and mails its confirmation
   * link, at most once a cooldown; MailRefusedError when SES refused it (the request is tried again).
   */
  subscribe(email: string, request: SubscriptionRequest): Promise<SubscribeOutcome>;
  /** Applies an SES event: a permanent bounce or a complaint suppresses the address for good. */
  recordDeliveryFeedback(event: unknown): Promise<{ suppressed: number }>;
  /**
   * Resumes the edition being sent, or opens the next one with every report no edition took yet; composes it and
   * hands every confirmed reader to the delivery queue.
   */
  sendDigest(request?: SendRequest): Promise<DigestSendSummary>;
  /** One reader's turn from the delivery queue: sends them the edition once, or says why not. */
  deliverDigest(request: DeliveryRequest, attempt: DeliveryAttempt): Promise<TurnResult>;
  /** Run a day after each scheduled send: whether a send finished since (overdue when none did). */
  watchDigest(): Promise<DigestWatchResult>;
}

export type UseCases = ReaderUseCases & AdminUseCases & PipelineUseCases;

/** The adapters the core runs on: the readers' and the operator's, which together are the pipeline's too. */
export type CorePorts = ReaderPorts & AdminPorts;

export function bindUseCases(ports: CorePorts, settings: CoreSettings): UseCases {
  const common = { ...ports, links: publicLinks(settings.publicBaseUrl), newsletter: settings.newsletter };
  const subscription: SubscriptionDeps = {
    ...common,
    confirmWithinMs: settings.confirmWithinMs,
    confirmationCooldownMs: settings.confirmationCooldownMs,
    subscribesPerClientPerMinute: settings.subscribesPerClientPerMinute,
  };
  const digest: DigestDeps = {
    ...common,
    timeZone: settings.timeZone,
    featuredReports: settings.featuredReports,
    staleClaimMs: settings.staleClaimMs,
  };
  return {
    ...bindReaderUseCases(ports, settings),
    ...bindAdminUseCases(ports, settings),
    subscribe: (email, request) => subscribe(subscription, email, request),
    recordDeliveryFeedback: (event) => recordDeliveryFeedback(subscription, event),
    sendDigest: (request) => sendDigest(digest, request),
    deliverDigest: (request, attempt) => deliverDigest(digest, request, attempt),
    watchDigest: () => watchDigest(digest),
  };
}
