// Core layer: who started a change, and the activity log's entries — what an operator changed, when, and on what.
// An entry names ids, titles and counts, never a reader's address: the log is kept 400 days.

/**
 * Who asked for a change: the admin bearer token (the API and the CLI: it names no person), an operator signed in
 * to the console (by their address, one of `mujaz:operators`), or the digest's schedule.
 */
export type Actor = { kind: 'api' } | { kind: 'operator'; email: string } | { kind: 'schedule' };

/** The admin token's actor: what every use case assumes when its caller names none (the API and the CLI). */
export const API_ACTOR: Actor = Object.freeze({ kind: 'api' });

export const SCHEDULE_ACTOR: Actor = Object.freeze({ kind: 'schedule' });

export function operatorActor(email: string): Actor {
  return { kind: 'operator', email };
}

/** How long an entry is kept: DynamoDB's TTL removes it some time after. */
export const ACTIVITY_RETENTION_DAYS = 400;

export type ActivityAction =
  | 'send'
  | 'retry'
  | 'report-edit'
  | 'import'
  | 'source-add'
  | 'source-edit'
  | 'source-delete'
  | 'source-poll';

/** What an entry's change was made to: an edition, a report, an import or a source, by id (and title or name). */
export interface ActivityTarget {
  kind: 'edition' | 'report' | 'import' | 'source';
  id: string;
  title?: string;
}

/**
 * The particulars of a change, each optional: a report held or released, its priority, its summary edited or
 * restored; a retry's outcomes and the readers requeued; an import's rows; a source paused, resumed or renamed.
 */
export interface ActivityDetail {
  held?: boolean;
  priority?: number;
  summary?: 'edited' | 'restored';
  include?: string[];
  requeued?: number;
  rows?: number;
  state?: 'paused' | 'active';
  renamed?: boolean;
}

export interface ActivityEntry {
  /** When the change was made (ISO). */
  at: string;
  actor: Actor;
  action: ActivityAction;
  target: ActivityTarget;
  detail?: ActivityDetail;
}

/** A page of the log, newest first, and the cursor of the next (older) page when there is one. */
export interface ActivityPage {
  entries: ActivityEntry[];
  next?: string;
}

/** Entries a page of the log holds. */
export const ACTIVITY_PAGE_SIZE = 25;

/** An edit of a report, as its entry tells it. */
export function reportEditDetail(edit: {
  held?: boolean;
  priority?: number;
  editedSummary?: string | null;
}): ActivityDetail {
  return {
    ...(edit.held !== undefined ? { held: edit.held } : {}),
    ...(edit.priority !== undefined ? { priority: edit.priority } : {}),
    ...(edit.editedSummary === null ? { summary: 'restored' as const } : {}),
    ...(typeof edit.editedSummary === 'string' ? { summary: 'edited' as const } : {}),
  };
}
