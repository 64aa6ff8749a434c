// The week's digest through the UseCases facade: composed once and frozen by the first send, previewed, tested,
// and sent to every confirmed reader exactly once, each with their own unsubscribe link.
import { InvalidInputError } from '../../../../lambdas/core/domain/errors';
import type { Report } from '../../../../lambdas/core/domain/report';
import {
  createHarness,
  ENGLISH_REPORT,
  type Harness,
  SAMPLE_REPORT_AR,
  tokenFromLink,
} from '../../../support/use-case-harness';

const READERS = ['amal@example.com', 'badr@example.com', 'carol@example.com'];
const SAMPLE_TITLE = 'مقاتلو داعش يفرون من التنظيم بعدما أوشك على الانهيار';
const SUBJECT = 'موجز الأسبوع · 23–29 نوفمبر 2026';
const PLACEHOLDER = 'https://unsubscribe.mujaz.invalid/placeholder';

/** A report of 2026-W48 put straight into the store, as if it had come in before the week was frozen. */
const SAME_WEEK_REPORT: Report = {
  id: 'same-week-report-00000001',
  title: 'Arrived late',
  body: 'This report came in after the send started.\nIt belongs to the same week.',
  language: 'en',
  receivedAt: '2026-11-25T09:00:00.000Z',
  week: '2026-W48',
  summary: ['This report came in after the send started.'],
  keyPhrases: [],
};

/** The Arabic sample, then an hour later the English report; three confirmed readers, one pending, one gone. */
async function digestHarness(options: { sendConcurrency?: number } = {}): Promise<Harness> {
  const harness = createHarness(options);
  await harness.useCases.ingestReport({ plainText: SAMPLE_REPORT_AR });
  harness.clock.advance(3_600_000);
  await harness.useCases.ingestReport(ENGLISH_REPORT);
  for (const email of READERS) await harness.addSubscriber(email, 'confirmed');
  await harness.addSubscriber('pending@example.com', 'pending');
  await harness.addSubscriber('gone@example.com', 'unsubscribed');
  return harness;
}

