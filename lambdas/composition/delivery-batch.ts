// Composition: the deliver step as an SQS batch handler with partial batch responses (Powertools batch). The
// deliver Lambda function and the local runtime's queue pollers run this same function on the same messages:
// readers' turns from the delivery queue, and subscribe requests (their confirmation emails) from their own queue.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { deliveryQueue } from '../adapters/delivery-queue-definition';
import type { UseCases } from '../core/bind-use-cases';
import { type DeliveryRequest, retryDelaySeconds } from '../core/domain/delivery';
import { MAX_EMAIL_LENGTH } from '../core/domain/email-address';
import { MailRefusedError, TurnDeferredError } from '../core/domain/errors';
import { isLanguageTag } from '../core/domain/language-tag';
import type { Logger } from '../core/ports/logger';

const deliveryMessage = z
  .object({ editionId: z.string().min(1).max(12), email: z.string().min(3).max(MAX_EMAIL_LENGTH) })
  .strict();
const subscriptionMessage = z
  .object({
    kind: z.literal('subscription'),
    email: z.string().min(3).max(MAX_EMAIL_LENGTH),
    via: z.enum(['form', 'api', 'import']),
    language: z.string().refine(isLanguageTag, 'not an ISO 639 code').optional(),
  })
  .strict();
const queueMessage = z.union([deliveryMessage, subscriptionMessage]);

/** Which queue a message came from: its receipt handle is good on that queue only. */
export type QueueKind = 'deliveries' | 'subscriptions';

export interface DeliveryBatchDeps {
  mujaz: Pick<UseCases, 'deliverDigest' | 'subscribe'>;
  /** Brings a deferred message back sooner than the visibility timeout would. */
  deferTurn(queue: QueueKind, receiptHandle: string, seconds: number): Promise<void>;
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
    let message: z.infer<typeof queueMessage>;
    try {
      message = queueMessage.parse(JSON.parse(record.body));
    } catch {
      // It fails the same way every time; the dead-letter queue keeps it for a human.
      deps.logger.error('queue message is neither a reader turn nor a subscribe request', {
        messageId: record.messageId,
      });
      throw new Error('malformed queue message');
    }
    const final = receiveCount >= deliveryQueue.maxReceiveCount;
    const comeBack = (queue: QueueKind) =>
      // After its last try the message goes to the dead-letter queue at its next receive: let that be now. Should
      // SQS not take the change, the visibility timeout brings the message back anyway.
      deps.deferTurn(queue, record.receiptHandle, final ? 0 : retryDelaySeconds(receiveCount)).catch(() => undefined);
    if ('kind' in message) {
      const { kind: _kind, email, ...request } = message;
      try {
        return await deps.mujaz.subscribe(email, request);
      } catch (error) {
        if (error instanceof MailRefusedError) await comeBack('subscriptions');
        throw error;
      }
    }
    try {
      return await deps.mujaz.deliverDigest(message satisfies DeliveryRequest, { receiveCount, final });
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
