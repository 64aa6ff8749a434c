// Core port: where reports and their summaries are kept.
import type { Report } from '../domain/report';
import type { EditionReports } from './edition-store';

export interface ReportRepository extends EditionReports {
  /** Stores the report unless one with its id exists; either way returns what is stored. */
  saveIfAbsent(report: Report): Promise<{ report: Report; created: boolean }>;
  findById(id: string): Promise<Report | undefined>;
}
