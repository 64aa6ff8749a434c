// What a digest send tells operators, and what its frozen edition records: the log lines they search for, with
// their attributes, and the reports an edition holds. The sending itself: send-digest.test.ts.
import { createHarness, ENGLISH_REPORT, FRENCH_REPORT, type Harness } from '../../../support/use-case-harness';

const READERS = ['amal@example.com', 'badr@example.com'];

let h: Harness;
/** The ids of the two reports, in the order they arrived. */
let reportIds: string[];
beforeEach(async () => {
  h = createHarness();
  const english = await h.useCases.ingestReport(ENGLISH_REPORT);
  h.clock.advance(60_000);
  const french = await h.useCases.ingestReport({ ...FRENCH_REPORT, language: 'fr' });
  reportIds = [english.report.id, french.report.id];
  for (const email of READERS) await h.addSubscriber(email, 'confirmed');
});

describe('sendDigest: the log', () => {
  it('logs the composed edition, then ends a send with one line carrying the whole summary', async () => {
    await h.useCases.sendDigest();
    expect(h.logger.entries).toEqual([
      {
        level: 'info',
        message: 'edition composed',
        attributes: { edition: '1', reports: 2, featured: 2, headlines: 0, htmlBytes: expect.any(Number) },
      },
      {
        level: 'info',
        message: 'digest fan-out finished',
        attributes: { edition: '1', status: 'queued', reports: 2, recipients: 2 },
      },
    ]);
    expect(h.logger.entries[0]!.attributes!.htmlBytes).toBeGreaterThan(0);
  });

  it('says so when no report came since the last edition, naming the period it looked at', async () => {
    await h.useCases.sendDigest();
    h.logger.entries.length = 0;
    await h.useCases.sendDigest();
    const now = h.clock.now().toISOString();
    expect(h.logger.entries).toEqual([
      { level: 'info', message: 'no report since the last edition; nothing sent', attributes: { until: now } },
    ]);
  });

  it('logs a retry with what it included and how many readers it queued, no address', async () => {
    await h.sendAndDeliver();
    h.logger.entries.length = 0;
    await h.useCases.retryDigest('1', ['failed', 'unknown']);
    expect(h.logger.entries).toEqual([
      {
        level: 'info',
        message: 'digest retry queued',
        attributes: { edition: '1', include: 'failed,unknown', requeued: 0 },
      },
    ]);
  });
});

describe('sendDigest: the edition', () => {
  it('takes the reports in the order they arrived, and the period it covers', async () => {
    expect(new Set(reportIds).size).toBe(2);
    const openedAt = h.clock.now().toISOString();
    await h.useCases.sendDigest();
    expect((await h.reports.listTaken('1')).map((entry) => entry.id)).toEqual(reportIds);
    expect(await h.editions.find('1')).toMatchObject({ number: 1, period: { until: openedAt }, openedAt });
  });
});
