// Core: the rows of a subscriber list being imported — as the operator wrote them, and as the checks let them through.

/** One row of the list, as the operator wrote it, with its line in the file (1 is the header). */
export interface ImportRow {
  line: number;
  email?: string;
  language?: string;
  confirmedAt?: string;
  /** From an export taken back: only confirmed readers come in. */
  status?: string;
}

/** A row the checks let through: the address in its one spelling, ready to import. */
export interface AcceptedRow {
  email: string;
  language?: string;
  confirmedAt?: string;
}

/**
 * An uploaded list as read: its rows, or the problem that stops it being read — where (a line) and what kind, in
 * words an operator can act on, never quoting the list (a cell may be an address).
 */
export type UploadedList = { rows: ImportRow[] } | { problem: string };
