// Core use case: the console's list of reports for a table that had reports before it had the list (new reports
// join it as they are stored). The only place that reads every report — an operator's explicit action, one paginated
// pass — and each addition is conditional, so a second run, or one beside new reports arriving, adds nothing twice.
import type { ReportListIndex } from '../ports/report-list-index';

export interface ReindexReportsDeps {
  reports: ReportListIndex;
}

/** Adds every report missing from the console's list; counts those it added and those the list had already. */
export async function reindexReports(deps: ReindexReportsDeps): Promise<{ indexed: number; alreadyListed: number }> {
  let indexed = 0;
  let alreadyListed = 0;
  for await (const report of deps.reports.everyReport()) {
    // A report listed between the read and the write (stored anew, or by another run) counts as listed already.
    if (!report.listed && (await deps.reports.addToList(report))) indexed += 1;
    else alreadyListed += 1;
  }
  return { indexed, alreadyListed };
}
