// One reader's turn from the delivery queue, through the UseCases facade: sent once whatever the queue repeats;
// refused → another turn (the last try dead-letters it, counted `failed`); unknown → recorded, never resent;
// a claim abandoned by a crashed attempt → `unknown`; a reader who left → `skipped`.
import { MailOutcomeUnknownError, MailRefusedError, TurnDeferredError } from '../../../../lambdas/core/domain/errors';
import { retryDelaySeconds } from '../../../../lambdas/core/domain/work-queue-messages';
import { SEND_ATTEMPTS } from '../../../../lambdas/core/use-cases/paced-send';
import { createHarness, ENGLISH_REPORT, type Harness, MAX_RECEIVES } from '../../../support/use-case-harness';

const READERS = ['amal@example.com', 'badr@example.com', 'carol@example.com'];
const FIRST = { receiveCount: 1, final: false };
const LAST = { receiveCount: MAX_RECEIVES, final: true };
const turn = (email: string) => ({ editionId: '1', email });

let h: Harness;
beforeEach(async () => {
  h = createHarness({ staleClaimMs: 60_000 });
  await h.useCases.ingestReport(ENGLISH_REPORT);
  for (const email of READERS) await h.addSubscriber(email, 'confirmed');
  await h.useCases.sendDigest();
});

const statusOf = (email: string) => h.ledger.deliveriesOf('1').find((record) => record.email === email);
const progress = async () => (await h.useCases.digestProgress('1')).counts;

