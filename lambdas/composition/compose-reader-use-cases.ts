// Composition: what readers do over HTTP — subscribe, follow the links of their emails, read the archive — bound to
// the adapters it runs on (DynamoDB and SQS in the API function, in-memory fakes in unit tests). A module of its
// own, so that the API function, which serves readers alone, reaches none of the editor's use cases (report intake,
// summarizer, stop words, digest composition) and none of their libraries.

import { publicLinks } from '../core/domain/links';
import type { Clock } from '../core/ports/clock';
import type { EditionStore } from '../core/ports/edition-store';
import type { DigestPageRenderer } from '../core/ports/email-renderer';
import type { Metrics } from '../core/ports/metrics';
import type { RateLimiter } from '../core/ports/rate-limiter';
import type { ReportRepository } from '../core/ports/report-repository';
import type { SubscriberRepository } from '../core/ports/subscriber-repository';
import type { SubscriptionQueue } from '../core/ports/subscription-queue';
import type { TokenSigner } from '../core/ports/token-signer';
import type { ReaderUseCases } from '../core/reader-use-cases';
import { listArchive, renderEditionPage } from '../core/use-cases/archive';
import {
  checkConfirmationLink,
  checkUnsubscribeLink,
  confirmSubscription,
  requestSubscription,
  resubscribe,
  unsubscribe,
} from '../core/use-cases/manage-subscription';
import type { CoreSettings } from './core-settings';

export type { ReaderUseCases } from '../core/reader-use-cases';

/** The adapters readers' requests run on: no mailer, no pacer, no delivery queue, no article extractor. */
export interface ReaderDeps {
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

export function composeReaderUseCases(deps: ReaderDeps, settings: ReaderSettings): ReaderUseCases {
  const links = publicLinks(settings.publicBaseUrl);
  const readers = {
    ...deps,
    links,
    newsletter: settings.newsletter,
    subscribesPerClientPerMinute: settings.subscribesPerClientPerMinute,
  };
  const archive = { ...deps, links, newsletter: settings.newsletter, timeZone: settings.timeZone };
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
