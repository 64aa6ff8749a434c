// The source-polls queue on the local SQS: polls queued many to a call, a repeat of the same poll dropped, and a
// host's polls handed out one at a time (the FIFO group), which is what bounds the requests a feed host gets.
import { randomUUID } from 'node:crypto';
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { SqsSourcePollQueue } from '../../lambdas/adapters/sqs-source-poll-queue';
import { parseSourcePollBody } from '../../lambdas/core/domain/source-poll-messages';
import { ensureSourcePollQueues, LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lambdas/local/local-stack';
import { localClients, localServices } from '../support/local-services';
import { aSource } from '../support/sources';

const clients = localClients();
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

async function newQueue() {
  return ensureSourcePollQueues(
    { sqsEndpoint: localServices().sqsEndpoint, region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS } },
    `polls-test-${randomUUID().slice(0, 8)}`,
    30,
  );
}

async function receive(queueUrl: string) {
  const { Messages = [] } = await clients.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  );
  return Messages;
}

const poll = (n: number, host = `news${n}.example`) => ({
  source: aSource({ id: `source${String(n).padStart(4, '0')}`, url: `https://${host}/feed.xml` }),
  occasion: 'due-2026-12-07T10:00:00.000Z',
});

it('queues many polls (more than a batch of ten) and drops a repeat of one', async () => {
  const { queueUrl } = await newQueue();
  const queue = new SqsSourcePollQueue(clients.sqs, queueUrl);
  const polls = Array.from({ length: 23 }, (_, index) => poll(index));
  await queue.enqueueAll(polls);
  await queue.enqueueAll([poll(0)]);
  await queue.enqueue(poll(1));
  const seen: string[] = [];
  for (let round = 0; round < 10; round += 1) {
    const messages = await receive(queueUrl);
    for (const message of messages) {
      const parsed = parseSourcePollBody(message.Body!)!;
      // The source travels as queued: its poll needs no read of its own.
      expect(parsed.queued).toEqual(polls.find((each) => each.source.id === parsed.sourceId)?.source);
      seen.push(parsed.sourceId);
      await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  expect(seen.sort()).toEqual(polls.map((each) => each.source.id).sort());
});

it('hands out a host’s next poll only once the last one is done', async () => {
  const { queueUrl } = await newQueue();
  const queue = new SqsSourcePollQueue(clients.sqs, queueUrl);
  await queue.enqueueAll([poll(1, 'same.example'), poll(2, 'same.example'), poll(3, 'other.example')]);
  const first = await receive(queueUrl);
  // Whatever came of same.example, nothing more of it comes while that is in hand.
  const again = await receive(queueUrl);
  expect(again).toEqual([]);
  const sameHost = first.filter((message) =>
    ['source0001', 'source0002'].includes(parseSourcePollBody(message.Body!)!.sourceId),
  );
  expect(sameHost.length).toBeGreaterThan(0);
  for (const message of first)
    await clients.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
  const rest = await receive(queueUrl);
  expect([...first, ...rest].map((message) => parseSourcePollBody(message.Body!)!.sourceId).sort()).toEqual([
    'source0001',
    'source0002',
    'source0003',
  ]);
});