describe('deliverDigest', () => {
  it('sends the frozen edition once however often the turn comes, and counts it once', async () => {
    expect(await h.useCases.deliverDigest(turn('amal@example.com'), FIRST)).toBe('sent');
    expect(await h.useCases.deliverDigest(turn('amal@example.com'), FIRST)).toBe('recorded-earlier');
    expect(h.mailer.sentTo('amal@example.com')).toHaveLength(1);
    // The repeated turn waited for a place in the rate before finding the reader taken, and gave it back.
    expect(h.pacer.acquired).toEqual(['digest', 'digest']);
    expect(h.pacer.givenBack).toEqual([1]);
    expect(statusOf('amal@example.com')).toMatchObject({ status: 'sent', messageId: 'recorded-1' });
    expect(await progress()).toEqual({ recipients: 3, sent: 1, failed: 0, unknown: 0, skipped: 0, pending: 2 });
  });

  it('refuses to deliver an edition that has no frozen email (the dead-letter queue keeps the turn)', async () => {
    await expect(h.useCases.deliverDigest({ editionId: '7', email: 'amal@example.com' }, FIRST)).rejects.toThrow(
      'Edition 7 has no frozen email to deliver.',
    );
    expect(h.mailer.sent).toEqual([]);
  });

  it('skips and counts a reader who left or was suppressed after the edition was composed', async () => {
    await h.addSubscriber('badr@example.com', 'unsubscribed');
    await h.subscribers.save({ ...(await h.subscribers.find('carol@example.com'))!, status: 'suppressed' });
    expect(await h.useCases.deliverDigest(turn('badr@example.com'), FIRST)).toBe('skipped');
    expect(await h.useCases.deliverDigest(turn('carol@example.com'), FIRST)).toBe('skipped');
    expect(await h.useCases.deliverDigest(turn('nobody@example.com'), FIRST)).toBe('skipped');
    expect(h.mailer.sent).toEqual([]);
    expect(statusOf('badr@example.com')).toMatchObject({ status: 'skipped', reason: 'unsubscribed' });
    expect(statusOf('carol@example.com')).toMatchObject({ status: 'skipped', reason: 'suppressed' });
    expect(statusOf('nobody@example.com')).toMatchObject({ status: 'skipped', reason: 'removed' });
    expect(await progress()).toMatchObject({ skipped: 3, pending: 0 });
  });

  it('leaves a recorded outcome as it is when a repeated turn finds the reader gone since', async () => {
    expect(await h.useCases.deliverDigest(turn('amal@example.com'), FIRST)).toBe('sent');
    await h.addSubscriber('amal@example.com', 'unsubscribed');
    expect(await h.useCases.deliverDigest(turn('amal@example.com'), FIRST)).toBe('recorded-earlier');
    expect(statusOf('amal@example.com')).toMatchObject({ status: 'sent' });
    expect(await progress()).toMatchObject({ sent: 1, skipped: 0 });
  });

  it('gives a refused reader back to the queue with the claim released, the address masked in the log', async () => {
    h.mailer.failFor('badr@example.com');
    const refused = await h.useCases.deliverDigest(turn('badr@example.com'), FIRST).catch((error) => error);
    expect(refused).toBeInstanceOf(TurnDeferredError);
    expect(refused).toMatchObject({ name: 'TurnDeferredError', throttled: false });
    expect(statusOf('badr@example.com')).toBeUndefined();
    expect(await progress()).toMatchObject({ failed: 0, pending: 3 });
    expect(h.logger.entries.at(-1)).toEqual({
      level: 'warn',
      message: 'digest refused; the reader gets another turn',
      attributes: {
        edition: '1',
        recipient: 'b***@example.com',
        receiveCount: 1,
        error: 'Error: RecordingMailer: this recipient was told to fail',
      },
    });
    h.mailer.stopFailing();
    expect(await h.useCases.deliverDigest(turn('badr@example.com'), { receiveCount: 2, final: false })).toBe('sent');
    expect(h.mailer.sentTo('badr@example.com')).toHaveLength(1);
  });

  it('records a reader SES refused on the last try as failed, counted, and lets the turn be dead-lettered', async () => {
    h.mailer.failFor('badr@example.com');
    await expect(h.useCases.deliverDigest(turn('badr@example.com'), LAST)).rejects.toBeInstanceOf(TurnDeferredError);
    expect(statusOf('badr@example.com')).toMatchObject({ status: 'failed' });
    expect(await progress()).toMatchObject({ failed: 1, pending: 2 });
    expect(h.logger.entries.at(-1)).toEqual({
      level: 'error',
      message: 'digest refused on the last try; the reader is dead-lettered',
      attributes: {
        edition: '1',
        recipient: 'b***@example.com',
        receiveCount: MAX_RECEIVES,
        error: 'Error: RecordingMailer: this recipient was told to fail',
      },
    });
  });

  it('records an outcome that cannot be known as unknown, and never sends it again', async () => {
    let calls = 0;
    h.mailer.send = async () => {
      calls += 1;
      throw new MailOutcomeUnknownError('TimeoutError: no answer from SES');
    };
    expect(await h.useCases.deliverDigest(turn('badr@example.com'), FIRST)).toBe('unknown');
    expect(await h.useCases.deliverDigest(turn('badr@example.com'), { receiveCount: 2, final: false })).toBe(
      'recorded-earlier',
    );
    expect(calls).toBe(1);
    expect(h.pacer.backOffs).toEqual([]);
    expect(h.pacer.givenBack).toEqual([1]); // the first kept its place (SES may have counted it); the repeat did not use its own
    expect(statusOf('badr@example.com')).toMatchObject({
      status: 'unknown',
      reason: 'MailOutcomeUnknownError: TimeoutError: no answer from SES',
    });
    expect(await progress()).toMatchObject({ unknown: 1 });
    expect(h.logger.entries.at(-1)).toEqual({
      level: 'warn',
      message: 'digest outcome unknown; recorded, not resent',
      attributes: {
        edition: '1',
        recipient: 'b***@example.com',
        receiveCount: 1,
        error: 'MailOutcomeUnknownError: TimeoutError: no answer from SES',
      },
    });
  });

  it('defers a turn whose claim another attempt holds, and counts an abandoned claim unknown without sending', async () => {
    h.ledger.put({
      editionId: '1',
      email: 'amal@example.com',
      status: 'sending',
      claimedAt: h.clock.now().toISOString(),
    });
    const held = await h.useCases.deliverDigest(turn('amal@example.com'), FIRST).catch((error) => error);
    expect(held).toEqual(new TurnDeferredError('another attempt holds the claim'));
    expect(held).toMatchObject({ throttled: false });
    h.clock.advance(59_999);
    await expect(h.useCases.deliverDigest(turn('amal@example.com'), FIRST)).rejects.toBeInstanceOf(TurnDeferredError);
    h.clock.advance(1);
    expect(await h.useCases.deliverDigest(turn('amal@example.com'), { receiveCount: 2, final: false })).toBe('unknown');
    expect(h.mailer.sent).toEqual([]);
    expect(statusOf('amal@example.com')).toMatchObject({ status: 'unknown', reason: 'interrupted' });
    expect(await progress()).toMatchObject({ unknown: 1 });
    expect(h.logger.entries.at(-1)).toEqual({
      level: 'warn',
      message: 'digest send interrupted earlier; recorded as unknown',
      attributes: { edition: '1', recipient: 'a***@example.com', receiveCount: 2 },
    });
  });

  it('never resends a digest whose delivery record failed after SES took it, and says so', async () => {
    const record = h.ledger.record.bind(h.ledger);
    h.ledger.record = async () => {
      throw new Error('ProvisionedThroughputExceeded');
    };
    expect(await h.useCases.deliverDigest(turn('amal@example.com'), FIRST)).toBe('sent');
    h.ledger.record = record;
    await expect(h.useCases.deliverDigest(turn('amal@example.com'), FIRST)).rejects.toBeInstanceOf(TurnDeferredError);
    expect(h.mailer.sentTo('amal@example.com')).toHaveLength(1);
    expect(h.logger.entries.find((entry) => entry.level === 'warn')).toMatchObject({
      message: 'digest sent but its delivery record failed; the claim stays',
      attributes: { recipient: 'a***@example.com', error: 'Error: ProvisionedThroughputExceeded' },
    });
  });

  it('fails the turn (for the queue to repeat) when the ledger cannot be reached, having sent nothing', async () => {
    h.ledger.claim = async () => {
      throw new Error('ledger unavailable');
    };
    await expect(h.useCases.deliverDigest(turn('amal@example.com'), FIRST)).rejects.toThrow('ledger unavailable');
    expect(h.mailer.sent).toEqual([]);
  });

  it('keeps addresses quoted in a provider error out of the logs', async () => {
    h.mailer.send = async (email) => {
      throw new Error(`MessageRejected: Email address is not verified: ${email.to}, amal@example.com`);
    };
    await expect(h.useCases.deliverDigest(turn('badr@example.com'), FIRST)).rejects.toBeInstanceOf(TurnDeferredError);
    const logged = JSON.stringify(h.logger.entries);
    expect(logged).toContain('Email address is not verified: b***@example.com, a***@example.com');
    expect(logged).not.toMatch(/(amal|badr|carol)@/u);
  });
});

