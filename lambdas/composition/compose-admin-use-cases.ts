// Composition: what the operator does over the admin API — reports in and corrected, the digest previewed, tested
// and started, a send's progress and its retries, the list imported and exported — bound to the adapters it runs on.
// Only the admin function (and the local runtime) composes it: report intake brings the summarizer, its stop words
// and the article extractor.

import type { AdminUseCases } from '../core/admin-use-cases';
import { API_ACTOR } from '../core/domain/activity';
import { publicLinks } from '../core/domain/links';
import { type ActivityDeps, activityPage } from '../core/use-cases/activity-log';
import { findReport, listReports, lookUpReader } from '../core/use-cases/console-lists';
import { type ConsoleOverviewDeps, consoleOverview } from '../core/use-cases/console-overview';
import { digestProgress, listEditions, retryDigest } from '../core/use-cases/digest-progress';
import { editReport, moveReport } from '../core/use-cases/edit-report';
import { importSubscribers } from '../core/use-cases/import-subscribers';
import { type IngestReportDeps, ingestReport, ingestReportBatch } from '../core/use-cases/ingest-report';
import type { SubscriptionDeps } from '../core/use-cases/manage-subscription';
import {
  checkSendRequest,
  type DigestDeps,
  draftNextEdition,
  previewDigest,
  sendTestDigest,
  startDigest,
} from '../core/use-cases/send-digest';
import type { CoreSettings } from './core-settings';

export type { AdminUseCases } from '../core/admin-use-cases';

/** The adapters the operator's requests run on: everything a digest needs, the extractor, the subscribe queue. */
export type AdminDeps = Omit<DigestDeps, 'links' | 'newsletter' | 'timeZone' | 'featuredReports' | 'staleClaimMs'> &
  Pick<IngestReportDeps, 'extractor'> &
  Pick<SubscriptionDeps, 'subscriptionQueue'> &
  Pick<ConsoleOverviewDeps, 'counts' | 'sources'> &
  Pick<ActivityDeps, 'activity'>;

export type AdminSettings = Pick<
  CoreSettings,
  'newsletter' | 'timeZone' | 'publicBaseUrl' | 'featuredReports' | 'staleClaimMs' | 'digestSchedule'
>;

export function composeAdminUseCases(deps: AdminDeps, settings: AdminSettings): AdminUseCases {
  const ingest: IngestReportDeps = deps;
  const digest: DigestDeps & Pick<ActivityDeps, 'activity'> = {
    ...deps,
    links: publicLinks(settings.publicBaseUrl),
    newsletter: settings.newsletter,
    timeZone: settings.timeZone,
    featuredReports: settings.featuredReports,
    staleClaimMs: settings.staleClaimMs,
  };
  return {
    ingestReport: (input) => ingestReport(ingest, input),
    ingestReportBatch: (items) => ingestReportBatch(ingest, items),
    editReport: (id, input, actor) => editReport(deps, id, input, actor),
    moveReport: (id, step, actor) => moveReport(deps, id, step, actor),
    importSubscribers: (rows) => importSubscribers(deps, rows),
    confirmedSubscribers: () => deps.subscribers.confirmedSubscribers(),
    allSubscribers: () => deps.subscribers.allSubscribers(),
    previewDigest: (request) => previewDigest(digest, request),
    sendTestDigest: (to, request) => sendTestDigest(digest, to, request),
    startDigest: async (request, actor = API_ACTOR) => {
      const started = await startDigest(digest, request, actor);
      return started && { id: started.edition.id };
    },
    digestProgress: (id) => digestProgress(digest, id),
    retryDigest: (id, include, actor) => retryDigest(digest, id, include, actor),
    listEditions: (before) => listEditions(deps, before),
    activity: (before) => activityPage(deps, before),
    checkSendRequest: (request) => checkSendRequest(digest, request),
    listReports: (query) => listReports(deps, query),
    findReport: (id) => findReport(deps, id),
    lookUpReader: (email) => lookUpReader(deps, email),
    consoleOverview: () =>
      consoleOverview(deps, {
        timeZone: settings.timeZone,
        ...(settings.digestSchedule !== undefined ? { digestSchedule: settings.digestSchedule } : {}),
      }),
    draftNextEdition: (options) => draftNextEdition(digest, {}, options),
  };
}
