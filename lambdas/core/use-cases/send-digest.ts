// Core use cases: an edition takes every report no earlier edition took and no editor holds, is rendered once, and
// every confirmed reader is handed to the delivery queue (deliver-digest.ts sends each one once); preview and test
// show what a send would carry without sending it.
import { type Actor, SCHEDULE_ACTOR } from '../domain/activity';
import { forEachWithConcurrency } from '../domain/concurrency';
import {
  buildDigestView,
  type DigestSetting,
  MAX_TRANSMITTED_HTML_BYTES,
  type RenderedEmail,
  selectForEmail,
  transmittedBytes,
} from '../domain/digest';
import {
  byPriority,
  type Edition,
  type EditionEntry,
  type EditionPeriod,
  type EditionState,
  type FanOutProgress,
  type FrozenEmail,
  goesInNextEdition,
  nextEdition,
  type WaitingEntry,
  waitingEntryOf,
} from '../domain/edition';
import { normalizeEmail } from '../domain/email-address';
import { InvalidInputError } from '../domain/errors';
import { INSTANT_RULE, storedInstant } from '../domain/instant';
import { labelsFor, type NewsletterIdentity } from '../domain/newsletter-labels';
import { NEWSLETTER_LANGUAGES, type NewsletterLanguage } from '../domain/newsletter-languages';
import type { ActivityLog } from '../ports/activity-log';
import type { DeliveryQueue } from '../ports/delivery-queue';
import type { EditionStore } from '../ports/edition-store';
import type { EmailRenderer } from '../ports/email-renderer';
import type { ReportRepository } from '../ports/report-repository';
import { noteActivity } from './activity-log';
import { type DeliverDeps, mailDigest } from './deliver-digest';

export interface DigestDeps extends DeliverDeps {
  reports: ReportRepository;
  editions: EditionStore;
  queue: DeliveryQueue;
  renderer: EmailRenderer;
  newsletter: NewsletterIdentity;
  timeZone: string;
  /** Reports an email carries in full; the rest of the edition are headlines linking to its web page. */
  featuredReports: number;
}

/**
 * What opening, composing and fanning out an edition needs: no mailer and no ledger — the send-digest function
 * mails nobody, so it carries neither.
 */
export type ComposeDeps = Pick<
  DigestDeps,
  | 'reports'
  | 'editions'
  | 'subscribers'
  | 'queue'
  | 'renderer'
  | 'links'
  | 'newsletter'
  | 'timeZone'
  | 'featuredReports'
  | 'clock'
  | 'logger'
>;

/** Confirmed readers read and queued at a time: a hundred SQS batches, a few hundred KB of memory. */
export const FAN_OUT_PAGE_SIZE = 1_000;

/** What a manual send may ask for: only reports received after `from` and up to `until` (ISO instants). */
export interface SendRequest {
  from?: string;
  until?: string;
}

export interface DigestSendSummary {
  /** The edition sent (or resumed); absent when there was nothing to send. */
  edition?: string;
  /** queued: every reader handed to the delivery queue (the deliver step sends them); no-reports: nothing to send. */
  status: 'queued' | 'no-reports';
  reports: number;
  /** Readers handed to the delivery queue for this edition, by this run and any before it. */
  recipients: number;
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
  // A test address that is no reader gets an unsubscribe link naming no subscription: it leads to a polite 404.
  const reader = await deps.subscribers.find(recipient);
  const addressee = { email: recipient, subscriptionId: reader?.subscriptionId ?? deps.ids.subscriptionId() };
  const { messageId } = await mailDigest(deps, { ...email, subject: `${prefix} ${email.subject}` }, addressee);
  return { ...(edition ? { edition: edition.id } : {}), messageId };
}

/**
 * The edition a send works on: the one still composing or sending, resumed; otherwise a new one that takes every
 * report no edition took and no editor holds (within the request's period), whatever the day. Undefined when there is nothing to send:
 * the empty run is recorded. `waiting` lists the reports found when this call opened the edition itself. An edition
 * it opens keeps `startedBy` (the schedule when none is named), and the activity log has it when deps carry one.
 */
