// Composition: the deliver step as an SQS batch handler with partial batch responses (Powertools batch). The
// deliver Lambda function and the local runtime's queue poller run this same function on the same messages.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { z } from 'zod';
import { deliveryQueue } from '../adapters/delivery-queue-definition';
import type { UseCases } from '../core/bind-use-cases';
import { type DeliveryRequest, retryDelaySeconds } from '../core/domain/delivery';
import type { Logger } from '../core/ports/logger';
import { TurnDeferredError } from '../core/use-cases/deliver-digest';

const deliveryMessage = z.object({ editionId: z.string().min(1).max(12), email: z.string().min(3).max(320) }).strict();

export interface DeliveryBatchDeps {
  mujaz: Pick<UseCases, 'deliverDigest'>;
  /** Brings a deferred turn back sooner than the visibility timeout would. */
  deferTurn(receiptHandle: string, seconds: number): Promise<void>;
  logger: Logger;
}

export type DeliveryBatchHandler = (event: SQSEvent, context?: Context) => Promise<SQSBatchResponse>;

/**
 * Every reader in the batch is handled on their own: a turn that must come again is reported as a batch item
 * failure (SQS hands it out again, and dead-letters it after its last try); the others are deleted.
 */
export function deliveryBatchHandler(deps: DeliveryBatchDeps): DeliveryBatchHandler {
  const handleTurn = async (record: SQSRecord) => {
    const receiveCount = Number(record.attributes.ApproximateReceiveCount) || 1;
    let request: DeliveryRequest;
    try {
      request = deliveryMessage.parse(JSON.parse(record.body));
    } catch {
      // It fails the same way every time; the dead-letter queue keeps it for a human.
      deps.logger.error('delivery message is not a reader turn', { messageId: record.messageId });
      throw new Error('malformed delivery message');
    }
    const final = receiveCount >= deliveryQueue.maxReceiveCount;
    try {
      return await deps.mujaz.deliverDigest(request, { receiveCount, final });
    } catch (error) {
      if (error instanceof TurnDeferredError) {
        // After its last try the turn goes to the dead-letter queue at its next receive: let that be now.
        const delay = final ? 0 : retryDelaySeconds(receiveCount);
        // Should SQS not take the change, the visibility timeout brings the turn back anyway.
        await deps.deferTurn(record.receiptHandle, delay).catch(() => undefined);
      }
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
