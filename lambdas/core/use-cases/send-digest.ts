// Core use cases: an edition takes every report no earlier edition took, is rendered once, and is sent to every
// confirmed reader exactly once; preview and test show what a send would carry without sending it.
import { forEachWithConcurrency } from '../domain/concurrency';
import { isStaleClaim, MailOutcomeUnknownError } from '../domain/delivery';
import {
  buildDigestView,
  buildEditionPageView,
  type DigestSetting,
  MAX_TRANSMITTED_HTML_BYTES,
  personalizeDigest,
  type RenderedEmail,
  selectForEmail,
  transmittedBytes,
} from '../domain/digest';
import { type Edition, type EditionEntry, type EditionPeriod, type FrozenEmail, nextEdition } from '../domain/edition';
import { InvalidInputError, NotFoundError } from '../domain/errors';
import type { PublicLinks } from '../domain/links';
import { listUnsubscribeHeaders } from '../domain/list-unsubscribe';
import { labelsFor, type NewsletterIdentity } from '../domain/newsletter-labels';
import { maskEmail, normalizeEmail, redactEmails, type Subscriber } from '../domain/subscriber';
import type { Clock } from '../ports/clock';
import type { DeliveryLedger } from '../ports/digest-ledger';
import type { EditionStore } from '../ports/edition-store';
import type { EmailRenderer } from '../ports/email-renderer';
import type { Logger } from '../ports/logger';
import type { Mailer } from '../ports/mailer';
import type { ReportRepository } from '../ports/report-repository';
import type { SendPacer } from '../ports/send-pacer';
import type { SubscriberRepository } from '../ports/subscriber-repository';
import type { TokenSigner } from '../ports/token-signer';
import { sendPaced } from './paced-send';

export interface DigestDeps {
  reports: ReportRepository;
  subscribers: SubscriberRepository;
  editions: EditionStore;
  ledger: DeliveryLedger;
  mailer: Mailer;
  /** The shared per-second allowance every message takes from. */
  pacer: SendPacer;
  renderer: EmailRenderer;
  tokens: TokenSigner;
  links: PublicLinks;
  clock: Clock;
  logger: Logger;
  newsletter: NewsletterIdentity;
  timeZone: string;
  /** Reports an email carries in full; the rest of the edition are headlines linking to its web page. */
  featuredReports: number;
  /** Messages in flight at once; keep it under the SES account's send rate. */
  sendConcurrency: number;
}

/** What a manual send may ask for: only reports received after `from` and up to `until` (ISO instants). */
export interface SendRequest {
  from?: string;
  until?: string;
}

export interface DigestSendSummary {
  /** The edition sent (or resumed); absent when there was nothing to send. */
  edition?: string;
  status: 'sent' | 'no-reports';
  reports: number;
  /** Messages handed to the mailer by this run. */
  sent: number;
  /** Readers skipped because an earlier run already handled them (sent, or recorded as unknown). */
  alreadySent: number;
  /** Sends refused (throttling, an error answer): their claims are released, and the next run retries them. */
  failed: number;
  /** Sends whose outcome cannot be known (a timeout after the request left): recorded, never resent by a run. */
  unknown: number;
  /** Readers another run is sending to right now: that run records them. */
  inFlightElsewhere: number;
}

export interface DigestPreview extends RenderedEmail {
  /** The edition being sent, when one is; a preview of the next edition has none yet. */
  edition?: string;
  reports: number;
  featured: number;
  headlines: number;
  recipients: number;
  /** True when this is an edition already frozen for sending. */
  frozen: boolean;
}

/** What the next send would carry (or what the edition being sent carries), and how many readers it reaches. */
export async function previewDigest(deps: DigestDeps, request: SendRequest = {}): Promise<DigestPreview> {
  const { edition, email } = await upcomingEmail(deps, request);
  let recipients = 0;
  for await (const _subscriber of deps.subscribers.confirmedSubscribers()) recipients += 1;
  const { subject, html, text, reports, featured, headlines } = email;
  return {
    ...(edition ? { edition: edition.id } : {}),
    reports,
    featured,
    headlines,
    recipients,
    frozen: edition !== undefined,
    subject,
    html,
    text,
  };
}

