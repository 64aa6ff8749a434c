// Core use case: an editor's correction of a report before it goes out — held for a later edition or released,
// moved up or down, its summary rewritten or restored (report-edit.ts says what each does).
import { type Actor, API_ACTOR, reportEditDetail } from '../domain/activity';
import { NotFoundError, ReportInEditionError } from '../domain/errors';
import type { Report } from '../domain/report';
import { isReportId, parseReportEdit } from '../domain/report-edit';
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
