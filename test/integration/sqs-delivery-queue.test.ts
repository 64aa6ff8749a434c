// The delivery queue on the real local SQS endpoint: readers' turns queued ten to a call, handed out again when not
// deleted in time, and moved to the dead-letter queue after maxReceiveCount receives.
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SqsDeliveryQueue } from '../../lambdas/adapters/sqs-delivery-queue';
import { SqsSubscriptionQueue } from '../../lambdas/adapters/sqs-subscription-queue';
import { workQueue } from '../../lambdas/adapters/work-queue-definition';
import type { DeliveryRequest } from '../../lambdas/core/domain/delivery';
import { parseWorkQueueMessage } from '../../lambdas/core/domain/work-queue-messages';
import { ensureWorkQueues, LOCAL_CREDENTIALS, LOCAL_REGION, type WorkQueueUrls } from '../../lambdas/local/local-stack';
import { localClients, localServices } from '../support/local-services';

const clients = localClients();
let urls: WorkQueueUrls;

beforeAll(async () => {
  urls = await ensureWorkQueues(
    { sqsEndpoint: localServices().sqsEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } },
    `deliveries-${Math.random().toString(36).slice(2, 8)}`,
    1,
  );
});
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

async function receive(queueUrl: string, max = 10): Promise<Message[]> {
  const { Messages = [] } = await clients.sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: max,
      // Short polling: local-aws-sqs can return a message twice in one long poll that outlasts its visibility.
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      // local-aws-sqs reads the older AttributeNames for message attributes; SQS reads MessageSystemAttributeNames.
      AttributeNames: ['All'],
    }),
  );
  return Messages;
}

it('queues every request once, ten to a message batch, each readable as it was sent', async () => {
  const requests: DeliveryRequest[] = Array.from({ length: 25 }, (_, index) => ({
    editionId: '3',
    email: `reader-${index}@example.com`,
  }));
  await new SqsDeliveryQueue(clients.sqs, urls.queueUrl).enqueue(requests);

  const received: DeliveryRequest[] = [];
  for (let round = 0; round < 10 && received.length < requests.length; round += 1) {
    for (const message of await receive(urls.queueUrl)) {
      // Read as the deliver function reads it: the writer and the reader share one schema.
      const parsed = parseWorkQueueMessage(message.Body!);
      if (parsed?.kind !== 'reader-turn') throw new Error(`not a reader turn: ${message.Body}`);
      received.push(parsed.request);
      await clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: urls.queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    }
  }
  expect(received.sort((a, b) => a.email.localeCompare(b.email))).toEqual(
    [...requests].sort((a, b) => a.email.localeCompare(b.email)),
  );
  expect(await receive(urls.queueUrl)).toEqual([]);
});

it('hands a turn out again until maxReceiveCount, then dead-letters it', async () => {
  await new SqsDeliveryQueue(clients.sqs, urls.queueUrl).enqueue([{ editionId: '3', email: 'refused@example.com' }]);
  const counts: number[] = [];
  for (let round = 0; round < 30 && counts.length < workQueue.maxReceiveCount; round += 1) {
    for (const message of await receive(urls.queueUrl))
      counts.push(Number(message.Attributes?.ApproximateReceiveCount));
    // Not deleted: as a deliver step that failed would leave it, to come back after the visibility timeout.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
  }
  expect(counts).toEqual([1, 2, 3, 4, 5]);
  // The next receive after the visibility timeout moves it to the dead-letter queue instead of handing it out.
  let dead: Message | undefined;
  for (let round = 0; round < 20 && !dead; round += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await receive(urls.queueUrl)).toEqual([]);
    [dead] = await receive(urls.deadLetterQueueUrl);
  }
  expect(JSON.parse(dead!.Body!)).toEqual({ editionId: '3', email: 'refused@example.com' });
}, 60_000);

it('fails the whole call rather than leave a reader silently unqueued', async () => {
  const missing = `${urls.queueUrl}-missing`;
  await expect(
    new SqsDeliveryQueue(clients.sqs, missing).enqueue([{ editionId: '3', email: 'a@example.com' }]),
  ).rejects.toThrow();
});

it('queues a subscribe request as the deliver function reads it back', async () => {
  const queue = new SqsSubscriptionQueue(clients.sqs, urls.queueUrl);
  await queue.enqueue({ email: 'new@example.com', via: 'form', language: 'en' });
  await queue.enqueue({ email: 'imported@example.com', via: 'import' });
  const bodies: string[] = [];
  for (let round = 0; round < 10 && bodies.length < 2; round += 1) {
    for (const message of await receive(urls.queueUrl)) {
      bodies.push(message.Body!);
      await clients.sqs.send(
        new DeleteMessageCommand({ QueueUrl: urls.queueUrl, ReceiptHandle: message.ReceiptHandle }),
      );
    }
  }
  expect(bodies.map(parseWorkQueueMessage)).toEqual(
    expect.arrayContaining([
      { kind: 'subscribe-request', request: { email: 'new@example.com', via: 'form', language: 'en' } },
      { kind: 'subscribe-request', request: { email: 'imported@example.com', via: 'import' } },
    ]),
  );
  expect(bodies).toHaveLength(2);
});
