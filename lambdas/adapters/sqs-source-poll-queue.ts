// Adapter: polls as messages of an SQS FIFO queue. The feed's host is the message group, so a host's polls run one
// at a time whatever the number of pollers (SQS hands out a group's next message only once the last is done);
// the deduplication id drops a poll queued twice within SQS's five minutes.
import { SendMessageBatchCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { pollDeduplicationId, pollGroup, sourcePollBody } from '../core/domain/source-poll-messages';
import type { SourcePoll, SourcePollQueue } from '../core/ports/source-poll-queue';

/** The most messages one SendMessageBatch call takes. */
const SQS_BATCH_LIMIT = 10;

export class SqsSourcePollQueue implements SourcePollQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  /** SendMessageBatch, ten to a call (SQS's limit): the finder queues up to a thousand within its minute. */
  async enqueueAll(polls: readonly SourcePoll[]): Promise<void> {
    let failed = 0;
    for (let start = 0; start < polls.length; start += SQS_BATCH_LIMIT) {
      const { Failed = [] } = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: polls.slice(start, start + SQS_BATCH_LIMIT).map((poll, index) => ({
            Id: String(index),
            MessageBody: sourcePollBody(poll),
            MessageGroupId: pollGroup(poll.source.url),
            MessageDeduplicationId: pollDeduplicationId(poll),
          })),
        }),
      );
      failed += Failed.length;
    }
    // Those not queued are due still: the next run of the finder queues them.
    if (failed > 0) throw new Error(`${failed} of ${polls.length} polls could not be queued`);
  }

  async enqueue(poll: SourcePoll): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: sourcePollBody(poll),
        MessageGroupId: pollGroup(poll.source.url),
        MessageDeduplicationId: pollDeduplicationId(poll),
      }),
    );
  }
}
