// Core port: where reports and their summaries are kept.
import type { Report } from '../domain/report';

export interface ReportRepository {
  /** Stores the report unless one with its id exists; either way returns what is stored. */
  saveIfAbsent(report: Report): Promise<{ report: Report; created: boolean }>;
  findById(id: string): Promise<Report | undefined>;
  /** Reports received in the ISO week, oldest first. */
  listByWeek(week: string): Promise<Report[]>;
}
