// Core port: the console's list of reports (ReportRepository.recent) for reports stored before the list was kept:
// every report read once, and each added to the list unless it is there already.

/** A stored report as the list knows it: its id and arrival (the list's order), and whether the list has it. */
export interface ReportListing {
  /** The report's id. */
  id: string;
  /** When it arrived (ISO): its place in the list. */
  receivedAt: string;
  /** Whether the console's list has it already. */
  listed: boolean;
}

/** Every stored report, and the console's list of them: what the reindex reads and adds to. */
export interface ReportListIndex {
  /** Every stored report once, in no particular order: the whole store read, page by page. */
  everyReport(): AsyncIterable<ReportListing>;
  /** Adds a report to the list unless it is there (a write conditional on that): true when this call added it. */
  addToList(report: Pick<ReportListing, 'id' | 'receivedAt'>): Promise<boolean>;
}
