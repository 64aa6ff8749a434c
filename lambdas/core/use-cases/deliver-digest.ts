// Core use case: one reader's turn to be sent an edition, as the delivery queue hands it out. Every turn may come
// more than once (the queue delivers at least once, a fan-out may repeat a page, an operator may retry), so the
// ledger's claim decides who sends, and the first recorded outcome stands.
import { deliveryCountChanges } from '../domain/console-counts';
import {
  type CountedOutcome,
  type DeliveryAttempt,
  type DeliveryClaim,
  type DeliveryOutcome,
  type DeliveryRequest,
  isStaleClaim,
} from '../domain/delivery';
import { personalizeDigest, type RenderedEmail } from '../domain/digest';
import { frozenEmailIn } from '../domain/edition';
import { MailOutcomeUnknownError, MailRefusedError, TurnDeferredError } from '../domain/errors';
import type { PublicLinks } from '../domain/links';
import { listUnsubscribeHeaders } from '../domain/list-unsubscribe';
import { METRIC_NAMES, type MetricName } from '../domain/metric-names';
import { type NewsletterIdentity, readerLanguage } from '../domain/newsletter-labels';
import { maskEmail, redactEmails } from '../domain/redaction';
import type { Subscriber } from '../domain/subscriber';
import type { Clock } from '../ports/clock';
import type { DeliveryLedger } from '../ports/digest-ledger';
import type { EditionStore } from '../ports/edition-store';
import type { IdSource } from '../ports/id-source';
import type { Logger } from '../ports/logger';
import type { Mailer } from '../ports/mailer';
import type { Metrics } from '../ports/metrics';
import type { SendPacer } from '../ports/send-pacer';
import type { SubscriberRepository } from '../ports/subscriber-repository';
import type { TokenSigner } from '../ports/token-signer';
import { type SendClaim, sendPaced } from './paced-send';

