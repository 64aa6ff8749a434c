// Core use cases: the console's lists — the reports newest first (searched by title), one reader's record and the
// fate of their last copies. Each a bounded read whatever the size of the table: one query for a page of reports,
// one read of the reader, one of the last editions and one batched read of their copies to that reader.
import { normalizeEmail } from '../domain/email-address';
import { NotFoundError } from '../domain/errors';
import type { Report } from '../domain/report';
import type { Subscriber } from '../domain/subscriber';
import type { DeliveryLedger, ReaderDelivery } from '../ports/digest-ledger';
import type { EditionStore } from '../ports/edition-store';
import type { ReportRepository } from '../ports/report-repository';
import type { SubscriberRepository } from '../ports/subscriber-repository';

/** Reports on one page of the list. */
export const REPORTS_PAGE_SIZE = 25;
/** Reports one search looks through, newest first from where it starts: its one query's bound. */
export const REPORT_SEARCH_WINDOW = 200;
/** A search's words, at most. */
export const MAX_REPORT_SEARCH_LENGTH = 200;
/** Editions whose copy to a reader the lookup shows. */
export const READER_DELIVERIES_SHOWN = 5;

/** Where a report stands: waiting for the next edition, held for a later one, or in an edition already. */
export type ReportState = { kind: 'waiting' } | { kind: 'held' } | { kind: 'in-edition'; editionId: string };

export interface ReportListing {
  id: string;
  title: string;
  source?: string;
  url?: string;
  receivedAt: string;
  state: ReportState;
}

export interface ReportList {
  reports: ReportListing[];
  /** Where the next (older) page starts, when there is one. */
  next?: string;
  /** For a search: how many reports it looked through (REPORT_SEARCH_WINDOW at most). */
  searched?: number;
}

export interface ReportListQuery {
  after?: string;
  /** Words the title must contain (case and width folded); empty or absent lists every report. */
  title?: string;
}

export function reportStateOf(report: Pick<Report, 'held' | 'editionId'>): ReportState {
  if (report.editionId !== undefined) return { kind: 'in-edition', editionId: report.editionId };
  return report.held ? { kind: 'held' } : { kind: 'waiting' };
}

/**
 * A page of reports, newest first. A search is one query of the REPORT_SEARCH_WINDOW newest from `after`, filtered
 * by title: the table has no index of words, and a scan is what the console never does; the page says how far it
 * looked, and its `next` looks further.
 */
export async function listReports(
  deps: { reports: Pick<ReportRepository, 'recent'> },
  query: ReportListQuery,
): Promise<ReportList> {
  const words = foldForSearch(query.title ?? '');
  if (words === '') {
    const page = await deps.reports.recent(REPORTS_PAGE_SIZE, query.after);
    return { reports: page.reports.map(listingOf), ...(page.next ? { next: page.next } : {}) };
  }
  const window = await deps.reports.recent(REPORT_SEARCH_WINDOW, query.after);
  const matches = window.reports.filter((report) => foldForSearch(report.title).includes(words));
  return {
    reports: matches.map(listingOf),
    searched: window.reports.length,
    ...(window.next ? { next: window.next } : {}),
  };
}

/** Case, width and Arabic letter forms folded, so that a search finds a title however either was typed. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase('en')
    .replace(/[\u064B-\u065F\u0670\u0640]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** One report, whatever its state; NotFoundError when none has this id. */
export async function findReport(deps: { reports: Pick<ReportRepository, 'findById'> }, id: string): Promise<Report> {
  const report = /^[0-9a-f]{24}$/u.test(id) ? await deps.reports.findById(id) : undefined;
  if (!report) throw new NotFoundError('No report has this id.');
  return report;
}

function listingOf(report: Report): ReportListing {
  return {
    id: report.id,
    title: report.title,
    ...(report.source !== undefined ? { source: report.source } : {}),
    ...(report.url !== undefined ? { url: report.url } : {}),
    receivedAt: report.receivedAt,
    state: reportStateOf(report),
  };
}

export interface ReaderDeliveryRow extends Partial<Omit<ReaderDelivery, 'editionId'>> {
  editionId: string;
  number: number;
  subject: string;
  openedAt: string;
}

export interface ReaderRecord {
  /** The address as the list keeps it (normalized). */
  email: string;
  /** Undefined: the address is on no list of ours. */
  subscriber?: Subscriber;
  /** The last published editions, newest first, each with what became of this reader's copy (none: not sent). */
  deliveries: ReaderDeliveryRow[];
}

export interface ReaderLookupDeps {
  subscribers: Pick<SubscriberRepository, 'find'>;
  editions: Pick<EditionStore, 'published'>;
  ledger: Pick<DeliveryLedger, 'deliveriesTo'>;
}

/** One reader by address: state and consent record, and their copy of each of the last editions. InvalidInputError. */
export async function lookUpReader(deps: ReaderLookupDeps, address: string): Promise<ReaderRecord> {
  const email = normalizeEmail(address);
  const [subscriber, editions] = await Promise.all([
    deps.subscribers.find(email),
    deps.editions.published(READER_DELIVERIES_SHOWN),
  ]);
  const records =
    subscriber && editions.length > 0
      ? await deps.ledger.deliveriesTo(
          email,
          editions.map((edition) => edition.id),
        )
      : [];
  const byEdition = new Map(records.map((record) => [record.editionId, record]));
  const deliveries = editions.map((edition) => {
    const { editionId: _id, ...record } = byEdition.get(edition.id) ?? { editionId: edition.id };
    return {
      editionId: edition.id,
      number: edition.number,
      subject: edition.subject,
      openedAt: edition.openedAt,
      ...record,
    };
  });
  return { email, ...(subscriber ? { subscriber } : {}), deliveries };
}
