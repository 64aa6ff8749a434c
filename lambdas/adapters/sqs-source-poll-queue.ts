// Adapter: polls as messages of an SQS FIFO queue. The feed's host is the message group, so a host's polls run one
// at a time whatever the number of pollers (SQS hands out a group's next message only once the last is done);
// the deduplication id drops a poll queued twice within SQS's five minutes.
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { pollDeduplicationId, pollGroup, sourcePollBody } from '../core/domain/source-poll-messages';
import type { SourcePoll, SourcePollQueue } from '../core/ports/source-poll-queue';

export class SqsSourcePollQueue implements SourcePollQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(poll: SourcePoll): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: sourcePollBody(poll),
        MessageGroupId: pollGroup(poll.url),
        MessageDeduplicationId: pollDeduplicationId(poll),
      }),
    );
  }
}