export async function startDigest(
  deps: ComposeDeps & { activity?: ActivityLog },
  request: SendRequest = {},
  startedBy: Actor = SCHEDULE_ACTOR,
): Promise<{ edition: Edition; waiting?: WaitingEntry[] } | undefined> {
  const latest = await deps.editions.latest();
  if (latest && latest.state !== 'queued') return { edition: latest };
  const period = periodOf(deps, request);
  const untaken = await deps.reports.listUntaken(period);
  const waiting = untaken.filter(goesInNextEdition);
  if (waiting.length === 0) {
    await deps.editions.recordEmptyRun(period, deps.clock.now());
    const held = untaken.length;
    deps.logger.info('no report since the last edition; nothing sent', { ...period, ...(held > 0 ? { held } : {}) });
    return undefined;
  }
  const opened = await deps.editions.open(nextEdition(latest, period, deps.clock.now(), startedBy), latest?.id);
  if (opened.opened && deps.activity) {
    await noteActivity({ ...deps, activity: deps.activity }, startedBy, 'send', {
      kind: 'edition',
      id: opened.edition.id,
    });
  }
  return opened.opened ? { edition: opened.edition, waiting } : { edition: opened.edition };
}

/**
 * Sends the next edition (or resumes the one under way): composes and freezes it once, then hands every confirmed
 * reader to the delivery queue, a page at a time. The fan-out's cursor and count are saved after each page, so a
 * send that stops anywhere is resumed by the next one where it stopped; a page queued twice is harmless, since the
 * deliver step claims each (edition, reader) pair once.
 */
export async function sendDigest(deps: ComposeDeps, request: SendRequest = {}): Promise<DigestSendSummary> {
  const started = await startDigest(deps, request);
  if (!started) return { status: 'no-reports', reports: 0, recipients: 0 };
  let edition = started.edition;
  if (edition.state === 'composing') edition = await composeEdition(deps, edition, started.waiting);
  const reports = edition.email?.reports ?? 0;
  const recipients = await fanOut(deps, edition);
  const summary: DigestSendSummary = { edition: edition.id, status: 'queued', reports, recipients };
  deps.logger.info('digest fan-out finished', { ...summary });
  return summary;
}

/** Pages confirmed readers into the delivery queue from where the edition's fan-out stopped; marks it queued. */
async function fanOut(deps: ComposeDeps, edition: Edition): Promise<number> {
  if (edition.state === 'queued') return edition.recipients ?? 0;
  let progress = progressOf(edition);
  let begun = edition.recipients !== undefined;
  while (!begun || progress.cursor !== undefined) {
    const page = await deps.subscribers.confirmedPage(progress.cursor, FAN_OUT_PAGE_SIZE);
    await deps.queue.enqueue(page.subscribers.map((reader) => ({ editionId: edition.id, email: reader.email })));
    const next: FanOutProgress = {
      recipients: progress.recipients + page.subscribers.length,
      ...(page.next !== undefined ? { cursor: page.next } : {}),
    };
    if (await deps.editions.advanceFanOut(edition.id, progress.cursor, next)) {
      progress = next;
    } else {
      // Another send moved the fan-out first and counted these readers; carry on from where it got to.
      const stored = await deps.editions.find(edition.id);
      if (!stored || stored.state === 'queued') return (stored ?? edition).recipients ?? progress.recipients;
      progress = progressOf(stored);
    }
    begun = true;
  }
  await deps.editions.markQueued(edition.id, deps.clock.now());
  return progress.recipients;
}

function progressOf(edition: Edition): FanOutProgress {
  return {
    recipients: edition.recipients ?? 0,
    ...(edition.cursor !== undefined ? { cursor: edition.cursor } : {}),
  };
}

