// Core use case: an editor's correction of a report before it goes out — held for a later edition or released,
// moved up or down, its summary rewritten or restored (report-edit.ts says what each does).
import { type Actor, API_ACTOR, reportEditDetail } from '../domain/activity';
import { NotFoundError, ReportInEditionError } from '../domain/errors';
import type { Report } from '../domain/report';
import { isReportId, parseReportEdit } from '../domain/report-edit';
import { MAX_PRIORITY, MIN_PRIORITY } from '../domain/report-submission';
import type { ReportRepository } from '../ports/report-repository';
import { type ActivityDeps, noteActivity } from './activity-log';

export interface EditReportDeps extends ActivityDeps {
  reports: Pick<ReportRepository, 'edit'>;
}

/**
 * Applies the edit `input` asks for to the report `id`, and returns the report as stored after it. Throws
 * NotFoundError (no such report), InvalidInputError (an edit no report could take) or ReportInEditionError (an
 * edition took it already). The edit is logged as `actor`'s (the admin token's when none is named).
 */
export async function editReport(
  deps: EditReportDeps,
  id: string,
  input: unknown,
  actor: Actor = API_ACTOR,
): Promise<Report> {
  if (!isReportId(id)) throw new NotFoundError('No report has this id.');
  const edit = parseReportEdit(input);
  const outcome = await deps.reports.edit(id, edit);
  switch (outcome.status) {
    case 'edited':
      await noteActivity(
        deps,
        actor,
        'report-edit',
        { kind: 'report', id, title: outcome.report.title },
        reportEditDetail(edit),
      );
      return outcome.report;
    case 'missing':
      throw new NotFoundError('No report has this id.');
    case 'taken':
      throw new ReportInEditionError(outcome.editionId);
  }
}

/**
 * The console's "up" and "down": the report's priority one step higher (+1: before every report of lower priority,
 * since a digest shows the higher first) or lower, within MIN_PRIORITY…MAX_PRIORITY, through editReport. At a bound
 * nothing is written and the report is returned as it stands; the same errors as editReport.
 */
export async function moveReport(
  deps: EditReportDeps & { reports: Pick<ReportRepository, 'edit' | 'findById'> },
  id: string,
  step: 1 | -1,
  actor: Actor = API_ACTOR,
): Promise<Report> {
  if (!isReportId(id)) throw new NotFoundError('No report has this id.');
  const report = await deps.reports.findById(id);
  if (!report) throw new NotFoundError('No report has this id.');
  if (report.editionId !== undefined) throw new ReportInEditionError(report.editionId);
  const priority = Math.min(MAX_PRIORITY, Math.max(MIN_PRIORITY, (report.priority ?? 0) + step));
  if (priority === (report.priority ?? 0)) return report;
  return editReport(deps, id, { priority }, actor);
}