export interface DeliverDeps {
  subscribers: SubscriberRepository;
  editions: Pick<EditionStore, 'frozenEmail'>;
  ledger: DeliveryLedger;
  mailer: Mailer;
  pacer: SendPacer;
  tokens: TokenSigner;
  ids: IdSource;
  links: PublicLinks;
  newsletter: NewsletterIdentity;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** The longest one attempt may run (the deliver function's timeout): a claim older than this was abandoned. */
  staleClaimMs: number;
}

/**
 * What became of a turn. `recorded-earlier`: another turn of the same reader already recorded an outcome (a
 * duplicate message), so this one did nothing.
 */
export type TurnResult = 'sent' | 'unknown' | 'skipped' | 'recorded-earlier';

/** The metric each outcome a turn records is counted under. */
const OUTCOME_METRICS: Record<CountedOutcome, MetricName> = {
  sent: METRIC_NAMES.digestsSent,
  failed: METRIC_NAMES.digestsFailed,
  unknown: METRIC_NAMES.digestsUnknown,
  skipped: METRIC_NAMES.digestsSkipped,
};

/**
 * Sends the edition's frozen email to one reader, once: the (edition, reader) claim is taken just before the call
 * to SES, when the rate lets the message go, so a turn stopped while it waits for the rate leaves no claim behind
 * and is simply tried again. SES refusing the message releases the claim and defers the turn
 * (on the queue's last try, records `failed` and lets the turn be dead-lettered); an outcome that cannot be known
 * is recorded `unknown` and never retried automatically; a reader who left or was suppressed since the edition
 * was composed is `skipped`.
 */
export async function deliverDigest(
  deps: DeliverDeps,
  request: DeliveryRequest,
  attempt: DeliveryAttempt,
): Promise<TurnResult> {
  const { editionId, email: address } = request;
  const email = await deps.editions.frozenEmail(editionId);
  // Only a frozen edition is ever queued: anything else is a bug the dead-letter queue should keep for a human.
  if (!email) throw new Error(`Edition ${editionId} has no frozen email to deliver.`);
  const note = (attributes: Record<string, unknown> = {}) => ({
    edition: editionId,
    recipient: maskEmail(address),
    receiveCount: attempt.receiveCount,
    ...attributes,
  });
  // Counted once recorded, so that the metrics add up to the editions' tallies: a turn whose record failed comes
  // again and counts then; a digest sent whose record failed counts as the tally will (unknown, once a later turn
  // finds the claim abandoned).
  const record = async (outcome: DeliveryOutcome) => {
    const at = deps.clock.now();
    await deps.ledger.record(editionId, address, outcome, at, deliveryCountChanges(outcome, at));
    deps.metrics.count(OUTCOME_METRICS[outcome.status]);
  };

  /** What a turn that could not claim the reader makes of the claim it found. */
  const settleUnclaimed = async (found: DeliveryClaim): Promise<TurnResult> => {
    if (found.claimed || found.status !== 'sending') return 'recorded-earlier';
    if (!isStaleClaim(found.claimedAt, deps.clock.now(), deps.staleClaimMs)) {
      // Another attempt is sending right now and will record; this turn comes back to see that it did.
      throw new TurnDeferredError('another attempt holds the claim');
    }
    // An attempt died between claiming and recording: SES may have taken its message. Never guess.
    await record({ status: 'unknown', reason: 'interrupted' });
    deps.logger.warn('digest send interrupted earlier; recorded as unknown', note());
    return 'unknown';
  };
  const claim = () => deps.ledger.claim(editionId, address, deps.clock.now());

  const reader = await deps.subscribers.find(address);
  if (reader?.status !== 'confirmed') {
    const found = await claim();
    if (!found.claimed) return settleUnclaimed(found);
    await record({ status: 'skipped', reason: reader?.status ?? 'removed' });
    return 'skipped';
  }

  // Stryker disable next-line ObjectLiteral,BooleanLiteral: always replaced by take() before it is read
  let refusedClaim: DeliveryClaim = { claimed: true };
  let sent: { messageId: string } | undefined;
  try {
    // The claim is taken only once the rate lets the message go, and held only around the call to SES.
    // The edition with the newsletter's words in the reader's language (the reports keep their own).
    const rendering = frozenEmailIn(email, readerLanguage(deps.newsletter, reader.language));
    sent = await mailDigest(deps, rendering, reader, {
      take: async () => {
        refusedClaim = await claim();
        return refusedClaim.claimed;
      },
      giveBack: () => deps.ledger.release(editionId, address),
    });
  } catch (error) {
    const reason = describeError(error);
    if (error instanceof MailOutcomeUnknownError) {
      await record({ status: 'unknown', reason });
      deps.logger.warn('digest outcome unknown; recorded, not resent', note({ error: reason }));
      return 'unknown';
    }
    if (attempt.final) {
      await record({ status: 'failed', reason });
      deps.logger.error('digest refused on the last try; the reader is dead-lettered', note({ error: reason }));
    } else {
      await deps.ledger.release(editionId, address);
      deps.logger.warn('digest refused; the reader gets another turn', note({ error: reason }));
    }
    const throttled = error instanceof MailRefusedError && error.throttled;
    // On the last try the reader is counted failed, and only that.
    if (throttled && !attempt.final) deps.metrics.count(METRIC_NAMES.digestsThrottled);
    throw new TurnDeferredError(reason, throttled);
  }
  if (!sent) return settleUnclaimed(refusedClaim);
  const { messageId } = sent;
  try {
    await record({ status: 'sent', messageId });
  } catch (error) {
    // The reader has the digest: the claim stays `sending`, so no later turn sends it again; a later turn finds the
    // claim stale and counts it `unknown`, which is the most the ledger can say.
    deps.logger.warn(
      'digest sent but its delivery record failed; the claim stays',
      note({ error: describeError(error) }),
    );
  }
  return 'sent';
}

type MailDeps = Pick<DeliverDeps, 'mailer' | 'pacer' | 'tokens' | 'links'>;

/** Whom a digest goes to: the address, and the subscription its unsubscribe link ends. */
export type Recipient = Pick<Subscriber, 'email' | 'subscriptionId'>;

/**
 * Personalizes the frozen email for one reader (their unsubscribe link and headers) and sends it within the rate;
 * with a claim, only while it holds it (undefined when it could not be taken).
 */
export function mailDigest(deps: MailDeps, email: RenderedEmail, to: Recipient): Promise<{ messageId: string }>;
export function mailDigest(
  deps: MailDeps,
  email: RenderedEmail,
  to: Recipient,
  claim: SendClaim,
): Promise<{ messageId: string } | undefined>;
export function mailDigest(
  deps: MailDeps,
  email: RenderedEmail,
  to: Recipient,
  claim?: SendClaim,
): Promise<{ messageId: string } | undefined> {
  const unsubscribeUrl = deps.links.unsubscribeUrl(
    deps.tokens.sign({ purpose: 'unsubscribe', subscription: to.subscriptionId }),
  );
  const personal = personalizeDigest(email, unsubscribeUrl);
  const message = {
    to: to.email,
    subject: personal.subject,
    html: personal.html,
    text: personal.text,
    headers: listUnsubscribeHeaders(unsubscribeUrl),
  };
  return claim ? sendPaced(deps, 'digest', message, claim) : sendPaced(deps, 'digest', message);
}

/** Error text for logs: providers quote the recipient in their messages, and addresses stay out of our logs. */
export function describeError(error: unknown): string {
  return redactEmails(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
