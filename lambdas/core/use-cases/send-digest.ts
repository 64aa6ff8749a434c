// Core use cases: compose the week's digest once, then preview it, test it, or send it to every confirmed reader exactly once.
import { forEachWithConcurrency } from '../domain/concurrency';
import { buildDigestView, type DigestEdition, personalizeDigest, type RenderedEmail } from '../domain/digest';
import { type IsoWeek, isoWeekOf, parseIsoWeek } from '../domain/iso-week';
import type { SubscriptionLinks } from '../domain/links';
import { listUnsubscribeHeaders } from '../domain/list-unsubscribe';
import { labelsFor, type NewsletterIdentity } from '../domain/newsletter-labels';
import type { Report } from '../domain/report';
import { maskEmail, normalizeEmail, redactEmails, type Subscriber } from '../domain/subscriber';
import type { Clock } from '../ports/clock';
import type { DeliveryLedger, DigestArchive } from '../ports/digest-ledger';
import type { EmailRenderer } from '../ports/email-renderer';
import type { Logger } from '../ports/logger';
import type { Mailer } from '../ports/mailer';
import type { ReportRepository } from '../ports/report-repository';
import type { SubscriberRepository } from '../ports/subscriber-repository';
import type { TokenSigner } from '../ports/token-signer';

export interface DigestDeps {
  reports: ReportRepository;
  subscribers: SubscriberRepository;
  archive: DigestArchive;
  ledger: DeliveryLedger;
  mailer: Mailer;
  renderer: EmailRenderer;
  tokens: TokenSigner;
  links: SubscriptionLinks;
  clock: Clock;
  logger: Logger;
  newsletter: NewsletterIdentity;
  timeZone: string;
  /** Messages in flight at once; keep it under the SES account's send rate. */
  sendConcurrency: number;
}

export interface DigestSendSummary {
  week: string;
  status: 'sent' | 'no-reports';
  reports: number;
  /** Messages handed to the mailer by this run. */
  sent: number;
  /** Readers skipped because an earlier run already sent them this edition. */
  alreadySent: number;
  failed: number;
}

export interface DigestPreview extends RenderedEmail {
  week: string;
  reports: number;
  recipients: number;
  /** True once a send has frozen this week's edition. */
  frozen: boolean;
}

/** The week a request names, or the current one in the newsletter's time zone. */
export function resolveWeek(deps: Pick<DigestDeps, 'clock' | 'timeZone'>, week?: string): IsoWeek {
  return week ? parseIsoWeek(week) : isoWeekOf(deps.clock.now(), deps.timeZone);
}

export async function previewDigest(deps: DigestDeps, week?: string): Promise<DigestPreview> {
  const resolved = resolveWeek(deps, week);
  const { edition, frozen } = await currentEdition(deps, resolved);
  let recipients = 0;
  for await (const _subscriber of deps.subscribers.confirmedSubscribers()) recipients += 1;
  return {
    week: resolved.id,
    reports: edition.reportIds.length,
    recipients,
    frozen,
    subject: edition.subject,
    html: edition.html,
    text: edition.text,
  };
}

/** Sends the week's digest to one address, marked as a test; repeatable, and it records nothing. */
export async function sendTestDigest(
  deps: DigestDeps,
  to: string,
  week?: string,
): Promise<{ week: string; messageId: string }> {
  const recipient = normalizeEmail(to);
  const resolved = resolveWeek(deps, week);
  const { edition } = await currentEdition(deps, resolved);
  const prefix = labelsFor(deps.newsletter).testSubjectPrefix;
  const { messageId } = await deliver(deps, { ...edition, subject: `${prefix} ${edition.subject}` }, recipient);
  return { week: resolved.id, messageId };
}

/**
 * Sends the week's edition to every confirmed reader. The first run freezes the edition; every
 * (edition, reader) pair is claimed in the ledger before sending, so retries and second triggers
 * send nobody the same digest twice. A crash between sending and recording leaves the claim in
 * place: we choose at-most-once over a duplicate.
 */
export async function sendDigest(deps: DigestDeps, week?: string): Promise<DigestSendSummary> {
  const resolved = resolveWeek(deps, week);
  const frozen = await deps.archive.findEdition(resolved.id);
  const edition = frozen ?? (await composeEdition(deps, resolved));
  const summary: DigestSendSummary = {
    week: resolved.id,
    status: 'sent',
    reports: edition?.reportIds.length ?? 0,
    sent: 0,
    alreadySent: 0,
    failed: 0,
  };
  if (!edition) {
    deps.logger.info('no reports this week; nothing sent', { week: resolved.id });
    return { ...summary, status: 'no-reports' };
  }
  const stored = frozen ?? (await deps.archive.saveEditionIfAbsent(edition));

  await forEachWithConcurrency(
    deps.subscribers.confirmedSubscribers(),
    Math.max(1, deps.sendConcurrency),
    async (subscriber: Subscriber) => {
      const now = deps.clock.now();
      if (!(await deps.ledger.claim(stored.id, subscriber.email, now))) {
        summary.alreadySent += 1;
        return;
      }
      let messageId: string;
      try {
        ({ messageId } = await deliver(deps, stored, subscriber.email));
      } catch (error) {
        summary.failed += 1;
        deps.logger.error('digest delivery failed; claim released for a later run', {
          week: stored.id,
          recipient: maskEmail(subscriber.email),
          error: describeError(error),
        });
        await deps.ledger.release(stored.id, subscriber.email);
        return;
      }
      summary.sent += 1;
      try {
        await deps.ledger.recordSent(stored.id, subscriber.email, messageId, deps.clock.now());
      } catch (error) {
        // The reader has the digest: the claim stays, so no later run sends it again.
        deps.logger.warn('digest sent but its delivery record failed; the claim stays', {
          week: stored.id,
          recipient: maskEmail(subscriber.email),
          messageId,
          error: describeError(error),
        });
      }
    },
  );
  deps.logger.info('digest send finished', { ...summary });
  return summary;
}

async function currentEdition(deps: DigestDeps, week: IsoWeek): Promise<{ edition: DigestEdition; frozen: boolean }> {
  const frozen = await deps.archive.findEdition(week.id);
  if (frozen) return { edition: frozen, frozen: true };
  const composed = await composeEdition(deps, week);
  return { edition: composed ?? (await renderEdition(deps, week, [])), frozen: false };
}

async function composeEdition(deps: DigestDeps, week: IsoWeek): Promise<DigestEdition | undefined> {
  const reports = await deps.reports.listByWeek(week.id);
  return reports.length === 0 ? undefined : renderEdition(deps, week, reports);
}

async function renderEdition(deps: DigestDeps, week: IsoWeek, reports: readonly Report[]): Promise<DigestEdition> {
  const rendered = await deps.renderer.renderDigest(buildDigestView(reports, week, deps.newsletter));
  return {
    id: week.id,
    reportIds: reports.map((report) => report.id),
    createdAt: deps.clock.now().toISOString(),
    ...rendered,
  };
}

async function deliver(deps: DigestDeps, edition: RenderedEmail, email: string): Promise<{ messageId: string }> {
  const unsubscribeUrl = deps.links.unsubscribeUrl(deps.tokens.sign({ purpose: 'unsubscribe', email }));
  const personal = personalizeDigest(edition, unsubscribeUrl);
  return deps.mailer.send({ to: email, ...personal, headers: listUnsubscribeHeaders(unsubscribeUrl) });
}

/** Error text for logs: providers quote the recipient in their messages, and addresses stay out of our logs. */
function describeError(error: unknown): string {
  return redactEmails(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
