// Core: what readers do over HTTP — subscribe, follow the links of their emails, read the archive — bound to the
// ports it runs on. A module of its own, so that the API function, which serves readers alone, reaches none of the
// editor's use cases (report intake, summarizer, stop words, digest composition) and none of their libraries.

import type { CoreSettings } from './core-settings';
import { publicLinks } from './domain/links';
import type { SubscriptionRequest } from './domain/subscriber';
import type { Clock } from './ports/clock';
import type { EditionStore } from './ports/edition-store';
import type { DigestPageRenderer } from './ports/email-renderer';
import type { Metrics } from './ports/metrics';
import type { RateLimiter } from './ports/rate-limiter';
import type { ReportRepository } from './ports/report-repository';
import type { SubscriberRepository } from './ports/subscriber-repository';
import type { SubscriptionQueue } from './ports/subscription-queue';
import type { TokenSigner } from './ports/token-signer';
import { type ArchivedEdition, listArchive, renderEditionPage } from './use-cases/archive';
import {
  checkConfirmationLink,
  checkUnsubscribeLink,
  confirmSubscription,
  type LinkedReader,
  type LinkStanding,
  requestSubscription,
  resubscribe,
  unsubscribe,
} from './use-cases/manage-subscription';

export interface ReaderUseCases {
  /**
   * A subscribe request from the form or the API: counted against the client's rate (RateLimitedError past it),
   * checked, and queued — the same path whatever the address's state.
   */
  requestSubscription(email: string, request: SubscriptionRequest, client: string): Promise<void>;
  confirmSubscription(token: string): Promise<LinkedReader>;
  /** Checks a confirmation link without confirming (GET: mail scanners follow links, and must not confirm). */
  checkConfirmationLink(token: string): Promise<LinkedReader>;
  unsubscribe(token: string): Promise<LinkedReader>;
  /** Checks an unsubscribe link without acting on it (the page that asks "are you sure?"). */
  checkUnsubscribeLink(token: string): Promise<LinkedReader & { standing: LinkStanding }>;
  /** The goodbye page's button: a new subscription for the reader who just left, confirmed by a fresh link. */
  resubscribe(token: string): Promise<LinkedReader>;
  /** The web page of a sent (or sending) edition, with every report it took. */
  renderEditionPage(id: string): Promise<{ html: string }>;
  /** Every sent edition, newest first: the archive page and the Atom feed. */
  listArchive(): Promise<ArchivedEdition[]>;
}

/** The adapters readers' requests run on: no mailer, no pacer, no delivery queue, no article extractor. */
export interface ReaderPorts {
  subscribers: SubscriberRepository;
  tokens: TokenSigner;
  subscriptionQueue: SubscriptionQueue;
  limiter: RateLimiter;
  editions: Pick<EditionStore, 'find' | 'published'>;
  reports: Pick<ReportRepository, 'listTaken'>;
  renderer: DigestPageRenderer;
  clock: Clock;
  metrics: Metrics;
}

export type ReaderSettings = Pick<
  CoreSettings,
  'newsletter' | 'timeZone' | 'publicBaseUrl' | 'subscribesPerClientPerMinute'
>;

export function bindReaderUseCases(ports: ReaderPorts, settings: ReaderSettings): ReaderUseCases {
  const links = publicLinks(settings.publicBaseUrl);
  const readers = {
    ...ports,
    links,
    newsletter: settings.newsletter,
    subscribesPerClientPerMinute: settings.subscribesPerClientPerMinute,
  };
  const archive = { ...ports, links, newsletter: settings.newsletter, timeZone: settings.timeZone };
  return {
    requestSubscription: (email, request, client) => requestSubscription(readers, email, request, client),
    confirmSubscription: (token) => confirmSubscription(readers, token),
    checkConfirmationLink: (token) => checkConfirmationLink(readers, token),
    unsubscribe: (token) => unsubscribe(readers, token),
    checkUnsubscribeLink: (token) => checkUnsubscribeLink(readers, token),
    resubscribe: (token) => resubscribe(readers, token),
    renderEditionPage: (id) => renderEditionPage(archive, id),
    listArchive: () => listArchive(archive),
  };
}
