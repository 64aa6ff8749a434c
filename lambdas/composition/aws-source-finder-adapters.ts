// Composition: the finder's adapters on AWS — the sources in the table and the FIFO poll queue, nothing that reads
// the web (aws-feed-adapters.ts has those), so the finder's bundle stays small.

import { DynamoSourceRepository } from '../adapters/dynamo-source-repository';
import type { DynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { SqsSourcePollQueue } from '../adapters/sqs-source-poll-queue';
import { systemClock } from '../adapters/system-clock';
import type { Clock } from '../core/ports/clock';
import type { Metrics } from '../core/ports/metrics';
import type { SourceFinderDeps } from './compose-source-finder';
import type { FeedConfig, MujazConfig } from './config';

export function awsSourceFinderDeps(
  config: Pick<MujazConfig, 'tableName'> & Pick<FeedConfig, 'sourcePollQueueUrl'>,
  clients: DynamoSqsClients,
  options: { metrics: Metrics; clock?: Clock },
): SourceFinderDeps {
  return {
    sources: new DynamoSourceRepository(clients.dynamo, config.tableName),
    polls: new SqsSourcePollQueue(clients.sqs, config.sourcePollQueueUrl),
    clock: options.clock ?? systemClock,
    metrics: options.metrics,
  };
}
