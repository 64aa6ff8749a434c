// Core port: where reports and their summaries are kept.
import type { Report } from '../domain/report';
import type { ReportEdit } from '../domain/report-edit';
import type { EditionReports } from './edition-store';

/** What became of an edit: made (the report as stored after it), no such report, or an edition took it first. */
export type ReportEditOutcome =
  | { status: 'edited'; report: Report }
  | { status: 'missing' }
  | { status: 'taken'; editionId: string };

/** A page of reports, newest first, and where the next (older) one starts when there is one. */
export interface ReportPage {
  /** Newest first: by arrival, the latest first. */
  reports: Report[];
  /** Opaque to the core: the adapter's position after the last report of the page. */
  next?: string;
}

/** Where reports and their summaries are kept, each under an id made from its content (report.ts). */
export interface ReportRepository extends EditionReports {
  /** Stores the report unless one with its id exists; either way returns what is stored. */
  saveIfAbsent(report: Report): Promise<{ report: Report; created: boolean }>;
  /** The report of this id, read consistently; undefined when there is none. */
  findById(id: string): Promise<Report | undefined>;
  /**
   * Applies an editor's edit to a report no edition took: only the fields it names (held false and editedSummary
   * null remove theirs), in one conditional write, so that a concurrent edit of another field is kept; counts one
   * more revision. Nothing is written to a report an edition took ('taken') or to none ('missing').
   */
  edit(id: string, edit: ReportEdit): Promise<ReportEditOutcome>;
  /**
   * Up to `limit` reports, taken or not, newest first, from after `after` (a page's `next`): one bounded query.
   * Throws InvalidInputError for an `after` that is no page's.
   */
  recent(limit: number, after?: string): Promise<ReportPage>;
}
