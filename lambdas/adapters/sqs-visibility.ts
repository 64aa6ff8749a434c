// Adapter helper: handing a received message out again after `seconds` instead of after the queue's visibility
// timeout (six times the consuming function's), so that a refused message is tried again in seconds, not minutes.
import { ChangeMessageVisibilityCommand, type SQSClient } from '@aws-sdk/client-sqs';

export async function deferMessage(
  sqs: SQSClient,
  queueUrl: string,
  receiptHandle: string,
  seconds: number,
): Promise<void> {
  await sqs.send(
    new ChangeMessageVisibilityCommand({
      QueueUrl: queueUrl,
      ReceiptHandle: receiptHandle,
      VisibilityTimeout: Math.max(0, Math.round(seconds)),
    }),
  );
}
