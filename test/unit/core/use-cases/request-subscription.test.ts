// A subscribe request as it arrives: rate-limited per client, checked, queued — one path whatever the address's
// state — and its confirmation mailed from the queue, surviving SES refusals without ever mailing twice.
import {
  InvalidInputError,
  MailOutcomeUnknownError,
  MailRefusedError,
  RateLimitedError,
} from '../../../../lambdas/core/domain/errors';
import {
  CONFIRMATION_COOLDOWN_MS,
  createHarness,
  type Harness,
  rejection,
  SUBSCRIBES_PER_CLIENT_PER_MINUTE,
} from '../../../support/use-case-harness';

const FORM = { via: 'form' } as const;
let h: Harness;
beforeEach(() => {
  h = createHarness();
});

describe('requestSubscription', () => {
  it('queues the address in its one spelling with how the reader asked, and touches neither store nor mail', async () => {
    const find = jest.spyOn(h.subscribers, 'find');
    await h.useCases.requestSubscription(' Reader@Example.COM ', { via: 'form', language: 'en' }, '192.0.2.7');
    expect(h.subscriptionQueue.waiting).toEqual([{ email: 'reader@example.com', via: 'form', language: 'en' }]);
    expect(find).not.toHaveBeenCalled();
    expect(h.subscribers.all()).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('takes exactly the same steps for a new, pending, confirmed, unsubscribed or suppressed address', async () => {
    const states = ['pending', 'confirmed', 'unsubscribed', 'suppressed'] as const;
    for (const status of states) await h.addSubscriber(`${status}@example.com`, status);
    const calls: string[][] = [];
    const watch = <T extends object>(name: string, port: T) => {
      for (const method of Object.getOwnPropertyNames(Object.getPrototypeOf(port))) {
        if (method === 'constructor') continue;
        const original = (port as Record<string, (...args: unknown[]) => unknown>)[method]!.bind(port);
        (port as Record<string, unknown>)[method] = (...args: unknown[]) => {
          calls.at(-1)?.push(`${name}.${method}`);
          return original(...args);
        };
      }
    };
    watch('subscribers', h.subscribers);
    watch('queue', h.subscriptionQueue);
    watch('limiter', h.limiter);
    watch('mailer', h.mailer);
    watch('pacer', h.pacer);
    for (const address of ['new', ...states]) {
      calls.push([]);
      await h.useCases.requestSubscription(`${address}@example.com`, FORM, `198.51.100.${calls.length}`);
    }
    expect(calls[0]).toEqual(['limiter.take', 'queue.enqueue']);
    for (const steps of calls) expect(steps).toEqual(calls[0]);
  });

  it(`refuses the request past ${SUBSCRIBES_PER_CLIENT_PER_MINUTE} a minute from one client, saying when to come back`, async () => {
    for (let request = 0; request < SUBSCRIBES_PER_CLIENT_PER_MINUTE; request += 1) {
      await h.useCases.requestSubscription(`r${request}@example.com`, FORM, '192.0.2.1');
    }
    h.clock.advance(15_000);
    const refused = await rejection(h.useCases.requestSubscription('victim@example.com', FORM, '192.0.2.1'));
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(45);
    // The same refusal for any address, a bad one too: the limit says nothing about who is asked for.
    const other = await rejection(h.useCases.requestSubscription('not-an-address', FORM, '192.0.2.1'));
    expect(other).toEqual(refused);
    expect(h.subscriptionQueue.waiting).toHaveLength(SUBSCRIBES_PER_CLIENT_PER_MINUTE);

    // Another client is not held back, and the next minute the first may ask again.
    await h.useCases.requestSubscription('victim@example.com', FORM, '192.0.2.2');
    h.clock.advance(45_000);
    await h.useCases.requestSubscription('victim@example.com', FORM, '192.0.2.1');
    expect(h.subscriptionQueue.waiting.filter((request) => request.email === 'victim@example.com')).toHaveLength(2);
  });

  it('refuses a bad address with InvalidInputError and queues nothing', async () => {
    expect(await rejection(h.useCases.requestSubscription('du\u200bp@example.com', FORM, '192.0.2.1'))).toBeInstanceOf(
      InvalidInputError,
    );
    expect(h.subscriptionQueue.waiting).toEqual([]);
  });

  it('fails (and stores nothing) when the queue cannot take the request: the caller learns it was not queued', async () => {
    h.subscriptionQueue.failNext();
    await expect(h.useCases.requestSubscription('reader@example.com', FORM, '192.0.2.1')).rejects.toThrow(
      'queue unavailable',
    );
    expect(h.subscribers.all()).toEqual([]);
  });
});

describe('subscribe, as the queue consumer runs it', () => {
  it('gives the cooldown back when SES refuses the confirmation, so that the next try of the request mails it', async () => {
    h.mailer.failWith(() => new MailRefusedError('Throttling', 'throttled'), 'reader@example.com');
    await expect(h.useCases.subscribe('reader@example.com', FORM)).rejects.toBeInstanceOf(MailRefusedError);
    expect(await h.subscribers.find('reader@example.com')).not.toHaveProperty('confirmationSentAt');
    h.mailer.stopFailing();
    h.clock.advance(4_000);
    await expect(h.useCases.subscribe('reader@example.com', FORM)).resolves.toBe('confirmation-sent');
    expect(h.mailer.sentTo('reader@example.com')).toHaveLength(1);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
  });

  it('keeps an unknown outcome as sent: the request is done, and a redelivered copy mails nothing', async () => {
    h.mailer.failWith(() => new MailOutcomeUnknownError('socket hang up'), 'reader@example.com');
    await expect(h.useCases.subscribe('reader@example.com', FORM)).resolves.toBe('confirmation-sent');
    expect(h.logger.entries.map((entry) => entry.message)).toContain('confirmation outcome unknown; not resent');
    h.mailer.stopFailing();
    await h.useCases.subscribe('reader@example.com', FORM);
    expect(h.mailer.sent).toEqual([]);
    h.clock.advance(CONFIRMATION_COOLDOWN_MS);
    await h.useCases.subscribe('reader@example.com', FORM);
    expect(h.mailer.sentTo('reader@example.com')).toHaveLength(1);
  });

  it('mails once for a request SQS delivered twice', async () => {
    await h.useCases.requestSubscription('reader@example.com', FORM, '192.0.2.1');
    h.subscriptionQueue.waiting.push(...structuredClone(h.subscriptionQueue.waiting));
    expect(await h.processSubscriptions()).toBe(2);
    expect(h.mailer.sentTo('reader@example.com')).toHaveLength(1);
  });
});
