// Core use cases: the activity log written beside each operator's change, and read a page at a time. An entry is
// written right after the change it tells of, not in its transaction: the changes live behind other ports (a
// report's conditional update, an edition's opening, a source's claim), and a log write that fails must not undo or
// fail a change already made — a 5xx would invite the operator to make it twice. It is logged instead.
import {
  ACTIVITY_PAGE_SIZE,
  type ActivityAction,
  type ActivityDetail,
  type ActivityPage,
  type ActivityTarget,
  type Actor,
} from '../domain/activity';
import type { ActivityLog } from '../ports/activity-log';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/logger';

export interface ActivityDeps {
  activity: ActivityLog;
  clock: Clock;
  logger: Logger;
}

/** Records one change; a failure to record it is logged (by action and target id), never thrown. */
export async function noteActivity(
  deps: ActivityDeps,
  actor: Actor,
  action: ActivityAction,
  target: ActivityTarget,
  detail?: ActivityDetail,
): Promise<void> {
  // The schedule is no operator: its sends are the editions' own record, not the log of operators' changes.
  if (actor.kind === 'schedule') return;
  try {
    await deps.activity.record({
      at: deps.clock.now().toISOString(),
      actor,
      action,
      target,
      ...(detail && Object.keys(detail).length > 0 ? { detail } : {}),
    });
  } catch (error) {
    deps.logger.error('activity entry not recorded', {
      action,
      target: `${target.kind}:${target.id}`,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}

/** A page of the log, newest first, from the cursor of the page before (`next`), or from the newest. */
export function activityPage(deps: Pick<ActivityDeps, 'activity'>, before?: string): Promise<ActivityPage> {
  return deps.activity.recent(ACTIVITY_PAGE_SIZE, before);
}
