// Adapter: readers' turns as SQS messages, ten to a SendMessageBatch call. Entries SQS refuses within a batch are
// sent again; whatever still fails makes the whole call fail, so the caller never believes a reader was queued.
import { SendMessageBatchCommand, type SendMessageBatchRequestEntry, type SQSClient } from '@aws-sdk/client-sqs';
import { forEachWithConcurrency } from '../core/domain/concurrency';
import type { DeliveryRequest } from '../core/domain/delivery';
import { readerTurnBody } from '../core/domain/work-queue-messages';
import type { DeliveryQueue } from '../core/ports/delivery-queue';
import { deferMessage } from './sqs-visibility';
import { workQueue } from './work-queue-definition';

const ATTEMPTS = 3;
/** SendMessageBatch calls in flight at once: a page of a thousand readers is a hundred calls. */
const CONCURRENT_BATCHES = 8;

export class SqsDeliveryQueue implements DeliveryQueue {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
  ) {}

  async enqueue(requests: readonly DeliveryRequest[]): Promise<void> {
    const batches: SendMessageBatchRequestEntry[][] = [];
    for (let start = 0; start < requests.length; start += workQueue.batchSize) {
      batches.push(
        requests.slice(start, start + workQueue.batchSize).map((request, index) => ({
          Id: String(index),
          MessageBody: readerTurnBody(request),
        })),
      );
    }
    await forEachWithConcurrency(batches, CONCURRENT_BATCHES, (entries) => this.sendBatch(entries));
  }

  /**
   * Hands a received turn out again after `seconds` instead of after the queue's visibility timeout (six times the
   * deliver function's): a refused reader is tried again in seconds, not minutes.
   */
  deferTurn(receiptHandle: string, seconds: number): Promise<void> {
    return deferMessage(this.sqs, this.queueUrl, receiptHandle, seconds);
  }

  private async sendBatch(entries: SendMessageBatchRequestEntry[]): Promise<void> {
    let pending = entries;
    for (let attempt = 1; pending.length > 0; attempt += 1) {
      const { Failed = [] } = await this.sqs.send(
        new SendMessageBatchCommand({ QueueUrl: this.queueUrl, Entries: pending }),
      );
      if (Failed.length === 0) return;
      // A sender's fault (a malformed entry) will not pass on a second try; anything else may.
      if (attempt >= ATTEMPTS || Failed.some((failure) => failure.SenderFault)) {
        const codes = [...new Set(Failed.map((failure) => failure.Code))].join(', ');
        throw new Error(`SQS did not queue ${Failed.length} of ${entries.length} readers (${codes})`);
      }
      const failedIds = new Set(Failed.map((failure) => failure.Id));
      pending = pending.filter((entry) => failedIds.has(entry.Id));
    }
  }
}
