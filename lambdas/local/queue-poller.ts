// Local runtime: what Lambda's SQS event source does for the deliver function — receive a queue's messages (readers'
// turns, or subscribe requests), hand each batch to the same batch handler, delete what it did not report as failed. The failed ones come back when their
// visibility runs out, and go to the dead-letter queue after their last receive, as in AWS.
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { workQueue } from '../adapters/work-queue-definition';
import type { QueueBatchHandler } from '../composition/queue-batch-handler';
import type { Logger } from '../core/ports/logger';

export interface QueuePollerOptions {
  sqs: SQSClient;
  queueUrl: string;
  handleBatch: QueueBatchHandler;
  /** Batches handled at once (Lambda: the event source's maximum concurrency). */
  workers: number;
  logger: Logger;
  /** How long an idle worker waits before asking again. */
  idleMs?: number;
  /** Messages per batch (Lambda: the event source's batch size); the delivery queues' when absent. */
  batchSize?: number;
}

export interface QueuePoller {
  /** Stops asking for messages and resolves once the batches in hand are handled. */
  stop(): Promise<void>;
}

export function startQueuePoller(options: QueuePollerOptions): QueuePoller {
  let stopping = false;
  const idleMs = options.idleMs ?? 100;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const work = async () => {
    while (!stopping) {
      try {
        const { Messages = [] } = await options.sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: options.queueUrl,
            MaxNumberOfMessages: options.batchSize ?? workQueue.batchSize,
            // Short polls: local-aws-sqs can hand a message out twice within one long poll that outlasts visibility.
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ['All'],
            // local-aws-sqs reads the older AttributeNames for system attributes (ApproximateReceiveCount).
            AttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0) {
          await pause(idleMs);
          continue;
        }
        const { batchItemFailures } = await options.handleBatch(toSqsEvent(Messages, options.queueUrl));
        const failed = new Set(batchItemFailures.map((failure) => failure.itemIdentifier));
        const done = Messages.filter((message) => !failed.has(message.MessageId ?? ''));
        if (done.length > 0) {
          await options.sqs.send(
            new DeleteMessageBatchCommand({
              QueueUrl: options.queueUrl,
              Entries: done.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
            }),
          );
        }
      } catch (error) {
        // The turns in hand come back when their visibility runs out; nothing is lost by waiting.
        options.logger.error('queue poll failed', { error: error instanceof Error ? error.name : 'unknown' });
        await pause(1_000);
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, options.workers) }, () => work());
  return {
    stop: async () => {
      stopping = true;
      await Promise.all(workers);
    },
  };
}

/** The messages as Lambda's event source hands them to the function. */
export function toSqsEvent(messages: Message[], queueUrl: string): SQSEvent {
  const queueName = queueUrl.split('/').at(-1) ?? 'deliveries';
  return {
    Records: messages.map(
      (message): SQSRecord => ({
        messageId: message.MessageId ?? '',
        receiptHandle: message.ReceiptHandle ?? '',
        body: message.Body ?? '',
        attributes: {
          ApproximateReceiveCount: message.Attributes?.ApproximateReceiveCount ?? '1',
          SentTimestamp: message.Attributes?.SentTimestamp ?? '0',
          SenderId: message.Attributes?.SenderId ?? 'local',
          ApproximateFirstReceiveTimestamp: message.Attributes?.ApproximateFirstReceiveTimestamp ?? '0',
        },
        messageAttributes: {},
        md5OfBody: message.MD5OfBody ?? '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:us-east-1:000000000000:${queueName}`,
        awsRegion: 'us-east-1',
      }),
    ),
  };
}
