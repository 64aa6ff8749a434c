// Editions through the UseCases facade: each takes every report no earlier edition took, is rendered once and
// frozen, and every confirmed reader is queued once and reached once, each with their own unsubscribe link. One
// reader's turn in detail: deliver-digest.test.ts.
import { InvalidInputError, NotFoundError } from '../../../../lambdas/core/domain/errors';
import { INSTANT_RULE } from '../../../../lambdas/core/domain/instant';
import { FAN_OUT_PAGE_SIZE } from '../../../../lambdas/core/use-cases/send-digest';
import {
  createHarness,
  ENGLISH_REPORT,
  type Harness,
  PUBLIC_BASE_URL,
  SAMPLE_REPORT_AR,
  tokenFromLink,
} from '../../../support/use-case-harness';

const READERS = ['amal@example.com', 'badr@example.com', 'carol@example.com'];
const SAMPLE_TITLE = 'مقاتلو داعش يفرون من التنظيم بعدما أوشك على الانهيار';
/** Both reports arrive on Tuesday 24 November (Asia/Riyadh). */
const SUBJECT = 'موجز الأسبوع · 24 نوفمبر 2026';
const PLACEHOLDER = 'https://unsubscribe.mujaz.invalid/placeholder';
const LATE_REPORT = {
  title: 'Arrived after the send',
  body: 'One sentence here. Another sentence there. And a third one.',
};

