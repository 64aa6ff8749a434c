// What the use cases count, through the UseCases facade: each business event once, where its outcome is decided,
// and nothing for a repeat (a duplicate turn, a second click, the same report again) or a turn that is not over.

import { MailOutcomeUnknownError, MailRefusedError, TurnDeferredError } from '../../../../lambdas/core/domain/errors';
import { METRIC_NAMES } from '../../../../lambdas/core/domain/metric-names';
import {
  createHarness,
  ENGLISH_REPORT,
  FRENCH_REPORT,
  type Harness,
  MAX_RECEIVES,
  rejection,
  SUBSCRIBES_PER_CLIENT_PER_MINUTE,
  tokenFromLink,
} from '../../../support/use-case-harness';

const FIRST = { receiveCount: 1, final: false };
const LAST = { receiveCount: MAX_RECEIVES, final: true };
const READER = 'amal@example.com';
const turn = (email = READER) => ({ editionId: '1', email });
const throttle = () => new MailRefusedError('Throttling: Maximum sending rate exceeded.', 'throttled');

let h: Harness;
beforeEach(() => {
  h = createHarness({ staleClaimMs: 60_000 });
});

describe('the delivery of one reader, counted once its outcome is recorded', () => {
  beforeEach(async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.addSubscriber(READER, 'confirmed');
    await h.useCases.sendDigest();
    h.metrics.clear();
  });

  it('counts a digest SES took as sent, and a repeated turn of the same reader not at all', async () => {
    expect(await h.useCases.deliverDigest(turn(), FIRST)).toBe('sent');
    expect(await h.useCases.deliverDigest(turn(), FIRST)).toBe('recorded-earlier');
    expect(h.metrics.counted).toEqual([METRIC_NAMES.digestsSent]);
  });

  it('counts a reader SES refused on the last try as failed only, even when SES throttled', async () => {
    h.mailer.failWith(throttle, READER);
    await expect(h.useCases.deliverDigest(turn(), LAST)).rejects.toBeInstanceOf(TurnDeferredError);
    expect(h.metrics.counted).toEqual([METRIC_NAMES.digestsFailed]);
  });

  it('counts a turn SES throttled as throttled, not failed, and the reader as sent once a later turn gets through', async () => {
    h.mailer.failWith(throttle, READER);
    await expect(h.useCases.deliverDigest(turn(), FIRST)).rejects.toMatchObject({ throttled: true });
    expect(h.metrics.counted).toEqual([METRIC_NAMES.digestsThrottled]);
    h.mailer.stopFailing();
    expect(await h.useCases.deliverDigest(turn(), { receiveCount: 2, final: false })).toBe('sent');
    expect(h.metrics.counted).toEqual([METRIC_NAMES.digestsThrottled, METRIC_NAMES.digestsSent]);
  });

  it('counts nothing for a turn refused for another reason that comes again', async () => {
    h.mailer.failWith(() => new MailRefusedError('ServiceUnavailable: later'), READER);
    await expect(h.useCases.deliverDigest(turn(), FIRST)).rejects.toMatchObject({ throttled: false });
    expect(h.metrics.counted).toEqual([]);
  });

  it('counts an outcome SES left unknown as unknown, once', async () => {
    h.mailer.failWith(() => new MailOutcomeUnknownError('TimeoutError: no answer from SES'), READER);
    expect(await h.useCases.deliverDigest(turn(), FIRST)).toBe('unknown');
    expect(await h.useCases.deliverDigest(turn(), FIRST)).toBe('recorded-earlier');
    expect(h.metrics.counted).toEqual([METRIC_NAMES.digestsUnknown]);
  });

  it('counts nothing while another attempt holds the claim, and unknown once that claim is found abandoned', async () => {
    h.ledger.put({ editionId: '1', email: READER, status: 'sending', claimedAt: h.clock.now().toISOString() });
    await expect(h.useCases.deliverDigest(turn(), LAST)).rejects.toBeInstanceOf(TurnDeferredError);
    expect(h.metrics.counted).toEqual([]);
    h.clock.advance(60_000);
    expect(await h.useCases.deliverDigest(turn(), FIRST)).toBe('unknown');
    expect(h.metrics.counted).toEqual([METRIC_NAMES.digestsUnknown]);
  });

  it('counts a reader who left before their turn as skipped', async () => {
    await h.addSubscriber(READER, 'unsubscribed');
    expect(await h.useCases.deliverDigest(turn(), FIRST)).toBe('skipped');
    expect(h.metrics.counted).toEqual([METRIC_NAMES.digestsSkipped]);
  });

  it('counts what the ledger recorded: a digest whose record failed is counted when a later turn records it', async () => {
    const record = h.ledger.record.bind(h.ledger);
    h.ledger.record = async () => {
      throw new Error('ProvisionedThroughputExceeded');
    };
    expect(await h.useCases.deliverDigest(turn(), FIRST)).toBe('sent');
    expect(h.metrics.counted).toEqual([]);
    h.ledger.record = record;
    h.clock.advance(60_000);
    expect(await h.useCases.deliverDigest(turn(), FIRST)).toBe('unknown');
    expect(h.metrics.counted).toEqual([METRIC_NAMES.digestsUnknown]);
  });
});

