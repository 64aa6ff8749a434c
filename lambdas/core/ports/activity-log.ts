// Core port: the activity log — every change an operator made, from the console or with the admin token, kept 400
// days and read newest first, a page at a time.
import type { ActivityEntry, ActivityPage } from '../domain/activity';

/** The log of operators' changes: written by the use cases that make them, read by the console. */
export interface ActivityLog {
  /**
   * Keeps the entry for ACTIVITY_RETENTION_DAYS from its `at`; two entries of the same instant are both kept.
   */
  record(entry: ActivityEntry): Promise<void>;
  /**
   * Up to `limit` entries, newest first, older than the entry `before` names (a page's `next`); one bounded
   * read, never a scan. An unreadable `before` starts from the newest.
   */
  recent(limit: number, before?: string): Promise<ActivityPage>;
}
