// Test double: the activity log in an array, newest first by instant, paged by position as the adapter pages by key.
import type { ActivityEntry, ActivityPage } from '../../lambdas/core/domain/activity';
import type { ActivityLog } from '../../lambdas/core/ports/activity-log';

export class InMemoryActivityLog implements ActivityLog {
  /** Every entry recorded, in the order recorded. */
  readonly entries: ActivityEntry[] = [];

  async record(entry: ActivityEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
  }

  async recent(limit: number, before?: string): Promise<ActivityPage> {
    const newestFirst = this.entries
      .map((entry, index) => ({ entry, key: `${entry.at}#${String(index).padStart(8, '0')}` }))
      .sort((a, b) => b.key.localeCompare(a.key));
    const older = before === undefined ? newestFirst : newestFirst.filter(({ key }) => key < before);
    const page = older.slice(0, limit);
    const last = page.at(-1);
    return {
      entries: page.map(({ entry }) => structuredClone(entry)),
      ...(older.length > limit && last ? { next: last.key } : {}),
    };
  }
}