/** An email body with every per-reader token blanked out. */
function withoutTokens(body: string): string {
  return body.replace(/token=[^"&\s\]<>]+/gu, 'token=…');
}

const recipients = (harness: Harness) => harness.mailer.sent.map((mail) => mail.to).sort();

let h: Harness;
beforeEach(async () => {
  h = await digestHarness();
});

describe('sendDigest', () => {
  it('keeps up to sendConcurrency messages in flight at once, and at least one', async () => {
    const peakInFlight = async (sendConcurrency: number): Promise<number> => {
      const harness = await digestHarness({ sendConcurrency });
      for (const email of ['dana@example.com', 'ehab@example.com', 'fadi@example.com']) {
        await harness.addSubscriber(email, 'confirmed');
      }
      const send = harness.mailer.send.bind(harness.mailer);
      let inFlight = 0;
      let peak = 0;
      harness.mailer.send = async (email) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        return send(email);
      };
      expect(await harness.useCases.sendDigest()).toMatchObject({ sent: 6 });
      return peak;
    };
    expect(await peakInFlight(4)).toBe(4);
    expect(await peakInFlight(0)).toBe(1);
  });

  it('sends one email to each confirmed reader, and no one else', async () => {
    const summary = await h.useCases.sendDigest();
    expect(summary).toEqual({ week: '2026-W48', status: 'sent', reports: 2, sent: 3, alreadySent: 0, failed: 0 });
    expect(recipients(h)).toEqual(READERS);
    const deliveries = h.ledger.deliveriesOf('2026-W48').map((record) => [record.email, record.status]);
    expect(deliveries.sort()).toEqual(READERS.map((email) => [email, 'sent']));
    expect(h.ledger.editionIds()).toEqual(['2026-W48']);
  });

  it('renders the edition once, both reports in arrival order, each in its own language and direction', async () => {
    await h.useCases.sendDigest();
    expect(h.renderer.digests).toHaveLength(1);
    const view = h.renderer.digests[0]!;
    expect(view).toMatchObject({ subject: SUBJECT, period: '23–29 نوفمبر 2026', language: 'ar', direction: 'rtl' });
    expect(view.items.map(({ title, language, direction, align }) => ({ title, language, direction, align }))).toEqual([
      { title: SAMPLE_TITLE, language: 'ar', direction: 'rtl', align: 'right' },
      { title: ENGLISH_REPORT.title, language: 'en', direction: 'ltr', align: 'left' },
    ]);
    const stored = await h.reports.listByWeek('2026-W48');
    expect(view.items.map((item) => item.summary)).toEqual(stored.map((report) => report.summary));
    const [first, ...rest] = h.mailer.sent;
    expect(first!.subject).toBe(SUBJECT);
    for (const sentence of view.items[1]!.summary) expect(first!.text).toContain(sentence);
    for (const mail of rest) {
      expect(mail.subject).toBe(SUBJECT);
      expect(withoutTokens(mail.html)).toBe(withoutTokens(first!.html));
    }
  });

  it('gives every reader their own one-click unsubscribe link, in the headers, html and text', async () => {
    await h.useCases.sendDigest();
    const urls = new Set<string>();
    for (const mail of h.mailer.sent) {
      const header = mail.headers?.['List-Unsubscribe'];
      expect(header).toMatch(/^<https:\/\/mujaz\.example\/api\/unsubscribe\?token=[^>]+>$/u);
      expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      const url = header!.slice(1, -1);
      urls.add(url);
      expect(h.tokens.verify(tokenFromLink(url, '/unsubscribe'), 'unsubscribe', h.clock.now()).email).toBe(mail.to);
      expect(mail.html).toContain(`href="${url}"`);
      expect(mail.text).toContain(url);
      expect(mail.html).not.toContain(PLACEHOLDER);
      expect(mail.text).not.toContain(PLACEHOLDER);
    }
    expect(urls.size).toBe(READERS.length);
  });

  it('lets a reader leave through the link in their digest', async () => {
    await h.useCases.sendDigest();
    await h.useCases.unsubscribe(tokenFromLink(h.mailer.sentTo('badr@example.com')[0]!.html, '/unsubscribe'));
    expect((await h.subscribers.find('badr@example.com'))?.status).toBe('unsubscribed');
    expect((await h.subscribers.find('amal@example.com'))?.status).toBe('confirmed');
  });

  it('sends nothing when run again for the same week', async () => {
    await h.useCases.sendDigest();
    const again = await h.useCases.sendDigest();
    expect(again).toEqual({ week: '2026-W48', status: 'sent', reports: 2, sent: 0, alreadySent: 3, failed: 0 });
    expect(h.mailer.sent).toHaveLength(READERS.length);
  });

  it('serves the frozen edition on later runs, though the same week has gained a report since', async () => {
    await h.useCases.sendDigest();
    const edition = await h.ledger.findEdition('2026-W48');
    await h.reports.saveIfAbsent(SAME_WEEK_REPORT);
    expect((await h.reports.listByWeek('2026-W48')).map((report) => report.title)).toContain('Arrived late');
    await h.addSubscriber('late@example.com', 'confirmed');

    const again = await h.useCases.sendDigest();
    expect(again).toEqual({ week: '2026-W48', status: 'sent', reports: 2, sent: 1, alreadySent: 3, failed: 0 });
    const late = h.mailer.sentTo('late@example.com');
    expect(late).toHaveLength(1);
    expect(late[0]!.subject).toBe(h.mailer.sent[0]!.subject);
    expect(withoutTokens(late[0]!.html)).toBe(withoutTokens(h.mailer.sent[0]!.html));
    expect(withoutTokens(late[0]!.text)).toBe(withoutTokens(h.mailer.sent[0]!.text));
    expect(late[0]!.text).not.toContain('Arrived late');
    expect(h.renderer.digests).toHaveLength(1);
    expect(await h.ledger.findEdition('2026-W48')).toEqual(edition);
  });

  it('reaches a reader who confirmed after the first run, and nobody else', async () => {
    await h.useCases.sendDigest();
    await h.addSubscriber('late@example.com', 'confirmed');
    expect(await h.useCases.sendDigest()).toMatchObject({ sent: 1, alreadySent: READERS.length });
    expect(h.mailer.sent.slice(READERS.length).map((mail) => mail.to)).toEqual(['late@example.com']);
  });

  it('counts a failed delivery, sends to the others, and retries only the failed reader on the next run', async () => {
    h.mailer.failFor('badr@example.com');
    expect(await h.useCases.sendDigest()).toMatchObject({ sent: 2, failed: 1, alreadySent: 0 });
    expect(recipients(h)).toEqual(['amal@example.com', 'carol@example.com']);
    expect(h.ledger.deliveriesOf().map((record) => record.email)).not.toContain('badr@example.com');
    const failure = h.logger.entries.find((entry) => entry.level === 'error');
    expect(failure?.attributes).toMatchObject({ week: '2026-W48', recipient: 'b***@example.com' });
    expect(JSON.stringify(h.logger.entries)).not.toContain('badr@example.com');

    h.mailer.stopFailing();
    expect(await h.useCases.sendDigest()).toMatchObject({ sent: 1, failed: 0, alreadySent: 2 });
    expect(h.mailer.sent.slice(2).map((mail) => mail.to)).toEqual(['badr@example.com']);
    expect(withoutTokens(h.mailer.sent[2]!.html)).toBe(withoutTokens(h.mailer.sent[0]!.html));
  });

  it('fails the run when the ledger fails, and a rerun reaches only the readers it missed', async () => {
    const one = await digestHarness({ sendConcurrency: 1 });
    const claim = one.ledger.claim.bind(one.ledger);
    one.ledger.claim = async (editionId, email, at) => {
      if (email === 'badr@example.com') throw new Error('ledger unavailable');
      return claim(editionId, email, at);
    };
    await expect(one.useCases.sendDigest()).rejects.toThrow('ledger unavailable');
    expect(recipients(one)).toEqual(['amal@example.com']);

    one.ledger.claim = claim;
    expect(await one.useCases.sendDigest()).toMatchObject({ sent: 2, alreadySent: 1, failed: 0 });
    expect(recipients(one)).toEqual(READERS);
  });

  it('never resends a digest whose delivery record failed after the mailer took it, and says so', async () => {
    const recordSent = h.ledger.recordSent.bind(h.ledger);
    h.ledger.recordSent = async (editionId, email, messageId, at) => {
      if (email === 'amal@example.com') throw new Error('throttled');
      return recordSent(editionId, email, messageId, at);
    };
    expect(await h.useCases.sendDigest()).toMatchObject({ sent: 3, failed: 0 });
    h.ledger.recordSent = recordSent;
    expect(await h.useCases.sendDigest()).toMatchObject({ sent: 0, alreadySent: 3 });
    expect(h.mailer.sentTo('amal@example.com')).toHaveLength(1);
    const warning = h.logger.entries.find((entry) => entry.level === 'warn');
    expect(warning?.message).toContain('delivery record failed');
    expect(warning?.attributes).toMatchObject({ recipient: 'a***@example.com', error: 'Error: throttled' });
  });

  it('keeps addresses quoted in a provider error out of the logs', async () => {
    h.mailer.send = async (email) => {
      throw new Error(`MessageRejected: Email address is not verified: ${email.to}, amal@example.com`);
    };
    expect(await h.useCases.sendDigest()).toMatchObject({ sent: 0, failed: 3 });
    const logged = JSON.stringify(h.logger.entries);
    expect(logged).toContain('Email address is not verified: b***@example.com, a***@example.com');
    expect(logged).not.toMatch(/(amal|badr|carol)@/u);
  });

  it("answers 'no-reports', renders and sends nothing for a week without reports", async () => {
    expect(await h.useCases.sendDigest('2026-W40')).toEqual({
      week: '2026-W40',
      status: 'no-reports',
      reports: 0,
      sent: 0,
      alreadySent: 0,
      failed: 0,
    });
    expect(h.mailer.sent).toEqual([]);
    expect(h.renderer.digests).toEqual([]);
    expect(h.ledger.editionIds()).toEqual([]);
  });

  it('sends the current week when none is named, in the newsletter time zone', async () => {
    h.clock.set('2026-11-29T22:00:00Z'); // Sunday in UTC, Monday 30 November (W49) in Riyadh
    expect(await h.useCases.sendDigest()).toMatchObject({ week: '2026-W49', status: 'no-reports' });
    expect(h.useCases.weekId()).toBe('2026-W49');
    expect(h.useCases.weekId('2026-W01')).toBe('2026-W01');
  });

  it('rejects a week that does not exist', async () => {
    await expect(h.useCases.sendDigest('2026-W54')).rejects.toBeInstanceOf(InvalidInputError);
    expect(() => h.useCases.weekId('2026-48')).toThrow(InvalidInputError);
    expect(h.mailer.sent).toEqual([]);
  });

  it("puts a report that arrives after its week was sent into next week's digest", async () => {
    await h.useCases.sendDigest();
    const late = await h.useCases.ingestReport({
      title: 'Arrived after the send',
      body: 'One sentence here. Another sentence there. And a third one.',
    });
    expect(late.report.week).toBe('2026-W49');
    h.clock.advance(7 * 86_400_000);
    expect(await h.useCases.sendDigest()).toMatchObject({ week: '2026-W49', sent: 3, reports: 1 });
    expect(h.renderer.digests.at(-1)!.items.map((item) => item.title)).toEqual(['Arrived after the send']);
    expect(h.mailer.sent.at(-1)!.html).toContain('Arrived after the send');
  });
});

describe('previewDigest', () => {
  it('shows the edition and counts, sends nothing and freezes nothing', async () => {
    const preview = await h.useCases.previewDigest();
    expect(preview).toMatchObject({ week: '2026-W48', reports: 2, recipients: 3, frozen: false, subject: SUBJECT });
    expect(preview.html).toContain('<html lang="ar" dir="rtl"');
    expect(preview.html).toContain(PLACEHOLDER);
    expect(h.mailer.sent).toEqual([]);
    expect(h.ledger.editionIds()).toEqual([]);
    expect(h.ledger.deliveriesOf()).toEqual([]);
    // Not frozen: a report that arrives now still makes it into the send.
    await h.useCases.ingestReport({
      title: 'Arrived after the preview',
      body: 'It still makes the digest. Nothing was frozen yet.',
    });
    expect((await h.useCases.previewDigest()).reports).toBe(3);
    expect(await h.useCases.sendDigest()).toMatchObject({ reports: 3 });
    expect(h.mailer.sent[0]!.text).toContain('Arrived after the preview');
  });

  it('shows exactly the frozen edition once a send has run, though the same week has gained a report since', async () => {
    await h.useCases.sendDigest();
    const edition = (await h.ledger.findEdition('2026-W48'))!;
    await h.reports.saveIfAbsent(SAME_WEEK_REPORT);
    const preview = await h.useCases.previewDigest();
    expect(preview).toEqual({
      week: '2026-W48',
      reports: 2,
      recipients: 3,
      frozen: true,
      subject: edition.subject,
      html: edition.html,
      text: edition.text,
    });
    expect(preview.text).not.toContain('Arrived late');
    expect(h.renderer.digests).toHaveLength(1);
  });

  it('renders an empty edition for a week without reports, and stores nothing', async () => {
    const preview = await h.useCases.previewDigest('2026-W40');
    expect(preview).toMatchObject({ week: '2026-W40', reports: 0, frozen: false });
    expect(h.renderer.digests.at(-1)).toMatchObject({ items: [], period: '28 سبتمبر – 4 أكتوبر 2026' });
    expect(h.ledger.editionIds()).toEqual([]);
  });

  it("uses an English newsletter's labels", async () => {
    const english = createHarness({ newsletter: { name: 'Brief', language: 'en' } });
    await english.useCases.ingestReport(ENGLISH_REPORT);
    const preview = await english.useCases.previewDigest();
    // Intl writes a thin space (U+2009) on each side of the dash of an English date range.
    expect(preview.subject).toBe('The week in brief · 23\u2009–\u200929 November 2026');
    expect(english.renderer.digests[0]).toMatchObject({
      language: 'en',
      direction: 'ltr',
      footer: 'You receive this because you subscribed to Brief.',
    });
  });
});

describe('sendTestDigest', () => {
  it('sends the edition to the given address with the test prefix, and records nothing', async () => {
    const result = await h.useCases.sendTestDigest('  Editor@Example.com ');
    expect(result).toEqual({ week: '2026-W48', messageId: 'recorded-1' });
    expect(h.mailer.sent).toHaveLength(1);
    const mail = h.mailer.sent[0]!;
    expect(mail.to).toBe('editor@example.com');
    expect(mail.subject).toBe(`[تجربة] ${SUBJECT}`);
    const url = mail.headers?.['List-Unsubscribe']?.slice(1, -1);
    expect(url && h.tokens.verify(tokenFromLink(url, '/unsubscribe'), 'unsubscribe', h.clock.now()).email).toBe(
      'editor@example.com',
    );
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).not.toContain(PLACEHOLDER);
    expect(h.ledger.deliveriesOf()).toEqual([]);
    expect(h.ledger.editionIds()).toEqual([]);
  });

  it('can be repeated, and does not stop the real send from reaching that address', async () => {
    await h.addSubscriber('editor@example.com', 'confirmed');
    await h.useCases.sendTestDigest('editor@example.com');
    await h.useCases.sendTestDigest('editor@example.com');
    expect(h.mailer.sentTo('editor@example.com')).toHaveLength(2);
    await h.useCases.sendDigest();
    expect(h.mailer.sentTo('editor@example.com')).toHaveLength(3);
  });

  it('sends the frozen edition once a send has run', async () => {
    await h.useCases.sendDigest();
    await h.reports.saveIfAbsent(SAME_WEEK_REPORT);
    await h.useCases.sendTestDigest('editor@example.com');
    const test = h.mailer.sentTo('editor@example.com')[0]!;
    expect(test.subject).toBe(`[تجربة] ${SUBJECT}`);
    expect(withoutTokens(test.html)).toBe(withoutTokens(h.mailer.sent[0]!.html));
    expect(h.renderer.digests).toHaveLength(1);
  });

  it('rejects a bad address', async () => {
    await expect(h.useCases.sendTestDigest('nobody')).rejects.toBeInstanceOf(InvalidInputError);
    expect(h.mailer.sent).toEqual([]);
  });
});
