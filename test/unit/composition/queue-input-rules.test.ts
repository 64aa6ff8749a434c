// The queue's side of the input rules: a message whose address breaks the one length limit, or whose language is
// no ISO 639 code, is no message of ours — the batch handler fails it (for the dead-letter queue) and acts on nothing.
import { queueBatchHandler } from '../../../lambdas/composition/queue-batch-handler';
import type { SubscriptionRequest } from '../../../lambdas/core/domain/subscriber';
import { toSqsEvent } from '../../../lambdas/local/queue-poller';
import { RecordingLogger } from '../../support/recording-logger';

/** An address of exactly `length` characters. */
const addressOf = (length: number) => {
  const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.example`;
  return `${'a'.repeat(length - domain.length - 1)}@${domain}`;
};

async function handle(bodies: unknown[]) {
  const subscribed: Array<{ email: string; request: SubscriptionRequest }> = [];
  const delivered: string[] = [];
  const signIns: string[] = [];
  const noDelay = { deferTurn: async () => undefined };
  const handler = queueBatchHandler({
    worker: {
      subscribe: async (email, request) => {
        subscribed.push({ email, request });
        return 'confirmation-sent';
      },
      deliverDigest: async (request) => {
        delivered.push(request.email);
        return 'sent';
      },
      mailSignInLink: async (request) => {
        signIns.push(`${request.email} ${request.language}`);
        return 'link-sent';
      },
    },
    queues: { deliveries: noDelay, subscriptions: noDelay },
    logger: new RecordingLogger(),
  });
  const messages = bodies.map((body, index) => ({ MessageId: `m${index}`, Body: JSON.stringify(body) }));
  const { batchItemFailures } = await handler(toSqsEvent(messages, 'http://127.0.0.1/queue/subscriptions'));
  return { failed: batchItemFailures.map((failure) => failure.itemIdentifier), subscribed, delivered, signIns };
}

describe('queue messages and the input rules', () => {
  it('takes an address of 254 characters, and fails one of 255 in either kind of message', async () => {
    const [longest, tooLong] = [addressOf(254), addressOf(255)];
    const outcome = await handle([
      { kind: 'subscription', email: longest, via: 'form' },
      { kind: 'subscription', email: tooLong, via: 'form' },
      { editionId: '1', email: longest },
      { editionId: '1', email: tooLong },
    ]);
    expect(outcome.failed).toEqual(['m1', 'm3']);
    expect(outcome.subscribed.map((call) => call.email)).toEqual([longest]);
    expect(outcome.delivered).toEqual([longest]);
  });

  it('takes a console sign-in request in a newsletter language, and fails one in another or with more fields', async () => {
    const outcome = await handle([
      { kind: 'console-sign-in', email: 'editor@example.com', language: 'en' },
      { kind: 'console-sign-in', email: 'editor@example.com', language: 'fr' },
      { kind: 'console-sign-in', email: 'editor@example.com', language: 'ar', token: 'x' },
    ]);
    expect(outcome.failed).toEqual(['m1', 'm2']);
    expect(outcome.signIns).toEqual(['editor@example.com en']);
  });

  it('takes a language that is an ISO 639 code, and fails one that is not', async () => {
    const outcome = await handle([
      { kind: 'subscription', email: 'a@example.com', via: 'import', language: 'ckb' },
      { kind: 'subscription', email: 'b@example.com', via: 'import', language: 'EN' },
      { kind: 'subscription', email: 'c@example.com', via: 'import', language: 'f1' },
    ]);
    expect(outcome.failed).toEqual(['m1', 'm2']);
    expect(outcome.subscribed).toEqual([{ email: 'a@example.com', request: { via: 'import', language: 'ckb' } }]);
  });
});