/** Sends what the next send would carry to one address, marked as a test; repeatable, and it records nothing. */
export async function sendTestDigest(
  deps: DigestDeps,
  to: string,
  request: SendRequest = {},
): Promise<{ edition?: string; messageId: string }> {
  const recipient = normalizeEmail(to);
  const { edition, email } = await upcomingEmail(deps, request);
  const prefix = labelsFor(deps.newsletter).testSubjectPrefix;
  const { messageId } = await deliver(deps, { ...email, subject: `${prefix} ${email.subject}` }, recipient);
  return { ...(edition ? { edition: edition.id } : {}), messageId };
}

/**
 * Sends an edition to every confirmed reader. An edition not yet done is resumed; otherwise a new one opens and
 * takes every report that no edition took (within the request's period), whatever the day. Every (edition,
 * reader) pair is claimed in the ledger before sending, so retries and second triggers send nobody the same
 * edition twice. A send SES refused releases its claim for the next run; one whose outcome cannot be known (a
 * timeout after the request left, or a run that died mid-send) is recorded as `unknown` and never resent
 * automatically: at-most-once over a duplicate. The edition is done once no reader is left to try; until then
 * the next send resumes it.
 */
export async function sendDigest(deps: DigestDeps, request: SendRequest = {}): Promise<DigestSendSummary> {
  const latest = await deps.editions.latest();
  let edition: Edition;
  /** The reports this run found waiting, when it opened the edition itself: composing need not read them again. */
  let waiting: EditionEntry[] | undefined;
  if (latest && latest.state !== 'done') {
    edition = latest;
  } else {
    const period = periodOf(deps, request);
    const untaken = await deps.reports.listUntaken(period);
    if (untaken.length === 0) {
      await deps.editions.recordEmptyRun(period, deps.clock.now());
      deps.logger.info('no report since the last edition; nothing sent', { ...period });
      return { status: 'no-reports', reports: 0, sent: 0, alreadySent: 0, failed: 0, unknown: 0, inFlightElsewhere: 0 };
    }
    const opened = await deps.editions.open(nextEdition(latest, period, deps.clock.now()), latest?.id);
    edition = opened.edition;
    if (opened.opened) waiting = untaken;
  }
  if (edition.state === 'composing') edition = await composeEdition(deps, edition, waiting);
  const email = edition.email as FrozenEmail;
  const summary = await sendToReaders(deps, edition.id, email);
  if (summary.failed === 0 && summary.inFlightElsewhere === 0) await deps.editions.finish(edition.id, deps.clock.now());
  deps.logger.info('digest send finished', { ...summary });
  return summary;
}

/** Throws InvalidInputError for a request no send could carry out, before it is handed to one that runs later. */
export function checkSendRequest(deps: Pick<DigestDeps, 'clock'>, request: SendRequest): void {
  periodOf(deps, request);
}

/** The edition's web page: every report it took, in full. */
export async function renderEditionPage(deps: DigestDeps, id: string): Promise<RenderedEmail> {
  const edition = /^[1-9][0-9]{0,8}$/u.test(id) ? await deps.editions.find(id) : undefined;
  if (!edition || edition.state === 'composing') throw new NotFoundError('There is no such edition.');
  const entries = await deps.reports.listTaken(edition.id);
  return deps.renderer.renderDigest(buildEditionPageView(entries, setting(deps)));
}

