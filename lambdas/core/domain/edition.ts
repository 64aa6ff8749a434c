// Core layer: editions — what one digest send carries. An edition takes every report no earlier edition took and
// no editor holds, whatever day it runs, so a report is mailed in exactly one edition and never falls between two:
// a held report waits, untaken, and goes into the first edition composed after it is released.

import type { Actor } from './activity';
import type { RetriableOutcome } from './delivery';
import type { RenderedEmail } from './digest';
import type { NewsletterLanguage } from './newsletter-languages';
import type { Report } from './report';

/**
 * composing: opened, its reports being gathered and its email rendered; sending: rendered and frozen, its readers
 * being handed to the delivery queue; queued: every reader handed over (the deliver step does the rest). Only one
 * edition is ever composing or sending: a send resumes it before it opens another.
 */
export type EditionState = 'composing' | 'sending' | 'queued';

/** Reports received after `from` (when given) and up to `until`, both ISO instants. */
export interface EditionPeriod {
  from?: string;
  until: string;
}

/** The part of a report an edition carries: what the email and the edition's web page show. */
export type EditionEntry = Pick<
  Report,
  | 'id'
  | 'title'
  | 'url'
  | 'summary'
  | 'editedSummary'
  | 'language'
  | 'publishedAt'
  | 'receivedAt'
  | 'priority'
  | 'source'
> &
  // Optional: reports stored before key phrases reached the digest have none in their entry.
  Partial<Pick<Report, 'keyPhrases'>>;

/**
 * A report no edition took yet, as the next edition would carry it, with what decides whether and how it is taken:
 * held or not, and the revision the entry shows (taking it is refused once the report has been edited since).
 */
export type WaitingEntry = EditionEntry & Pick<Report, 'held' | 'revision'>;

/** The email an edition sends, frozen once rendered so that every reader and every retry gets the same. */
export interface FrozenEmail extends RenderedEmail {
  /** Reports in the edition; `featured` of them are in the email in full, the rest as headlines. */
  reports: number;
  featured: number;
  /** Headlines listed in the email; any reports beyond featured + headlines are on the web page only. */
  headlines: number;
  /**
   * The same edition with the newsletter's own words (heading, dates, footer) in the other languages readers may
   * choose; the reports stay in their own. The email above is in the newsletter's language.
   */
  translations?: Partial<Record<NewsletterLanguage, RenderedEmail>>;
}

/** The rendering of a frozen edition for a reader who reads `language`: theirs when there is one. */
export function frozenEmailIn(email: FrozenEmail, language: NewsletterLanguage): RenderedEmail {
  return email.translations?.[language] ?? email;
}

export interface Edition {
  /** The edition's number as text: "1", "2", … in the order they were opened. */
  id: string;
  number: number;
  state: EditionState;
  period: EditionPeriod;
  openedAt: string;
  email?: FrozenEmail;
  /** Readers handed to the delivery queue so far, and the cursor of the next page of readers (fan-out). */
  recipients?: number;
  cursor?: string;
  queuedAt?: string;
  /** Who opened it: the admin token, an operator, or the schedule; absent on editions opened before it was kept. */
  startedBy?: Actor;
  /** The last retry asked for. */
  lastRetry?: EditionRetry;
}

/** A retry of an edition's send, as the edition keeps its last one. */
export interface EditionRetry {
  at: string;
  by: Actor;
  include: RetriableOutcome[];
  requeued: number;
}

/** A sent (or sending) edition as the archive lists it. */
export interface PublishedEdition {
  id: string;
  number: number;
  subject: string;
  reports: number;
  /** When it opened: the end of the period it covers. */
  openedAt: string;
}

/** How far the fan-out got: readers queued, and where the next page starts (absent once every page is queued). */
export interface FanOutProgress {
  recipients: number;
  cursor?: string;
}

export function editionId(number: number): string {
  return String(number);
}

/**
 * Whether `id` could name an edition ("1", "2", …), checked before any store is asked: a path segment such as
 * `../1` or `x%2F1` never reaches a key.
 */
export function isEditionId(id: string): boolean {
  // Stryker disable next-line Regex: a looser pattern only lets ids through that no edition has (find is undefined)
  return /^[1-9][0-9]{0,8}$/u.test(id);
}

/** The edition a send opens after `latest` (undefined before the first): the next number, state composing. */
export function nextEdition(latest: Edition | undefined, period: EditionPeriod, now: Date, startedBy?: Actor): Edition {
  const number = (latest?.number ?? 0) + 1;
  return {
    id: editionId(number),
    number,
    state: 'composing',
    period,
    openedAt: now.toISOString(),
    ...(startedBy ? { startedBy } : {}),
  };
}

/** Whether the next edition takes a waiting report: every one an editor does not hold. */
export function goesInNextEdition(report: Pick<Report, 'held'>): boolean {
  return report.held !== true;
}

/** Whether a report received at `receivedAt` falls in the period. */
export function inPeriod(period: EditionPeriod, receivedAt: string): boolean {
  return (period.from === undefined || receivedAt > period.from) && receivedAt <= period.until;
}

/** The order a digest shows its reports in: the editor's priority first (higher first), then by arrival. */
export function byPriority(a: EditionEntry, b: EditionEntry): number {
  return priorityOf(b) - priorityOf(a) || byArrival(a, b);
}

/** An editor's priority; a report without one is at 0. */
export function priorityOf(entry: EditionEntry): number {
  return entry.priority ?? 0;
}

/** The order an edition keeps its reports in: by arrival, then id, so that every rendering agrees. */
export function byArrival(a: EditionEntry, b: EditionEntry): number {
  return a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id);
}

/** What an edition carries of a report (or of a waiting entry): nothing of its text, its hold or its revision. */
export function editionEntryOf(report: EditionEntry): EditionEntry {
  const { id, title, url, summary, editedSummary, language, publishedAt, receivedAt, keyPhrases, priority, source } =
    report;
  return {
    id,
    title,
    summary,
    language,
    receivedAt,
    ...(url !== undefined ? { url } : {}),
    ...(editedSummary !== undefined ? { editedSummary } : {}),
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    ...(keyPhrases !== undefined ? { keyPhrases } : {}),
    ...(priority !== undefined ? { priority } : {}),
    ...(source !== undefined ? { source } : {}),
  };
}

/** A stored report as it waits for an edition: its entry, its hold and its revision. */
export function waitingEntryOf(report: Report): WaitingEntry {
  return {
    ...editionEntryOf(report),
    ...(report.held !== undefined ? { held: report.held } : {}),
    ...(report.revision !== undefined ? { revision: report.revision } : {}),
  };
}
