// Infrastructure: every dead-letter queue of the service is made here — encrypted, TLS only, and kept for the longest
// SQS allows, for an operator to act on.
import { Duration } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { workQueue } from '../lambdas/adapters/work-queue-definition';
import { acceptFinding } from './nag';

export function deadLetterQueue(scope: Construct, id: string, options: { fifo?: boolean } = {}): Queue {
  const queue = new Queue(scope, id, {
    // A FIFO queue's dead-letter queue must be FIFO too.
    ...(options.fifo ? { fifo: true } : {}),
    retentionPeriod: Duration.seconds(workQueue.deadLetterRetentionSeconds),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  acceptFinding(
    queue,
    'Serverless-SQSRedrivePolicy',
    'A dead-letter queue is the end of the line: an alarm fires on its first message and the operator acts on it.',
  );
  return queue;
}
