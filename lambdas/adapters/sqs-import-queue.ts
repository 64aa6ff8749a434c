// Adapter: an import's steps as SQS messages on the import queue, ten to a SendMessageBatch call.
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { importMessageBody } from '../core/domain/import-messages';
import type { ImportMessage, ImportQueue } from '../core/ports/import-queue';
import { deferMessage } from './sqs-visibility';

export class SqsImportQueue implements ImportQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(messages: readonly ImportMessage[]): Promise<void> {
    for (let start = 0; start < messages.length; start += 10) {
      const batch = messages.slice(start, start + 10);
      const { Failed = [] } = await this.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl: this.queueUrl,
          Entries: batch.map((message, index) => ({ Id: String(index), MessageBody: importMessageBody(message) })),
        }),
      );
      if (Failed.length > 0) throw new Error(`${Failed.length} import messages were not queued`);
    }
  }

  /** A step that failed comes back after `seconds`. */
  deferTurn(receiptHandle: string, seconds: number): Promise<void> {
    return deferMessage(this.sqs, this.queueUrl, receiptHandle, seconds);
  }
}
