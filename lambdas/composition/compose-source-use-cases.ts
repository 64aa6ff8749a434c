// Composition: what the operator does with feed sources — register, list, show, edit, delete, poll now — bound to
// the adapters it runs on. The sources function and the local runtime compose it, and the tests.
import type { SourceUseCases } from '../core/source-use-cases';
import type { ActivityDeps } from '../core/use-cases/activity-log';
import {
  deleteSource,
  editSource,
  type FeedSourcesDeps,
  getSource,
  listSources,
  registerSource,
  requestPoll,
} from '../core/use-cases/feed-sources';
import { type IngestFromUrlDeps, ingestReportFromUrl } from '../core/use-cases/ingest-report-from-url';

export type { SourceUseCases } from '../core/source-use-cases';
/** The sources' adapters, the activity log, and report intake (a report fetched from its address). */
export type SourceDeps = FeedSourcesDeps & Pick<ActivityDeps, 'activity'> & Pick<IngestFromUrlDeps, 'intake'>;

export function composeSourceUseCases(deps: SourceDeps): SourceUseCases {
  return {
    registerSource: (input, actor) => registerSource(deps, input, actor),
    listSources: () => listSources(deps),
    getSource: (id) => getSource(deps, id),
    editSource: (id, input, actor) => editSource(deps, id, input, actor),
    deleteSource: (id, actor) => deleteSource(deps, id, actor),
    requestPoll: (id, actor) => requestPoll(deps, id, actor),
    ingestReportFromUrl: (url) => ingestReportFromUrl(deps, url),
  };
}
