// Composition: the deliver function's queue worker as an SQS batch handler with partial batch responses (Powertools
// batch). The deliver Lambda function and the local runtime's queue pollers run this same function on the same
// messages: readers' turns from the delivery queue, and subscribe requests (their confirmations) from their own.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { MailRefusedError, TurnDeferredError } from '../core/domain/errors';
import { isLastReceive, parseWorkQueueMessage, retryDelaySeconds } from '../core/domain/work-queue-messages';
import type { Logger } from '../core/ports/logger';
import {
  composeQueueWorker,
  type QueueWorker,
  type QueueWorkerDeps,
  type QueueWorkerSettings,
} from './compose-queue-worker';

/** Which queue a message came from: its receipt handle is good on that queue only. */
export type QueueKind = 'deliveries' | 'subscriptions';

/** A queue a received message can be handed back to sooner than its visibility timeout would. */
export interface DeferringQueue {
  deferTurn(receiptHandle: string, seconds: number): Promise<void>;
}

export interface QueueBatchDeps {
  worker: QueueWorker;
  /** The queue each kind of message came from. */
  queues: Record<QueueKind, DeferringQueue>;
  logger: Logger;
}

export type QueueBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * Every reader in the batch is handled on their own: a turn that must come again is reported as a batch item
 * failure (SQS hands it out again, and dead-letters it after its last try); the others are deleted.
 */
export function queueBatchHandler(deps: QueueBatchDeps): QueueBatchHandler {
  const handleTurn = async (record: SQSRecord) => {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    const message = parseWorkQueueMessage(record.body);
    if (!message) {
      // It fails the same way every time; the dead-letter queue keeps it for a human.
      deps.logger.error('queue message is neither a reader turn, a subscribe request nor a sign-in request', {
        messageId: record.messageId,
      });
      throw new Error('malformed queue message');
    }
    const final = isLastReceive(receiveCount);
    const comeBack = (queue: QueueKind) =>
      // After its last try the message goes to the dead-letter queue at its next receive: let that be now. Should
      // SQS not take the change, the visibility timeout brings the message back anyway.
      deps.queues[queue]
        .deferTurn(record.receiptHandle, final ? 0 : retryDelaySeconds(receiveCount))
        .catch(() => undefined);
    if (message.kind === 'sign-in-request') {
      try {
        return await deps.worker.mailSignInLink(message.request);
      } catch (error) {
        if (error instanceof MailRefusedError) await comeBack('subscriptions');
        throw error;
      }
    }
    if (message.kind === 'subscribe-request') {
      const { email, ...request } = message.request;
      try {
        return await deps.worker.subscribe(email, request);
      } catch (error) {
        if (error instanceof MailRefusedError) await comeBack('subscriptions');
        throw error;
      }
    }
    try {
      return await deps.worker.deliverDigest(message.request, { receiveCount, final });
    } catch (error) {
      if (error instanceof TurnDeferredError) await comeBack('deliveries');
      throw error;
    }
  };
  // A processor holds one batch's results: one per call, since the local poller runs several batches at once.
  return (event, context) =>
    processPartialResponse(event, handleTurn, new BatchProcessor(EventType.SQS), {
      ...(context ? { context } : {}),
      // A batch that failed whole (SES down) is still answered item by item, not as the invocation's error.
      throwOnFullBatchFailure: false,
    });
}

/** The deliver function's handler: the queue worker composed over `deps`, each message handed back to its own queue. */
export function composeQueueBatchHandler(
  deps: QueueWorkerDeps & { queue: DeferringQueue; subscriptionQueue: DeferringQueue },
  settings: QueueWorkerSettings,
): QueueBatchHandler {
  return queueBatchHandler({
    worker: composeQueueWorker(deps, settings),
    queues: { deliveries: deps.queue, subscriptions: deps.subscriptionQueue },
    logger: deps.logger,
  });
}
