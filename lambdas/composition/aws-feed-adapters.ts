// Composition: the adapters feed polling and source registration run on — the sources in the table, the FIFO poll
// queue, the guarded web fetcher and the web hosts' page slots, the feed parser, and report intake (the same adapters
// the admin function's intake uses). The sources, finder and poll functions and the local runtime build them here.

import packageJson from '../../package.json';
import { DynamoActivityLog } from '../adapters/dynamo-activity-log';
import { DynamoConsoleAccessStore } from '../adapters/dynamo-console-access-store';
import { DynamoPageHostSlots } from '../adapters/dynamo-page-host-slots';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import { DynamoSourceRepository } from '../adapters/dynamo-source-repository';
import type { DynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { FeedsmithFeedParser } from '../adapters/feedsmith-feed-parser';
import { randomIds } from '../adapters/random-ids';
import { ReadabilityArticleExtractor } from '../adapters/readability-article-extractor';
import { sourcePollQueue, staleEntryClaimMs } from '../adapters/source-poll-queue-definition';
import { SqsSourcePollQueue } from '../adapters/sqs-source-poll-queue';
import { systemClock } from '../adapters/system-clock';
import { UndiciWebFetcher } from '../adapters/undici-web-fetcher';
import type { Clock } from '../core/ports/clock';
import type { Logger } from '../core/ports/logger';
import type { Metrics } from '../core/ports/metrics';
import type { WebFetcher } from '../core/ports/web-fetcher';
import { type ConsoleUseCases, composeConsoleSessions } from './compose-console-use-cases';
import type { SourcePollerDeps } from './compose-source-poller';
import type { SourceDeps } from './compose-source-use-cases';
import type { FeedConfig, MujazConfig } from './config';

export interface FeedCompositionOptions {
  logger: Logger;
  metrics: Metrics;
  clock?: Clock;
  /** Another fetcher than the guarded one on the config's allow list (a test's, with small limits). */
  fetcher?: WebFetcher;
  /** How long a poll may run: the poll function's timeout (sourcePollQueue.pollTimeoutSeconds when absent). */
  pollTimeoutSeconds?: number;
}

/** What every request of ours says it is, and where its operator can be found (RFC 9110 User-Agent). */
export function mujazUserAgent(publicBaseUrl: string): string {
  return `Mujaz/${packageJson.version} (+${publicBaseUrl})`;
}

/** Source registration's and feed polling's adapters, over one fetcher. */
export function awsFeedDeps(
  config: Pick<MujazConfig, 'tableName' | 'publicBaseUrl' | 'fetchAllow'> & FeedConfig,
  clients: DynamoSqsClients,
  options: FeedCompositionOptions,
): SourceDeps & SourcePollerDeps {
  const clock = options.clock ?? systemClock;
  return {
    sources: new DynamoSourceRepository(clients.dynamo, config.tableName),
    activity: new DynamoActivityLog(clients.dynamo, config.tableName),
    fetcher:
      options.fetcher ??
      new UndiciWebFetcher({ userAgent: mujazUserAgent(config.publicBaseUrl), allow: config.fetchAllow }),
    feeds: new FeedsmithFeedParser(),
    polls: new SqsSourcePollQueue(clients.sqs, config.sourcePollQueueUrl),
    intake: {
      reports: new DynamoReportRepository(clients.dynamo, config.tableName),
      extractor: new ReadabilityArticleExtractor(),
      clock,
      metrics: options.metrics,
    },
    ids: randomIds,
    clock,
    metrics: options.metrics,
    logger: options.logger,
    staleClaimMs: staleEntryClaimMs(options.pollTimeoutSeconds ?? sourcePollQueue.pollTimeoutSeconds),
    pageSlots: new DynamoPageHostSlots(clients.dynamo, config.tableName),
    wait: (milliseconds) => new Promise((resolve) => setTimeout(resolve, milliseconds)),
  };
}

/** The sources function's check of a console session (its console pages): the table's sessions, the operators. */
export function awsConsoleSessions(
  config: Pick<MujazConfig, 'tableName' | 'operators'>,
  clients: DynamoSqsClients,
  clock: Clock = systemClock,
): Pick<ConsoleUseCases, 'currentSession'> {
  return composeConsoleSessions(
    { access: new DynamoConsoleAccessStore(clients.dynamo, config.tableName), clock },
    config,
  );
}