async function sendToReaders(deps: DigestDeps, editionId: string, email: FrozenEmail): Promise<DigestSendSummary> {
  const summary: DigestSendSummary = {
    edition: editionId,
    status: 'sent',
    reports: email.reports,
    sent: 0,
    alreadySent: 0,
    failed: 0,
    unknown: 0,
    inFlightElsewhere: 0,
  };
  const note = (message: string, subscriber: Subscriber, attributes: Record<string, unknown>) => ({
    message,
    attributes: { edition: editionId, recipient: maskEmail(subscriber.email), ...attributes },
  });
  await forEachWithConcurrency(
    deps.subscribers.confirmedSubscribers(),
    Math.max(1, deps.sendConcurrency),
    async (subscriber: Subscriber) => {
      const claim = await deps.ledger.claim(editionId, subscriber.email, deps.clock.now());
      if (!claim.claimed) {
        if (claim.status !== 'sending') summary.alreadySent += 1;
        else if (!isStaleClaim(claim.claimedAt, deps.clock.now())) summary.inFlightElsewhere += 1;
        else {
          // A run died between claiming and recording: SES may have taken the message. Never guess.
          await deps.ledger.record(
            editionId,
            subscriber.email,
            { status: 'unknown', reason: 'interrupted' },
            deps.clock.now(),
          );
          summary.unknown += 1;
          const { message, attributes } = note('digest send interrupted earlier; recorded as unknown', subscriber, {});
          deps.logger.warn(message, attributes);
        }
        return;
      }
      let messageId: string;
      try {
        ({ messageId } = await deliver(deps, email, subscriber.email));
      } catch (error) {
        if (error instanceof MailOutcomeUnknownError) {
          summary.unknown += 1;
          const reason = describeError(error);
          await deps.ledger.record(editionId, subscriber.email, { status: 'unknown', reason }, deps.clock.now());
          const { message, attributes } = note('digest outcome unknown; recorded, not resent', subscriber, {
            error: reason,
          });
          deps.logger.warn(message, attributes);
          return;
        }
        summary.failed += 1;
        const { message, attributes } = note('digest delivery failed; claim released for a later run', subscriber, {
          error: describeError(error),
        });
        deps.logger.error(message, attributes);
        await deps.ledger.release(editionId, subscriber.email);
        return;
      }
      summary.sent += 1;
      try {
        await deps.ledger.record(editionId, subscriber.email, { status: 'sent', messageId }, deps.clock.now());
      } catch (error) {
        // The reader has the digest: the claim stays `sending`, so no later run sends it again.
        const { message, attributes } = note(
          'digest sent but its delivery record failed; the claim stays',
          subscriber,
          {
            messageId,
            error: describeError(error),
          },
        );
        deps.logger.warn(message, attributes);
      }
    },
  );
  return summary;
}

/**
 * Takes every untaken report of the edition's period, then renders what the edition holds and freezes it.
 * Safe to repeat after a crash: a report already taken stays taken, by this edition or an earlier one.
 */
async function composeEdition(deps: DigestDeps, edition: Edition, waiting?: EditionEntry[]): Promise<Edition> {
  const candidates = waiting ?? (await deps.reports.listUntaken(edition.period));
  await forEachWithConcurrency(candidates, 8, async (entry: EditionEntry) => {
    await deps.reports.take(entry, edition.id);
  });
  const entries = await deps.reports.listTaken(edition.id);
  const email = await fitEmail(deps, entries, edition.id);
  deps.logger.info('edition composed', {
    edition: edition.id,
    reports: email.reports,
    featured: email.featured,
    headlines: email.headlines,
    htmlBytes: transmittedBytes(email.html),
  });
  return deps.editions.freeze(edition.id, email);
}

/** The email an edition not yet opened would send: the untaken reports of the period, nothing taken. */
async function upcomingEmail(
  deps: DigestDeps,
  request: SendRequest,
): Promise<{ edition?: Edition; email: FrozenEmail }> {
  const latest = await deps.editions.latest();
  if (latest?.state === 'sending' && latest.email) return { edition: latest, email: latest.email };
  const period = latest?.state === 'composing' ? latest.period : periodOf(deps, request);
  const entries = await deps.reports.listUntaken(period);
  const number = latest?.state === 'composing' ? latest.id : String((latest?.number ?? 0) + 1);
  return { email: await fitEmail(deps, entries, number) };
}

