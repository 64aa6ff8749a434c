// Core port: where reports and their summaries are kept.
import type { Report } from '../domain/report';
import type { EditionReports } from './edition-store';

/** Where reports and their summaries are kept, each under an id made from its content (report.ts). */
export interface ReportRepository extends EditionReports {
  /** Stores the report unless one with its id exists; either way returns what is stored. */
  saveIfAbsent(report: Report): Promise<{ report: Report; created: boolean }>;
  /** The report of this id, read consistently; undefined when there is none. */
  findById(id: string): Promise<Report | undefined>;
}