/** The Arabic sample, then an hour later the English report; three confirmed readers, one pending, one gone. */
async function digestHarness(options: { featuredReports?: number } = {}): Promise<Harness> {
  const harness = createHarness(options);
  await harness.useCases.ingestReport({ plainText: SAMPLE_REPORT_AR });
  harness.clock.advance(3_600_000);
  await harness.useCases.ingestReport(ENGLISH_REPORT);
  harness.clock.advance(60_000);
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
const states = async (harness: Harness) => harness.editions.all().map(({ id, state }) => ({ id, state }));

let h: Harness;
beforeEach(async () => {
  h = await digestHarness();
});

describe('sendDigest', () => {
  it('opens edition 1 with every report, queues each confirmed reader once, and each gets one email', async () => {
    const summary = await h.useCases.sendDigest();
    expect(summary).toEqual({ edition: '1', status: 'queued', reports: 2, recipients: 3 });
    expect(h.queue.enqueued.map((turn) => turn.email).sort()).toEqual(READERS);
    expect(h.mailer.sent).toEqual([]);
    expect(await states(h)).toEqual([{ id: '1', state: 'queued' }]);

    expect((await h.deliverQueued()).results).toMatchObject({ sent: 3, deferred: 0, skipped: 0 });
    expect(recipients(h)).toEqual(READERS);
    const deliveries = h.ledger.deliveriesOf('1').map((record) => [record.email, record.status]);
    expect(deliveries.sort()).toEqual(READERS.map((email) => [email, 'sent']));
    for (const report of h.reports.all()) expect(h.reports.editionOf(report.id)).toBe('1');
  });

  it('renders the edition once per language, both reports in arrival order, each in its own language and direction', async () => {
    await h.sendAndDeliver();
    // The newsletter's own words in Arabic, and in English for readers who chose it: two renderings, no more.
    expect(h.renderer.digests.map((digest) => digest.language)).toEqual(['ar', 'en']);
    const view = h.renderer.digests[0]!;
    expect(view).toMatchObject({ subject: SUBJECT, period: '24 نوفمبر 2026', language: 'ar', direction: 'rtl' });
    expect(view.items.map(({ title, language, direction, align }) => ({ title, language, direction, align }))).toEqual([
      { title: SAMPLE_TITLE, language: 'ar', direction: 'rtl', align: 'right' },
      { title: ENGLISH_REPORT.title, language: 'en', direction: 'ltr', align: 'left' },
    ]);
    expect(view.items.map((item) => item.summary)).toEqual(h.reports.all().map((report) => report.summary));
    expect(view).toMatchObject({ headlines: [], unlisted: '', webUrl: `${PUBLIC_BASE_URL}/archive/1` });
    const [first, ...rest] = h.mailer.sent;
    expect(first!.subject).toBe(SUBJECT);
    for (const sentence of view.items[1]!.summary) expect(first!.text).toContain(sentence);
    for (const mail of rest) {
      expect(mail.subject).toBe(SUBJECT);
      expect(withoutTokens(mail.html)).toBe(withoutTokens(first!.html));
    }
  });

  it("speaks each reader's language around the reports: English words for a reader who chose English", async () => {
    await h.addSubscriber('english@example.com', 'confirmed');
    await h.addSubscriber('french@example.com', 'confirmed');
    const stored = async (email: string, language: string) => {
      const reader = await h.subscribers.find(email);
      await h.subscribers.save({ ...reader!, language });
    };
    await stored('english@example.com', 'en');
    await stored('french@example.com', 'fr');
    await h.sendAndDeliver();
    const [english] = h.mailer.sentTo('english@example.com');
    expect(english!.subject).toBe('The week in brief · 24 November 2026');
    expect(english!.text).toContain('Unsubscribe');
    expect(english!.text).toContain(SAMPLE_TITLE);
    expect(english!.html).toMatch(/<html[^>]*lang="en"[^>]*dir="ltr"/u);
    // No words in French: the newsletter's own language, as for every other reader.
    expect(h.mailer.sentTo('french@example.com')[0]!.subject).toBe(SUBJECT);
    expect(h.mailer.sentTo('amal@example.com')[0]!.subject).toBe(SUBJECT);
  });

  it('gives every reader their own one-click unsubscribe link, in the headers, html and text', async () => {
    await h.sendAndDeliver();
    const urls = new Set<string>();
    for (const mail of h.mailer.sent) {
      const header = mail.headers?.['List-Unsubscribe'];
      expect(header).toMatch(/^<https:\/\/mujaz\.example\/api\/unsubscribe\?token=[^>]+>$/u);
      expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      const url = header!.slice(1, -1);
      urls.add(url);
      const { subscription } = h.tokens.verify(tokenFromLink(url, '/unsubscribe'), 'unsubscribe', h.clock.now());
      expect(subscription).toBe((await h.subscribers.find(mail.to))?.subscriptionId);
      expect(mail.html).toContain(`href="${url}"`);
      expect(mail.text).toContain(url);
      expect(mail.html).not.toContain(PLACEHOLDER);
      expect(mail.text).not.toContain(PLACEHOLDER);
    }
    expect(urls.size).toBe(READERS.length);
  });

  it('lets a reader leave through the link in their digest', async () => {
    await h.sendAndDeliver();
    await h.useCases.unsubscribe(tokenFromLink(h.mailer.sentTo('badr@example.com')[0]!.html, '/unsubscribe'));
    expect((await h.subscribers.find('badr@example.com'))?.status).toBe('unsubscribed');
    expect((await h.subscribers.find('amal@example.com'))?.status).toBe('confirmed');
  });

  it('finds nothing to send when run again, records the empty run, and opens no edition', async () => {
    await h.sendAndDeliver();
    h.clock.advance(60_000);
    expect(await h.useCases.sendDigest()).toEqual({ status: 'no-reports', reports: 0, recipients: 0 });
    expect(h.queue.enqueued).toHaveLength(READERS.length);
    expect(h.mailer.sent).toHaveLength(READERS.length);
    expect(h.editions.emptyRuns).toEqual([{ at: h.clock.now().toISOString(), until: h.clock.now().toISOString() }]);
    expect(await states(h)).toEqual([{ id: '1', state: 'queued' }]);
  });

  it('mails a report that arrives after a send in the next edition, and only that report', async () => {
    await h.sendAndDeliver();
    h.clock.advance(60_000);
    const late = await h.useCases.ingestReport(LATE_REPORT);
    expect(await h.sendAndDeliver()).toMatchObject({
      edition: '2',
      status: 'queued',
      reports: 1,
      recipients: 3,
      results: { sent: 3 },
    });
    expect(h.renderer.digests.at(-1)!.items.map((item) => item.title)).toEqual([LATE_REPORT.title]);
    expect(h.mailer.sent.at(-1)!.html).toContain(LATE_REPORT.title);
    expect(h.reports.editionOf(late.report.id)).toBe('2');
    expect(await states(h)).toEqual([
      { id: '1', state: 'queued' },
      { id: '2', state: 'queued' },
    ]);
  });

  it('after an empty run, mails a report that arrives later in the next send, whatever the day', async () => {
    const empty = createHarness();
    await empty.addSubscriber('amal@example.com', 'confirmed');
    expect(await empty.useCases.sendDigest()).toMatchObject({ status: 'no-reports' });
    empty.clock.advance(3 * 86_400_000);
    await empty.useCases.ingestReport(LATE_REPORT);
    empty.clock.advance(86_400_000);
    expect(await empty.sendAndDeliver()).toMatchObject({ edition: '1', reports: 1, results: { sent: 1 } });
    expect(empty.mailer.sent[0]!.text).toContain(LATE_REPORT.title);
  });

  it('queues readers a page at a time, and a fan-out that broke off resumes at its cursor, counting each once', async () => {
    const many = createHarness();
    await many.useCases.ingestReport(ENGLISH_REPORT);
    const readers = Array.from({ length: 2 * FAN_OUT_PAGE_SIZE + 7 }, (_, index) => `r${index}@example.com`);
    for (const email of readers) await many.addSubscriber(email, 'confirmed');
    const enqueue = many.queue.enqueue.bind(many.queue);
    let calls = 0;
    many.queue.enqueue = async (requests) => {
      calls += 1;
      expect(requests.length).toBeLessThanOrEqual(FAN_OUT_PAGE_SIZE);
      if (calls === 2) throw new Error('SQS unreachable');
      return enqueue(requests);
    };
    await expect(many.useCases.sendDigest()).rejects.toThrow('SQS unreachable');
    expect(await many.editions.find('1')).toMatchObject({ state: 'sending', recipients: FAN_OUT_PAGE_SIZE });

    expect(await many.useCases.sendDigest()).toMatchObject({ edition: '1', recipients: readers.length });
    const queued = many.queue.enqueued.map((turn) => turn.email);
    expect(queued.sort()).toEqual([...readers].sort());
    expect(await states(many)).toEqual([{ id: '1', state: 'queued' }]);
  });

  it('resumes an edition whose fan-out broke off with its frozen rendering, before opening the next', async () => {
    h.queue.failNext = 1;
    await expect(h.useCases.sendDigest()).rejects.toThrow('SQS unreachable');
    expect(await states(h)).toEqual([{ id: '1', state: 'sending' }]);
    const frozen = (await h.editions.find('1'))!.email!;
    h.clock.advance(60_000);
    await h.useCases.ingestReport(LATE_REPORT);
    await h.addSubscriber('late@example.com', 'confirmed');

    expect(await h.sendAndDeliver()).toMatchObject({ edition: '1', reports: 2, recipients: 4, results: { sent: 4 } });
    for (const mail of h.mailer.sent) {
      expect(mail.subject).toBe(frozen.subject);
      expect(withoutTokens(mail.html)).toBe(withoutTokens(h.mailer.sent[0]!.html));
      expect(mail.text).not.toContain(LATE_REPORT.title);
    }
    expect(h.renderer.digests).toHaveLength(2);
    expect((await h.editions.find('1'))!.email).toEqual(frozen);

    expect(await h.sendAndDeliver()).toMatchObject({ edition: '2', reports: 1, results: { sent: 4 } });
    expect(h.renderer.digests.at(-1)!.items.map((item) => item.title)).toEqual([LATE_REPORT.title]);
  });

  it('finishes an edition whose composing broke off with the reports of its own period, not later ones', async () => {
    const render = h.renderer.renderDigest.bind(h.renderer);
    h.renderer.renderDigest = async () => {
      throw new Error('renderer crashed');
    };
    await expect(h.useCases.sendDigest()).rejects.toThrow('renderer crashed');
    expect(await states(h)).toEqual([{ id: '1', state: 'composing' }]);
    expect(h.queue.enqueued).toEqual([]);
    h.clock.advance(60_000);
    const late = await h.useCases.ingestReport(LATE_REPORT);

    h.renderer.renderDigest = render;
    expect(await h.sendAndDeliver()).toMatchObject({ edition: '1', reports: 2, results: { sent: 3 } });
    expect(h.reports.editionOf(late.report.id)).toBeUndefined();
    expect(h.mailer.sent[0]!.text).not.toContain(LATE_REPORT.title);
    expect(await h.useCases.sendDigest()).toMatchObject({ edition: '2', reports: 1 });
  });

  it('opens one edition when two sends start at once, counts each reader once, and each gets it once', async () => {
    const [first, second] = await Promise.all([h.useCases.sendDigest(), h.useCases.sendDigest()]);
    expect(first.edition).toBe('1');
    expect(second.edition).toBe('1');
    expect(first.recipients).toBe(3);
    expect(second.recipients).toBe(3);
    await h.deliverQueued();
    expect(recipients(h)).toEqual(READERS);
    expect(h.editions.all().map((edition) => edition.id)).toEqual(['1']);
    expect((await h.useCases.digestProgress('1')).counts).toMatchObject({ recipients: 3, sent: 3, pending: 0 });
    const bodies = new Set(h.mailer.sent.map((mail) => withoutTokens(mail.html)));
    expect(bodies.size).toBe(1);
  });

  it('takes only the reports of an explicit period, leaving the others for the next edition', async () => {
    const [arabic, english] = h.reports.all();
    const between = new Date(Date.parse(arabic!.receivedAt) + 60_000).toISOString();
    expect(await h.useCases.sendDigest({ until: between })).toMatchObject({ edition: '1', reports: 1 });
    expect(h.reports.editionOf(arabic!.id)).toBe('1');
    expect(h.reports.editionOf(english!.id)).toBeUndefined();
    expect(await h.useCases.sendDigest({ from: between })).toMatchObject({ edition: '2', reports: 1 });
    expect(h.reports.editionOf(english!.id)).toBe('2');
  });

  it('compares instants, not their spelling: a period ending at a report without milliseconds includes it', async () => {
    const [arabic] = h.reports.all();
    const spelled = arabic!.receivedAt.replace('.000Z', 'Z');
    expect(await h.useCases.sendDigest({ until: spelled })).toMatchObject({ reports: 1 });
  });

  it('rejects a period that is not one, and sends nothing', async () => {
    await expect(h.useCases.sendDigest({ from: 'last tuesday' })).rejects.toThrow(
      new InvalidInputError('`from` is not a date and time.'),
    );
    await expect(h.useCases.sendDigest({ until: 'soon' })).rejects.toBeInstanceOf(InvalidInputError);
    const now = h.clock.now().toISOString();
    await expect(h.useCases.sendDigest({ from: now, until: now })).rejects.toThrow(/period is empty/u);
    await expect(h.useCases.sendDigest({ from: '2030-01-01T00:00:00Z' })).rejects.toThrow(/period is empty/u);
    expect(h.mailer.sent).toEqual([]);
    expect(h.editions.all()).toEqual([]);
  });

  it.each([
    ['from', '2026-11-01'],
    ['until', '2026-11-30T00:00:00'],
    ['from', '2026-02-29T00:00:00Z'],
    ['until', '2026-11-30 00:00:00Z'],
  ])(
    'takes the period by the one instant rule: %s %j is refused, naming the field and the rule',
    async (field, given) => {
      await expect(h.useCases.sendDigest({ [field]: given })).rejects.toMatchObject({
        problems: [{ field, message: INSTANT_RULE }],
      });
      expect(h.editions.all()).toEqual([]);
    },
  );
});

describe('startDigest', () => {
  it('opens the next edition without composing it, finds it again, and says when nothing waits', async () => {
    expect(await h.useCases.startDigest()).toEqual({ id: '1' });
    expect(await states(h)).toEqual([{ id: '1', state: 'composing' }]);
    expect(await h.useCases.startDigest()).toEqual({ id: '1' });
    await h.sendAndDeliver();
    expect(await h.useCases.startDigest()).toBeUndefined();
    expect(h.editions.emptyRuns).toHaveLength(1);
  });
});

describe('sendDigest: the email of a large edition', () => {
  it('carries the newest reports in full and the others as headlines linking to the edition page', async () => {
    const small = await digestHarness({ featuredReports: 1 });
    const summary = await small.sendAndDeliver();
    expect(summary).toMatchObject({ reports: 2, results: { sent: 3 } });
    const view = small.renderer.digests[0]!;
    expect(view.items.map((item) => item.title)).toEqual([ENGLISH_REPORT.title]);
    const arabicId = small.reports.all()[0]!.id;
    expect(view.headlines).toEqual([
      {
        title: SAMPLE_TITLE,
        url: `${PUBLIC_BASE_URL}/archive/1#report-${arabicId}`,
        language: 'ar',
        direction: 'rtl',
        align: 'right',
      },
    ]);
    expect((await small.editions.find('1'))!.email).toMatchObject({ reports: 2, featured: 1, headlines: 1 });
  });

  it('cuts headlines, then featured reports, until the HTML as transmitted fits under Gmail’s clipping size', async () => {
    const big = createHarness({ featuredReports: 10 });
    for (let index = 0; index < 300; index += 1) {
      await big.useCases.ingestReport({
        title: `Report number ${index}`,
        body: `Report ${index} says one thing. It then says another. It ends with a third.`,
      });
      big.clock.advance(1000);
    }
    await big.addSubscriber('amal@example.com', 'confirmed');
    // A renderer whose output grows with what it shows: 9 KB per featured report, 200 bytes per headline.
    const render = big.renderer.renderDigest.bind(big.renderer);
    big.renderer.renderDigest = async (view) => {
      const email = await render(view);
      return { ...email, html: 'x'.repeat(view.items.length * 9_000 + view.headlines.length * 200) };
    };
    await big.useCases.sendDigest();
    const email = (await big.editions.find('1'))!.email!;
    // Base64 with line ends: 9 featured (81,000 bytes) transmit as 110,844 bytes, over; 8 (72,000) as 98,528.
    expect(email).toMatchObject({ reports: 300, featured: 8 });
    expect(email.headlines).toBeGreaterThan(0);
    const transmitted = (bytes: number) => Math.ceil(bytes / 3) * 4 + Math.ceil((Math.ceil(bytes / 3) * 4) / 76) * 2;
    expect(transmitted(email.html.length)).toBeLessThanOrEqual(100_000);
    expect(transmitted(email.html.length + 200)).toBeGreaterThan(100_000);
    const view = big.renderer.digests.filter((digest) => digest.language === 'ar').at(-1)!;
    expect(view.unlisted).toBe(`وتقارير أخرى على صفحة العدد: ${300 - 8 - email.headlines}`);
    // The English words of the same edition fit too, with the same featured reports.
    const english = email.translations?.en;
    expect(transmitted(english!.html.length)).toBeLessThanOrEqual(100_000);
    expect(big.renderer.digests.filter((digest) => digest.language === 'en').at(-1)!.items).toHaveLength(8);
  });
});

describe('renderEditionPage', () => {
  it('shows every report of a sent edition in full, with no headline, web link or reader link', async () => {
    const small = await digestHarness({ featuredReports: 1 });
    await small.useCases.sendDigest();
    const page = await small.useCases.renderEditionPage('1');
    const view = small.renderer.digests.at(-1)!;
    expect(view.items.map((item) => item.title)).toEqual([SAMPLE_TITLE, ENGLISH_REPORT.title]);
    expect(view).toMatchObject({ headlines: [], webUrl: '', unsubscribeUrl: '', unlisted: '' });
    expect(page.html).toContain(SAMPLE_TITLE);
    expect(page.html).not.toContain(PLACEHOLDER);
  });

  it('knows no edition that was not opened, nor one still composing', async () => {
    await expect(h.useCases.renderEditionPage('1')).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.useCases.renderEditionPage('../1')).rejects.toThrow(new NotFoundError('There is no such edition.'));
    await h.editions.open({ id: '1', number: 1, state: 'composing', period: { until: 'x' }, openedAt: 'x' }, undefined);
    await expect(h.useCases.renderEditionPage('1')).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('previewDigest', () => {
  it('shows the next edition and counts, sends nothing and opens nothing', async () => {
    const preview = await h.useCases.previewDigest();
    expect(preview).toMatchObject({ reports: 2, featured: 2, headlines: 0, recipients: 3, frozen: false });
    expect(preview).not.toHaveProperty('edition');
    expect(preview.subject).toBe(SUBJECT);
    expect(preview.html).toContain('<html lang="ar" dir="rtl"');
    expect(preview.html).toContain(PLACEHOLDER);
    expect(h.mailer.sent).toEqual([]);
    expect(h.editions.all()).toEqual([]);
    expect(h.ledger.deliveriesOf()).toEqual([]);
    // Nothing taken: a report that arrives now still makes it into the send.
    await h.useCases.ingestReport({
      title: 'Arrived after the preview',
      body: 'It still makes the digest. Nothing was frozen yet.',
    });
    expect((await h.useCases.previewDigest()).reports).toBe(3);
    expect(await h.sendAndDeliver()).toMatchObject({ reports: 3 });
    expect(h.mailer.sent[0]!.text).toContain('Arrived after the preview');
  });

  it('shows exactly the frozen edition while one is being sent, not the reports that came after', async () => {
    h.queue.failNext = 1;
    await expect(h.useCases.sendDigest()).rejects.toThrow('SQS unreachable');
    const frozen = (await h.editions.find('1'))!.email!;
    await h.useCases.ingestReport(LATE_REPORT);
    const preview = await h.useCases.previewDigest();
    expect(preview).toEqual({
      edition: '1',
      reports: 2,
      featured: 2,
      headlines: 0,
      recipients: 3,
      frozen: true,
      subject: frozen.subject,
      html: frozen.html,
      text: frozen.text,
    });
    expect(h.renderer.digests).toHaveLength(2);
  });

  it('renders an empty email when no report waits, and stores nothing', async () => {
    const empty = createHarness();
    const preview = await empty.useCases.previewDigest();
    expect(preview).toMatchObject({ reports: 0, frozen: false, subject: 'موجز الأسبوع' });
    expect(empty.renderer.digests.at(-1)).toMatchObject({ items: [], period: '' });
    expect(empty.editions.all()).toEqual([]);
    expect(empty.editions.emptyRuns).toEqual([]);
  });

  it("uses an English newsletter's labels, and a date range when the reports span days", async () => {
    const english = createHarness({ newsletter: { name: 'Brief', language: 'en' } });
    await english.useCases.ingestReport(ENGLISH_REPORT);
    english.clock.advance(2 * 86_400_000);
    await english.useCases.ingestReport(LATE_REPORT);
    const preview = await english.useCases.previewDigest();
    // Intl writes a thin space (U+2009) on each side of the dash of an English date range.
    expect(preview.subject).toBe('The week in brief · 24\u2009–\u200926 November 2026');
    expect(english.renderer.digests[0]).toMatchObject({
      language: 'en',
      direction: 'ltr',
      footer: 'You receive this because you subscribed to Brief.',
    });
  });
});

describe('sendTestDigest', () => {
  it('sends the next edition to the given address with the test prefix, and records nothing', async () => {
    const result = await h.useCases.sendTestDigest('  Editor@Example.com ');
    expect(result).toEqual({ messageId: 'recorded-1' });
    expect(h.mailer.sent).toHaveLength(1);
    const mail = h.mailer.sent[0]!;
    expect(mail.to).toBe('editor@example.com');
    expect(mail.subject).toBe(`[تجربة] ${SUBJECT}`);
    const url = mail.headers?.['List-Unsubscribe']?.slice(1, -1);
    // The editor is no reader: the link names a subscription nobody has, and leads to a polite 404.
    const { subscription } = h.tokens.verify(tokenFromLink(url ?? '', '/unsubscribe'), 'unsubscribe', h.clock.now());
    expect(await h.subscribers.findBySubscription(subscription)).toBeUndefined();
    expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).not.toContain(PLACEHOLDER);
    expect(h.ledger.deliveriesOf()).toEqual([]);
    expect(h.editions.all()).toEqual([]);
  });

  it('can be repeated, and does not stop the real send from reaching that address', async () => {
    await h.addSubscriber('editor@example.com', 'confirmed');
    await h.useCases.sendTestDigest('editor@example.com');
    await h.useCases.sendTestDigest('editor@example.com');
    expect(h.mailer.sentTo('editor@example.com')).toHaveLength(2);
    await h.sendAndDeliver();
    expect(h.mailer.sentTo('editor@example.com')).toHaveLength(3);
  });

  it('sends the frozen edition while one is being sent', async () => {
    h.queue.failNext = 1;
    await expect(h.useCases.sendDigest()).rejects.toThrow('SQS unreachable');
    await h.useCases.ingestReport(LATE_REPORT);
    expect(await h.useCases.sendTestDigest('editor@example.com')).toMatchObject({ edition: '1' });
    const test = h.mailer.sentTo('editor@example.com')[0]!;
    expect(test.subject).toBe(`[تجربة] ${SUBJECT}`);
    expect(test.text).toContain(SAMPLE_TITLE);
    expect(test.text).not.toContain(LATE_REPORT.title);
    await h.sendAndDeliver();
    expect(withoutTokens(test.html)).toBe(withoutTokens(h.mailer.sentTo('amal@example.com')[0]!.html));
    expect(h.renderer.digests).toHaveLength(2);
  });

  it('rejects a bad address', async () => {
    await expect(h.useCases.sendTestDigest('nobody')).rejects.toBeInstanceOf(InvalidInputError);
    expect(h.mailer.sent).toEqual([]);
  });
});
