// Where a send stands (GET /digests/{id}) and a retry that reaches exactly the readers a send did not.
import { MailOutcomeUnknownError, NotFoundError } from '../../../../lambdas/core/domain/errors';
import { createHarness, ENGLISH_REPORT, type Harness } from '../../../support/use-case-harness';

const READERS = ['amal@example.com', 'badr@example.com', 'carol@example.com', 'dana@example.com'];

let h: Harness;
beforeEach(async () => {
  h = createHarness();
  await h.useCases.ingestReport(ENGLISH_REPORT);
  for (const email of READERS) await h.addSubscriber(email, 'confirmed');
});

/** Edition 1 delivered: amal sent, badr dead-lettered, carol unknown, dana skipped. */
async function mixedSend(): Promise<void> {
  await h.useCases.sendDigest();
  h.mailer.failFor('badr@example.com');
  const send = h.mailer.send.bind(h.mailer);
  h.mailer.send = async (email) => {
    if (email.to === 'carol@example.com') throw new MailOutcomeUnknownError('TimeoutError');
    return send(email);
  };
  await h.addSubscriber('dana@example.com', 'unsubscribed');
  await h.deliverQueued();
  h.mailer.send = send;
  h.mailer.stopFailing();
}

describe('digestProgress', () => {
  it('follows an edition from composing through sending to done', async () => {
    await h.useCases.startDigest();
    expect(await h.useCases.digestProgress('1')).toEqual({
      id: '1',
      state: 'composing',
      // Started with no actor named: the admin token's, as the API and the CLI start it.
      openedAt: h.clock.now().toISOString(),
      startedBy: { kind: 'api' },
      reports: 0,
      counts: { recipients: 0, sent: 0, failed: 0, unknown: 0, skipped: 0, pending: 0 },
    });
    await h.useCases.sendDigest();
    expect(await h.useCases.digestProgress('1')).toMatchObject({
      state: 'sending',
      reports: 1,
      counts: { recipients: 4, sent: 0, pending: 4 },
    });
    await h.deliverQueued();
    expect(await h.useCases.digestProgress('1')).toMatchObject({
      state: 'done',
      counts: { recipients: 4, sent: 4, pending: 0 },
    });
  });

  it('counts every outcome, and an edition with readers not yet handed over is still sending', async () => {
    await mixedSend();
    expect((await h.useCases.digestProgress('1')).counts).toEqual({
      recipients: 4,
      sent: 1,
      failed: 1,
      unknown: 1,
      skipped: 1,
      pending: 0,
    });
    await h.editions.open({ id: '2', number: 2, state: 'composing', period: { until: 'x' }, openedAt: 'x' }, '1');
    await h.editions.freeze('2', { ...(await h.editions.find('1'))!.email! });
    expect((await h.useCases.digestProgress('2')).state).toBe('sending');
  });

  it('knows no digest that was never opened, nor an id that is not one', async () => {
    await expect(h.useCases.digestProgress('1')).rejects.toThrow(new NotFoundError('There is no such digest.'));
    await expect(h.useCases.digestProgress('../1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.useCases.digestProgress('01')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('retryDigest', () => {
  it('sends again to exactly the dead-lettered readers, and the counts follow', async () => {
    await mixedSend();
    expect(await h.useCases.retryDigest('1', ['failed'])).toEqual({ id: '1', requeued: 1 });
    expect(await h.useCases.digestProgress('1')).toMatchObject({
      state: 'sending',
      counts: { failed: 0, pending: 1 },
    });
    await h.deliverQueued();
    expect(h.mailer.sentTo('badr@example.com')).toHaveLength(1);
    expect(h.mailer.sentTo('carol@example.com')).toHaveLength(0);
    expect(h.mailer.sentTo('amal@example.com')).toHaveLength(1);
    expect(await h.useCases.digestProgress('1')).toMatchObject({
      state: 'done',
      counts: { recipients: 4, sent: 2, failed: 0, unknown: 1, skipped: 1, pending: 0 },
    });
    expect(await h.useCases.retryDigest('1', ['failed'])).toEqual({ id: '1', requeued: 0 });
  });

  it('sends to the unknown ones only when the operator includes them', async () => {
    await mixedSend();
    expect(await h.useCases.retryDigest('1', ['failed', 'unknown'])).toEqual({ id: '1', requeued: 2 });
    await h.deliverQueued();
    expect(h.mailer.sentTo('carol@example.com')).toHaveLength(1);
    expect((await h.useCases.digestProgress('1')).counts).toMatchObject({ sent: 3, unknown: 0, failed: 0 });
    expect(h.mailer.sentTo('dana@example.com')).toHaveLength(0);
  });

  it('queues again a reader an earlier retry reopened but did not get to queue', async () => {
    await mixedSend();
    h.queue.failNext = 1;
    await expect(h.useCases.retryDigest('1', ['failed'])).rejects.toThrow('SQS unreachable');
    expect((await h.useCases.digestProgress('1')).counts).toMatchObject({ failed: 0, pending: 1 });
    expect(await h.useCases.retryDigest('1', ['failed'])).toEqual({ id: '1', requeued: 1 });
    expect((await h.useCases.digestProgress('1')).counts).toEqual({
      recipients: 4,
      sent: 1,
      failed: 0,
      unknown: 1,
      skipped: 1,
      pending: 1,
    });
    await h.deliverQueued();
    expect(h.mailer.sentTo('badr@example.com')).toHaveLength(1);
  });

  it('queues a large retry a hundred at a time, each reader exactly once', async () => {
    const many = createHarness();
    await many.useCases.ingestReport(ENGLISH_REPORT);
    const readers = Array.from({ length: 250 }, (_, index) => `r${index}@example.com`);
    for (const email of readers) await many.addSubscriber(email, 'confirmed');
    await many.useCases.sendDigest();
    many.mailer.failFor(...readers);
    many.queue.waiting.length = 0;
    for (const email of readers) {
      many.ledger.put({ editionId: '1', email, status: 'failed', reason: 'Throttling' });
    }
    const enqueue = many.queue.enqueue.bind(many.queue);
    const sizes: number[] = [];
    many.queue.enqueue = async (requests) => {
      sizes.push(requests.length);
      return enqueue(requests);
    };
    expect(await many.useCases.retryDigest('1', ['failed'])).toEqual({ id: '1', requeued: 250 });
    expect(sizes.filter((size) => size > 0)).toEqual([100, 100, 50]);
    expect(many.queue.waiting.map((turn) => turn.email).sort()).toEqual([...readers].sort());
  });

  it('has nothing to retry in an edition still composing, nor in one that does not exist', async () => {
    await h.useCases.startDigest();
    await expect(h.useCases.retryDigest('1', ['failed'])).rejects.toThrow(
      new NotFoundError('This edition has not been sent yet.'),
    );
    await expect(h.useCases.retryDigest('9', ['failed'])).rejects.toThrow(
      new NotFoundError('There is no such digest.'),
    );
  });
});
