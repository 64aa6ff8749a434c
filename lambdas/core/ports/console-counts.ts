// Core port: the console's counters as the writes that cause them left them, and the last editions' outcomes —
// read in a few requests whatever the size of the list.
import type { CountChanges } from '../domain/console-counts';
import type { OutcomeCounts } from '../domain/delivery';
import type { EditionState } from '../domain/edition';

/** Which counters to read: the days `fromDay` through `throughDay`, and the pending hours from `pendingFromHour`. */
export interface CountsWindow {
  fromDay: string;
  throughDay: string;
  pendingFromHour: string;
}

/** An edition as the console lists it: its state, when it opened, and how its readers' copies ended. */
export interface EditionOutcomes {
  id: string;
  number: number;
  state: EditionState;
  openedAt: string;
  subject?: string;
  /** Readers handed to the delivery queue so far. */
  recipients: number;
  counts: OutcomeCounts;
}

/** The counters kept beside the writes (console-counts.ts says which event moves which), and the editions' tallies. */
export interface ConsoleCounts {
  /**
   * The standing totals, the days of the window and the pending hours from its first, each summed over its
   * shards, in at most two requests (more only when the table asks to be asked again).
   */
  read(window: CountsWindow): Promise<CountChanges>;
  /** The `limit` (at most 9) newest editions with their outcomes, newest first, in two requests. */
  recentEditions(limit: number): Promise<EditionOutcomes[]>;
  /** Replaces every counter by `counts`: the operator's rebuild, for a table that had readers before counters. */
  overwrite(counts: CountChanges): Promise<void>;
}
