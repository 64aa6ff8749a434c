// What a digest send tells operators, and what its frozen edition records: the log lines they search for, with
// their attributes, and the reports an edition holds. The sending itself: send-digest.test.ts.
import { createHarness, ENGLISH_REPORT, FRENCH_REPORT, type Harness } from '../../../support/use-case-harness';

const READERS = ['amal@example.com', 'badr@example.com'];

let h: Harness;
/** The ids of the two reports of 2026-W48, in the order they arrived. */
let reportIds: string[];
beforeEach(async () => {
  h = createHarness({ sendConcurrency: 1 });
  const english = await h.useCases.ingestReport(ENGLISH_REPORT);
  h.clock.advance(60_000);
  const french = await h.useCases.ingestReport({ ...FRENCH_REPORT, language: 'fr' });
  reportIds = [english.report.id, french.report.id];
  for (const email of READERS) await h.addSubscriber(email, 'confirmed');
});

describe('sendDigest: the log', () => {
  it('ends a send with one line carrying the whole summary', async () => {
    await h.useCases.sendDigest();
    expect(h.logger.entries).toEqual([
      {
        level: 'info',
        message: 'digest send finished',
        attributes: { week: '2026-W48', status: 'sent', reports: 2, sent: 2, alreadySent: 0, failed: 0 },
      },
    ]);
  });

  it('says so when a week has no reports, naming the week', async () => {
    await h.useCases.sendDigest('2026-W40');
    expect(h.logger.entries).toEqual([
      { level: 'info', message: 'no reports this week; nothing sent', attributes: { week: '2026-W40' } },
    ]);
  });

  it('logs a failed delivery as an error that says the claim was released, the address masked', async () => {
    h.mailer.failFor('badr@example.com');
    await h.useCases.sendDigest();
    expect(h.logger.entries).toEqual([
      {
        level: 'error',
        message: 'digest delivery failed; claim released for a later run',
        attributes: {
          week: '2026-W48',
          recipient: 'b***@example.com',
          error: 'Error: RecordingMailer: this recipient was told to fail',
        },
      },
      {
        level: 'info',
        message: 'digest send finished',
        attributes: { week: '2026-W48', status: 'sent', reports: 2, sent: 1, alreadySent: 0, failed: 1 },
      },
    ]);
  });
});

describe('sendDigest: the frozen edition', () => {
  it("records the ids of the week's reports, in the order they arrived", async () => {
    expect(new Set(reportIds).size).toBe(2);
    await h.useCases.sendDigest();
    expect((await h.ledger.findEdition('2026-W48'))?.reportIds).toEqual(reportIds);
  });
});
