// Core: what readers can do over HTTP — the facade the readers' routes call. composeReaderUseCases (composition)
// binds it to the adapters of the API function, of the local runtime or of a test.
import type { SubscriptionRequest } from './domain/subscriber';
import type { ArchivedEdition } from './use-cases/archive';
import type { LinkedReader, LinkStanding } from './use-cases/manage-subscription';

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