/** Throws InvalidInputError for a request no send could carry out, before it is handed to one that runs later. */
export function checkSendRequest(deps: Pick<DigestDeps, 'clock'>, request: SendRequest): void {
  periodOf(deps, request);
}

/**
 * Takes every untaken report of the edition's period, then renders what the edition holds and freezes it.
 * Safe to repeat after a crash: a report already taken stays taken, by this edition or an earlier one.
 */
async function composeEdition(deps: ComposeDeps, edition: Edition, waiting?: WaitingEntry[]): Promise<Edition> {
  const candidates = waiting ?? (await waitingReports(deps, edition.period));
  await forEachWithConcurrency(candidates, 8, async (entry: WaitingEntry) => {
    await takeAsLastEdited(deps, entry, edition.id);
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

/** Tries to take a report whose editor keeps editing it this many times; then it waits for the next edition. */
const TAKE_ATTEMPTS = 5;

/**
 * Takes the report into the edition as last edited: an entry read before an editor's edit is refused (take), so the
 * report is read again and taken as it now stands — unless it is held by now, or another edition took it.
 */
async function takeAsLastEdited(deps: ComposeDeps, entry: WaitingEntry, editionId: string): Promise<void> {
  let current: WaitingEntry | undefined = entry;
  for (let attempt = 0; current !== undefined && attempt < TAKE_ATTEMPTS; attempt += 1) {
    if (await deps.reports.take(current, editionId)) return;
    const report = await deps.reports.findById(current.id);
    const stillWaiting = report !== undefined && report.editionId === undefined && goesInNextEdition(report);
    current = stillWaiting ? waitingEntryOf(report) : undefined;
  }
}

/** The reports the next edition of the period takes: those no edition took and no editor holds, oldest first. */
async function waitingReports(deps: Pick<ComposeDeps, 'reports'>, period: EditionPeriod): Promise<WaitingEntry[]> {
  return (await deps.reports.listUntaken(period)).filter(goesInNextEdition);
}

/**
 * The next edition as a send would make it now, for the editor to review: the reports it would take in the email's
 * order — in full, then as headlines, then on its web page only — each as last edited, the reports editors hold, and
 * the email readers would get (absent when nothing waits). An edition still composing or sending is named: a send
 * resumes it first.
 */
export interface NextEditionDraft {
  underWay?: { id: string; state: EditionState };
  featured: WaitingEntry[];
  headlines: WaitingEntry[];
  /** Taken by the edition but beyond the email's room: listed on its web page only. */
  unlisted: WaitingEntry[];
  held: WaitingEntry[];
  email?: FrozenEmail;
  /** The newsletter's time zone, which the edition's dates are in. */
  timeZone: string;
}

/**
 * What the next send would take and how its email would show it (the same rules as composeEdition and fitEmail).
 * Without `translations`, the email is rendered in the newsletter's language alone: what decides the reports in
 * full and the headlines, at half the cost of a page that shows no email.
 */
export async function draftNextEdition(
  deps: ComposeDeps,
  request: SendRequest = {},
  options: { translations?: boolean } = {},
): Promise<NextEditionDraft> {
  const latest = await deps.editions.latest();
  const underWay = latest && latest.state !== 'queued' ? { id: latest.id, state: latest.state } : undefined;
  const period = latest?.state === 'composing' ? latest.period : periodOf(deps, request);
  const untaken = await deps.reports.listUntaken(period);
  const waiting = untaken.filter(goesInNextEdition);
  const held = untaken.filter((entry) => !goesInNextEdition(entry)).sort(byPriority);
  const common = { ...(underWay ? { underWay } : {}), held, timeZone: deps.timeZone };
  if (waiting.length === 0) return { ...common, featured: [], headlines: [], unlisted: [] };
  const number = latest?.state === 'composing' ? latest.id : String((latest?.number ?? 0) + 1);
  const email = await fitEmail(deps, waiting, number, options.translations ?? true);
  const selection = selectForEmail(waiting, email.featured, email.headlines);
  const shown = new Set([...selection.featured, ...selection.headlines].map((entry) => entry.id));
  const byId = new Map(waiting.map((entry) => [entry.id, entry]));
  const stored = (entries: readonly EditionEntry[]) => entries.map((entry) => byId.get(entry.id) as WaitingEntry);
  return {
    ...common,
    featured: stored(selection.featured),
    headlines: stored(selection.headlines),
    unlisted: waiting.filter((entry) => !shown.has(entry.id)).sort(byPriority),
    email,
  };
}

/** The email an edition not yet opened would send: the waiting reports of the period, nothing taken. */
async function upcomingEmail(
  deps: ComposeDeps,
  request: SendRequest,
): Promise<{ edition?: Edition; email: FrozenEmail }> {
  const latest = await deps.editions.latest();
  if (latest?.state === 'sending' && latest.email) return { edition: latest, email: latest.email };
  const period = latest?.state === 'composing' ? latest.period : periodOf(deps, request);
  const entries = await waitingReports(deps, period);
  const number = latest?.state === 'composing' ? latest.id : String((latest?.number ?? 0) + 1);
  return { email: await fitEmail(deps, entries, number) };
}

/**
 * Renders the email with as many featured reports and headlines as fit under Gmail's clipping size: first the
 * headlines are cut (estimated from what one costs, then one at a time), then featured reports. Then the same
 * selection in the other languages readers may choose, each cut further should its words take more room.
 */
async function fitEmail(
  deps: ComposeDeps,
  entries: readonly EditionEntry[],
  editionId: string,
  translated = true,
): Promise<FrozenEmail> {
  const webUrl = deps.links.editionUrl(editionId);
  const renderIn = async (language: NewsletterLanguage, featured: number, headlines: number) => {
    const selection = selectForEmail(entries, featured, headlines);
    const view = buildDigestView(selection, webUrl, { ...setting(deps), newsletter: { ...deps.newsletter, language } });
    return { email: await deps.renderer.renderDigest(view), selection };
  };
  const render = async (featured: number, headlines: number): Promise<FrozenEmail> => {
    const { email, selection } = await renderIn(deps.newsletter.language, featured, headlines);
    return {
      ...email,
      reports: entries.length,
      featured: selection.featured.length,
      headlines: selection.headlines.length,
    };
  };
  const fits = (email: RenderedEmail) => transmittedBytes(email.html) <= MAX_TRANSMITTED_HTML_BYTES;
  const chosen = await fitSelection(entries, deps.featuredReports, render, fits);
  if (!translated) return chosen;
  const translations: Partial<Record<NewsletterLanguage, RenderedEmail>> = {};
  for (const language of NEWSLETTER_LANGUAGES.filter((other) => other !== deps.newsletter.language)) {
    let headlines = chosen.headlines;
    let { email } = await renderIn(language, chosen.featured, headlines);
    while (!fits(email) && headlines > 0) {
      headlines -= 1;
      ({ email } = await renderIn(language, chosen.featured, headlines));
    }
    translations[language] = email;
  }
  return { ...chosen, translations };
}

async function fitSelection(
  entries: readonly EditionEntry[],
  featuredReports: number,
  render: (featured: number, headlines: number) => Promise<FrozenEmail>,
  fits: (email: RenderedEmail) => boolean,
): Promise<FrozenEmail> {
  const wanted = Math.min(Math.max(0, featuredReports), entries.length);
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

function periodOf(deps: Pick<ComposeDeps, 'clock'>, request: SendRequest): EditionPeriod {
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

/** An instant by the one rule, in the spelling reports are stored with, so that text order is time order. */
function instant(value: string, field: string): string {
  const stored = storedInstant(value);
  if (stored === undefined) {
    throw new InvalidInputError(`\`${field}\` is not a date and time.`, [{ field, message: INSTANT_RULE }]);
  }
  return stored;
}

function setting(deps: ComposeDeps): DigestSetting {
  return { newsletter: deps.newsletter, timeZone: deps.timeZone };
}
