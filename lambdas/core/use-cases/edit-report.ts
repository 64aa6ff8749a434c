// Core use case: an editor's correction of a report before it goes out — held for a later edition or released,
// moved up or down, its summary rewritten or restored (report-edit.ts says what each does).
import { NotFoundError, ReportInEditionError } from '../domain/errors';
import type { Report } from '../domain/report';
import { isReportId, parseReportEdit } from '../domain/report-edit';
import type { ReportRepository } from '../ports/report-repository';

export interface EditReportDeps {
  reports: Pick<ReportRepository, 'edit'>;
}

/**
 * Applies the edit `input` asks for to the report `id`, and returns the report as stored after it. Throws
 * NotFoundError (no such report), InvalidInputError (an edit no report could take) or ReportInEditionError (an
 * edition took it already).
 */
export async function editReport(deps: EditReportDeps, id: string, input: unknown): Promise<Report> {
  if (!isReportId(id)) throw new NotFoundError('No report has this id.');
  const outcome = await deps.reports.edit(id, parseReportEdit(input));
  switch (outcome.status) {
    case 'edited':
      return outcome.report;
    case 'missing':
      throw new NotFoundError('No report has this id.');
    case 'taken':
      throw new ReportInEditionError(outcome.editionId);
  }
}