/**
 * Renders the email with as many featured reports and headlines as fit under Gmail's clipping size: first the
 * headlines are cut (estimated from what one costs, then one at a time), then featured reports.
 */
async function fitEmail(deps: DigestDeps, entries: readonly EditionEntry[], editionId: string): Promise<FrozenEmail> {
  const webUrl = deps.links.editionUrl(editionId);
  const render = async (featured: number, headlines: number): Promise<FrozenEmail> => {
    const selection = selectForEmail(entries, featured, headlines);
    const email = await deps.renderer.renderDigest(buildDigestView(selection, webUrl, setting(deps)));
    return {
      ...email,
      reports: entries.length,
      featured: selection.featured.length,
      headlines: selection.headlines.length,
    };
  };
  const fits = (email: RenderedEmail) => transmittedBytes(email.html) <= MAX_TRANSMITTED_HTML_BYTES;
  const wanted = Math.min(Math.max(0, deps.featuredReports), entries.length);
  const everything = await render(wanted, entries.length - wanted);
  if (fits(everything)) return everything;

  let featured = wanted;
  let bare = await render(featured, 0);
  while (!fits(bare) && featured > 0) {
    featured -= 1;
    bare = await render(featured, 0);
  }
  // Only a template far heavier than ours gets here; the operator must fix it, no reader can.
  if (!fits(bare)) throw new Error('The digest template alone exceeds the email size limit.');
  if (featured === entries.length) return bare;

  const full = featured === wanted ? everything : await render(featured, entries.length - featured);
  if (fits(full)) return full;
  const perHeadline = (transmittedBytes(full.html) - transmittedBytes(bare.html)) / full.headlines;
  let headlines = Math.floor((MAX_TRANSMITTED_HTML_BYTES - transmittedBytes(bare.html)) / perHeadline);
  let email = await render(featured, headlines);
  while (!fits(email) && headlines > 0) {
    headlines -= 1;
    email = await render(featured, headlines);
  }
  return email;
}

function periodOf(deps: Pick<DigestDeps, 'clock'>, request: SendRequest): EditionPeriod {
  const now = deps.clock.now().toISOString();
  const from = request.from === undefined ? undefined : instant(request.from, 'from');
  const asked = request.until === undefined ? undefined : instant(request.until, 'until');
  // Nothing after now is stored yet; a later `until` would only promise what the edition cannot hold.
  const until = asked !== undefined && asked < now ? asked : now;
  if (from !== undefined && from >= until) {
    throw new InvalidInputError('The period is empty: `from` must be before `until` and before now.', [
      { field: 'from', message: 'must be before until and before now' },
    ]);
  }
  return { ...(from !== undefined ? { from } : {}), until };
}

/** An ISO instant in the one spelling reports are stored with (toISOString), so that text order is time order. */
function instant(value: string, field: string): string {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    throw new InvalidInputError(`\`${field}\` is not a date and time.`, [
      { field, message: 'not an ISO 8601 instant' },
    ]);
  }
  return new Date(time).toISOString();
}

function setting(deps: DigestDeps): DigestSetting {
  return { newsletter: deps.newsletter, timeZone: deps.timeZone };
}

async function deliver(deps: DigestDeps, email: RenderedEmail, address: string): Promise<{ messageId: string }> {
  const unsubscribeUrl = deps.links.unsubscribeUrl(deps.tokens.sign({ purpose: 'unsubscribe', email: address }));
  const personal = personalizeDigest(email, unsubscribeUrl);
  return sendPaced(deps, 'digest', {
    to: address,
    subject: personal.subject,
    html: personal.html,
    text: personal.text,
    headers: listUnsubscribeHeaders(unsubscribeUrl),
  });
}

/** Error text for logs: providers quote the recipient in their messages, and addresses stay out of our logs. */
function describeError(error: unknown): string {
  return redactEmails(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
