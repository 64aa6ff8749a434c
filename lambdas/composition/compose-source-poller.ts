// Composition: the feed poller — the poll of one source, as an SQS batch handler over the FIFO poll queue (the poll
// function, and the local runtime's poller, which run the same handler on the same messages).
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { PollSummary, Source } from '../core/domain/source';
import { parseSourcePollBody } from '../core/domain/source-poll-messages';
import { type PollSourcesDeps, pollSource } from '../core/use-cases/poll-sources';

export type SourcePollerDeps = PollSourcesDeps;

export interface SourcePoller {
  /**
   * Polls one source now; `deadline` (epoch ms) bounds the entries it takes up; `queued` is the source as its poll
   * was queued, which spares an unchanged feed's poll a read.
   */
  pollSource(sourceId: string, deadline?: number, queued?: Source): Promise<PollSummary | undefined>;
}

export function composeSourcePoller(deps: SourcePollerDeps): SourcePoller {
  return {
    pollSource: (sourceId, deadline, queued) =>
      pollSource(deps, sourceId, {
        ...(deadline === undefined ? {} : { deadline }),
        ...(queued === undefined ? {} : { queued }),
      }),
  };
}

export type SourcePollBatchHandler = (
  event: SQSEvent,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
) => Promise<SQSBatchResponse>;

/**
 * Each message polls its source. A poll that failed on the feed's side is recorded on the source and done; one our
 * own storage failed is reported as a batch item failure, for SQS to hand out again (and dead-letter after its
 * last try). The deadline leaves a poll time to record what it did before the function's timeout.
 */
export function sourcePollBatchHandler(
  poller: SourcePoller,
  logger: PollSourcesDeps['logger'],
): SourcePollBatchHandler {
  return (event, context) => {
    const pollOne = async (record: SQSRecord) => {
      const message = parseSourcePollBody(record.body);
      if (!message) {
        logger.error('poll queue message names no source', { messageId: record.messageId });
        throw new Error('malformed poll message');
      }
      const deadline = context ? Date.now() + context.getRemainingTimeInMillis() - RECORD_RESERVE_MS : undefined;
      await poller.pollSource(message.sourceId, deadline, message.queued);
    };
    return processPartialResponse(event, pollOne, new BatchProcessor(EventType.SQS), {
      throwOnFullBatchFailure: false,
    });
  };
}

/** Time kept to write the source once the last entry is taken up. */
const RECORD_RESERVE_MS = 10_000;
