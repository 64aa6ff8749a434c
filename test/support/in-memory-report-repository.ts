// Test double: ReportRepository in Maps. Stores copies, so callers cannot change what is "persisted".
import {
  byArrival,
  type EditionEntry,
  type EditionPeriod,
  editionEntryOf,
  inPeriod,
  type WaitingEntry,
  waitingEntryOf,
} from '../../lambdas/core/domain/edition';
import type { Report } from '../../lambdas/core/domain/report';
import type { ReportEdit } from '../../lambdas/core/domain/report-edit';
import type { ReportEditOutcome, ReportPage, ReportRepository } from '../../lambdas/core/ports/report-repository';

export class InMemoryReportRepository implements ReportRepository {
  private readonly byId = new Map<string, Report>();
  /** Report id → the edition that took it. */
  private readonly takenBy = new Map<string, string>();
  /** Report id → what its edition copied of it when taking it. */
  private readonly takenEntries = new Map<string, EditionEntry>();

  async saveIfAbsent(report: Report): Promise<{ report: Report; created: boolean }> {
    const existing = this.byId.get(report.id);
    if (existing) return { report: structuredClone(existing), created: false };
    this.byId.set(report.id, structuredClone(report));
    return { report: structuredClone(report), created: true };
  }

  async findById(id: string): Promise<Report | undefined> {
    const report = this.byId.get(id);
    const taker = this.takenBy.get(id);
    return report && structuredClone({ ...report, ...(taker !== undefined ? { editionId: taker } : {}) });
  }

  async edit(id: string, edit: ReportEdit): Promise<ReportEditOutcome> {
    const report = this.byId.get(id);
    if (!report) return { status: 'missing' };
    const taker = this.takenBy.get(id);
    if (taker !== undefined) return { status: 'taken', editionId: taker };
    const { held: _held, editedSummary: _summary, ...rest } = report;
    const held = edit.held ?? report.held;
    const editedSummary = edit.editedSummary === undefined ? report.editedSummary : edit.editedSummary;
    const edited: Report = {
      ...rest,
      ...(held ? { held } : {}),
      ...(edit.priority !== undefined ? { priority: edit.priority } : {}),
      ...(editedSummary !== undefined && editedSummary !== null ? { editedSummary } : {}),
      revision: (report.revision ?? 0) + 1,
    };
    this.byId.set(id, edited);
    return { status: 'edited', report: structuredClone(edited) };
  }

  async recent(limit: number, after?: string): Promise<ReportPage> {
    const newestFirst = [...this.byId.values()]
      .map((report) => ({
        ...structuredClone(report),
        ...(this.takenBy.has(report.id) ? { editionId: this.takenBy.get(report.id)! } : {}),
      }))
      .sort((a, b) => `${b.receivedAt}#${b.id}`.localeCompare(`${a.receivedAt}#${a.id}`));
    const from =
      after === undefined ? 0 : newestFirst.findIndex((report) => `${report.receivedAt}#${report.id}` < after);
    const start = from < 0 ? newestFirst.length : from;
    const reports = newestFirst.slice(start, start + limit);
    const last = reports.at(-1);
    return {
      reports,
      ...(start + limit < newestFirst.length && last ? { next: `${last.receivedAt}#${last.id}` } : {}),
    };
  }

  async listUntaken(period: EditionPeriod): Promise<WaitingEntry[]> {
    return [...this.byId.values()]
      .filter((report) => !this.takenBy.has(report.id) && inPeriod(period, report.receivedAt))
      .map(waitingEntryOf)
      .sort(byArrival);
  }

  async take(entry: WaitingEntry, editionId: string): Promise<boolean> {
    const report = this.byId.get(entry.id);
    if (!report || report.revision !== entry.revision) return false;
    const taker = this.takenBy.get(entry.id);
    if (taker !== undefined && taker !== editionId) return false;
    this.takenBy.set(entry.id, editionId);
    this.takenEntries.set(entry.id, editionEntryOf(entry));
    return true;
  }

  async listTaken(editionId: string): Promise<EditionEntry[]> {
    return [...this.takenEntries.values()]
      .filter((entry) => this.takenBy.get(entry.id) === editionId)
      .map((entry) => structuredClone(entry))
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
