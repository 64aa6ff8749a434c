// Core port: the console's counters as the writes that cause them left them, and the last editions' outcomes —
// read in a few requests whatever the size of the list.

import type { Actor } from '../domain/activity';
import type { CountChanges } from '../domain/console-counts';
import type { OutcomeCounts } from '../domain/delivery';
import type { EditionState } from '../domain/edition';

/** Which counters to read: the days `fromDay` through `throughDay`, and the pending hours from `pendingFromHour`. */
export interface CountsWindow {
  /** The first UTC day read (`2026-11-08`). */
  fromDay: string;
  /** The last UTC day read, included. */
  throughDay: string;
  /** The first UTC hour of expiry whose pending readers are read (`2026-12-07T10`); later ones all are. */
  pendingFromHour: string;
}

/** An edition as the console lists it: its state, when it opened, and how its readers' copies ended. */
export interface EditionOutcomes {
  /** The edition's id (its number as text). */
  id: string;
  /** 1, 2, … in the order editions opened. */
  number: number;
  /** As stored: composing, sending, or queued once every reader is queued. */
  state: EditionState;
  /** When it opened (ISO). */
  openedAt: string;
  /** Its email's subject, once frozen. */
  subject?: string;
  /** Readers handed to the delivery queue so far. */
  recipients: number;
  /** How many readers' copies ended in each outcome (sent, failed, unknown, skipped). */
  counts: OutcomeCounts;
  /** Who started it, where the edition kept it. */
  startedBy?: Actor;
}

/** The counters kept beside the writes (console-counts.ts says which event moves which), and the editions' tallies. */
export interface ConsoleCounts {
  /**
   * The standing totals, the days of the window and the pending hours from its first, each summed over its
   * shards, in at most two requests (more only when the table asks to be asked again).
   */
  read(window: CountsWindow): Promise<CountChanges>;
  /**
   * The `limit` (at most 9) newest editions with their outcomes, newest first, in two requests; with `before`, the
   * newest of those numbered below it (the editions list's older pages).
   */
  recentEditions(limit: number, before?: number): Promise<EditionOutcomes[]>;
  /** Replaces every counter by `counts`: the operator's rebuild, for a table that had readers before counters. */
  overwrite(counts: CountChanges): Promise<void>;
}
