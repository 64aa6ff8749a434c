// Adapter: subscribe requests as SQS messages, one per request, for the deliver function to mail their
// confirmations, and console sign-in requests, for it to mail their links. A queue of their own: a big digest send in
// the delivery queue never holds a confirmation or a sign-in link back.
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { signInRequestBody, subscribeRequestBody } from '../core/domain/work-queue-messages';
import type { QueuedSignIn, SignInQueue } from '../core/ports/sign-in-queue';
import type { QueuedSubscription, SubscriptionQueue } from '../core/ports/subscription-queue';
import { deferMessage } from './sqs-visibility';

export class SqsSubscriptionQueue implements SubscriptionQueue, SignInQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(request: QueuedSubscription): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: subscribeRequestBody(request),
      }),
    );
  }

  /** Ten to a SendMessageBatch call, SQS's most. */
  async enqueueAll(requests: readonly QueuedSubscription[]): Promise<void> {
    for (let start = 0; start < requests.length; start += 10) {
      const batch = requests.slice(start, start + 10);
      const { Failed = [] } = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((request, index) => ({ Id: String(index), MessageBody: subscribeRequestBody(request) })),
        }),
      );
      if (Failed.length > 0) throw new Error(`${Failed.length} subscribe requests were not queued`);
    }
  }

  async enqueueSignIn(request: QueuedSignIn): Promise<void> {
    await this.sqs.send(new SendMessageCommand({ QueueUrl: this.queueUrl, MessageBody: signInRequestBody(request) }));
  }

  /** A request whose confirmation SES refused comes back after `seconds`. */
  deferTurn(receiptHandle: string, seconds: number): Promise<void> {
    return deferMessage(this.sqs, this.queueUrl, receiptHandle, seconds);
  }
}