describe('deliverDigest: pacing and refusals', () => {
  it('takes the claim only once the rate lets the message go: a turn stopped while it waits leaves none', async () => {
    let release!: () => void;
    h.pacer.acquire = async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return { second: 0 };
    };
    const waiting = h.useCases.deliverDigest(turn('amal@example.com'), FIRST);
    await new Promise((resolve) => setImmediate(resolve));
    // Stopped here (a Lambda timing out), the turn has claimed nothing: its next turn simply sends.
    expect(statusOf('amal@example.com')).toBeUndefined();
    release();
    expect(await waiting).toBe('sent');
  });

  it('gives the claim back between tries of a refused message, and keeps it after the last', async () => {
    const claims: string[] = [];
    const claim = h.ledger.claim.bind(h.ledger);
    h.ledger.claim = async (editionId, email, at) => {
      claims.push(statusOf(email)?.status ?? 'none');
      return claim(editionId, email, at);
    };
    h.mailer.send = async () => {
      throw new MailRefusedError('ServiceUnavailable: later');
    };
    const deferred = await h.useCases.deliverDigest(turn('badr@example.com'), LAST).catch((error) => error);
    expect(deferred).toBeInstanceOf(TurnDeferredError);
    expect(deferred).toMatchObject({ throttled: false }); // refused, but not for going too fast
    expect(claims).toEqual(['none', 'none', 'none']);
    expect(statusOf('badr@example.com')).toMatchObject({ status: 'failed' });
  });

  it('tries a refused message again within the turn, backing off when SES said to slow down', async () => {
    const send = h.mailer.send.bind(h.mailer);
    const refusals = [
      new MailRefusedError('Throttling: Maximum sending rate exceeded.', 'throttled'),
      new MailRefusedError('ServiceUnavailable: later'),
    ];
    h.mailer.send = async (email) => {
      const next = refusals.shift();
      if (next) throw next;
      return send(email);
    };
    expect(await h.useCases.deliverDigest(turn('badr@example.com'), FIRST)).toBe('sent');
    expect(h.pacer.backOffs).toEqual([0]); // only the throttle backs off
    expect(h.pacer.acquired).toHaveLength(3); // each try takes its own place in the rate
    // and a refused one keeps it: SES answered, so it counted the call against the rate.
    expect(h.pacer.givenBack).toEqual([]);
  });

  it('gives the place of a try that never reached SES back: SES counted nothing', async () => {
    const send = h.mailer.send.bind(h.mailer);
    const refusals = [new MailRefusedError('ECONNREFUSED: connect', 'unreached')];
    h.mailer.send = async (email) => {
      const next = refusals.shift();
      if (next) throw next;
      return send(email);
    };
    expect(await h.useCases.deliverDigest(turn('badr@example.com'), FIRST)).toBe('sent');
    expect(h.pacer.acquired).toHaveLength(2);
    expect(h.pacer.givenBack).toEqual([0]);
    expect(h.pacer.backOffs).toEqual([]);
  });

  it(`defers the turn after ${SEND_ATTEMPTS} refusals, saying whether SES throttled`, async () => {
    let refused = 0;
    h.mailer.send = async () => {
      refused += 1;
      throw new MailRefusedError('Throttling: Maximum sending rate exceeded.', 'throttled');
    };
    const deferred = await h.useCases.deliverDigest(turn('badr@example.com'), FIRST).catch((error) => error);
    expect(deferred).toBeInstanceOf(TurnDeferredError);
    expect((deferred as TurnDeferredError).throttled).toBe(true);
    expect(refused).toBe(SEND_ATTEMPTS);
    expect(h.pacer.backOffs).toEqual([0, 1]);
  });

  it("tries a test copy (which no claim guards) again after a refusal, in the digests' share of the rate", async () => {
    const send = h.mailer.send.bind(h.mailer);
    let refused = false;
    h.mailer.send = async (email) => {
      if (!refused) {
        refused = true;
        throw new MailRefusedError('ServiceUnavailable: later');
      }
      return send(email);
    };
    expect(await h.useCases.sendTestDigest('editor@example.com')).toEqual({ messageId: 'recorded-1' });
    expect(h.pacer.acquired).toEqual(['digest', 'digest']);
    expect(h.mailer.sentTo('editor@example.com')).toHaveLength(1);
  });

  it('waits longer before each further turn of a refused reader, up to five minutes', () => {
    expect([1, 2, 3, 4, 5, 9, 20].map(retryDelaySeconds)).toEqual([2, 4, 8, 16, 32, 300, 300]);
  });
});

describe('a whole send through the queue', () => {
  it('reaches every reader once through refusals, dead-letters a reader refused every time, and says so', async () => {
    h.mailer.failFor('carol@example.com');
    const send = h.mailer.send.bind(h.mailer);
    let calls = 0;
    h.mailer.send = async (email) => {
      calls += 1;
      // Every other call is refused once, as a throttled SES would.
      if (calls % 2 === 0 && email.to !== 'carol@example.com') throw new MailRefusedError('Throttling', 'throttled');
      return send(email);
    };
    const { results } = await h.deliverQueued();
    expect(results).toMatchObject({ sent: 2, 'dead-lettered': 1, deferred: MAX_RECEIVES - 1 });
    expect(h.queue.deadLetters.map((dead) => dead.email)).toEqual(['carol@example.com']);
    expect(h.mailer.sentTo('amal@example.com')).toHaveLength(1);
    expect(h.mailer.sentTo('badr@example.com')).toHaveLength(1);
    expect(await h.useCases.digestProgress('1')).toMatchObject({
      id: '1',
      state: 'done',
      reports: 1,
      counts: { recipients: 3, sent: 2, failed: 1, unknown: 0, skipped: 0, pending: 0 },
    });
  });
});