describe('subscriptions', () => {
  it('counts a subscribe request once queued, and none the rate limit turned away', async () => {
    for (let n = 0; n < SUBSCRIBES_PER_CLIENT_PER_MINUTE; n += 1)
      await h.useCases.requestSubscription(`reader${n}@example.com`, { via: 'form' }, '192.0.2.7');
    await rejection(h.useCases.requestSubscription('one-too-many@example.com', { via: 'form' }, '192.0.2.7'));
    expect(h.metrics.counted).toEqual(
      Array.from({ length: SUBSCRIBES_PER_CLIENT_PER_MINUTE }, () => METRIC_NAMES.subscriptionsRequested),
    );
  });

  it('counts a confirmation email SES took, none within the cooldown and none SES refused', async () => {
    await h.useCases.subscribe(READER, { via: 'api' });
    await h.useCases.subscribe(READER, { via: 'api' });
    h.mailer.failWith(() => new MailRefusedError('ServiceUnavailable: later'), 'badr@example.com');
    await rejection(h.useCases.subscribe('badr@example.com', { via: 'api' }));
    expect(h.metrics.counted).toEqual([METRIC_NAMES.confirmationsSent]);
  });

  it('counts the click that confirmed a subscription, not a repeated one', async () => {
    await h.useCases.subscribe(READER, { via: 'api' });
    const token = tokenFromLink(h.mailer.sent.at(-1)!.html, '/subscriptions/confirm');
    h.metrics.clear();
    await h.useCases.confirmSubscription(token);
    await h.useCases.confirmSubscription(token);
    expect(h.metrics.counted).toEqual([METRIC_NAMES.subscriptionsConfirmed]);
  });

  it('counts the goodbye page\'s "subscribe again" as a subscribe request', async () => {
    await h.addSubscriber(READER, 'unsubscribed');
    await h.useCases.resubscribe(await h.tokenFor(READER, 'unsubscribe'));
    expect(h.metrics.counted).toEqual([METRIC_NAMES.subscriptionsRequested]);
  });
});

describe('reports', () => {
  it('counts a report stored, not the same report again nor one turned away, alone or in a batch', async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await rejection(h.useCases.ingestReport({ json: { title: 'T', text: 'One sentence only.' } }));
    expect(h.metrics.counted).toEqual([METRIC_NAMES.reportsIngested]);
    h.metrics.clear();
    // Two requests with the same report at once: both find none stored, and only the one that stores it counts.
    jest.spyOn(h.reports, 'findById').mockResolvedValueOnce(undefined);
    await h.useCases.ingestReport(ENGLISH_REPORT);
    expect(h.metrics.counted).toEqual([]);
    const batch = await h.useCases.ingestReportBatch([
      { title: FRENCH_REPORT.title, text: FRENCH_REPORT.body, language: 'fr' },
      { title: ENGLISH_REPORT.title, text: ENGLISH_REPORT.body, lede: ENGLISH_REPORT.lede },
      { title: 'T', text: 'One sentence only.' },
    ]);
    expect(batch).toMatchObject({ created: 1, existing: 1, rejected: 1 });
    expect(h.metrics.counted).toEqual([METRIC_NAMES.reportsIngested]);
  });
});
