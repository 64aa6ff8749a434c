// Test double: ReportRepository in Maps. Stores copies, so callers cannot change what is "persisted".
import {
  byArrival,
  type EditionEntry,
  type EditionPeriod,
  editionEntryOf,
  inPeriod,
} from '../../lambdas/core/domain/edition';
import type { Report } from '../../lambdas/core/domain/report';
import type { ReportRepository } from '../../lambdas/core/ports/report-repository';

export class InMemoryReportRepository implements ReportRepository {
  private readonly byId = new Map<string, Report>();
  /** Report id → the edition that took it. */
  private readonly takenBy = new Map<string, string>();

  async saveIfAbsent(report: Report): Promise<{ report: Report; created: boolean }> {
    const existing = this.byId.get(report.id);
    if (existing) return { report: structuredClone(existing), created: false };
    this.byId.set(report.id, structuredClone(report));
    return { report: structuredClone(report), created: true };
  }

  async findById(id: string): Promise<Report | undefined> {
    const report = this.byId.get(id);
    return report && structuredClone(report);
  }

  async listUntaken(period: EditionPeriod): Promise<EditionEntry[]> {
    return [...this.byId.values()]
      .filter((report) => !this.takenBy.has(report.id) && inPeriod(period, report.receivedAt))
      .map(editionEntryOf)
      .sort(byArrival);
  }

  async take(entry: EditionEntry, editionId: string): Promise<boolean> {
    if (!this.byId.has(entry.id)) return false;
    const taker = this.takenBy.get(entry.id);
    if (taker !== undefined && taker !== editionId) return false;
    this.takenBy.set(entry.id, editionId);
    return true;
  }

  async listTaken(editionId: string): Promise<EditionEntry[]> {
    return [...this.byId.values()]
      .filter((report) => this.takenBy.get(report.id) === editionId)
      .map(editionEntryOf)
      .sort(byArrival);
  }

  /** Test helper: everything stored, in insertion order. */
  all(): Report[] {
    return [...this.byId.values()].map((report) => structuredClone(report));
  }

  /** Test helper: the edition that took a report, if any. */
  editionOf(reportId: string): string | undefined {
    return this.takenBy.get(reportId);
  }
}
