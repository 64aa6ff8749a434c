// Test double: ReportRepository in a Map. Stores copies, so callers cannot change what is "persisted".
import type { Report } from '../../lambdas/core/domain/report';
import type { ReportRepository } from '../../lambdas/core/ports/report-repository';

export class InMemoryReportRepository implements ReportRepository {
  private readonly byId = new Map<string, Report>();

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

  /** Oldest first, like the week index (receivedAt, then id). */
  async listByWeek(week: string): Promise<Report[]> {
    return [...this.byId.values()]
      .filter((report) => report.week === week)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id))
      .map((report) => structuredClone(report));
  }

  /** Test helper: everything stored, in insertion order. */
  all(): Report[] {
    return [...this.byId.values()].map((report) => structuredClone(report));
  }
}
