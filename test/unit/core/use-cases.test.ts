import { buildDigestView, UNSUBSCRIBE_URL_PLACEHOLDER } from '../../../lambdas/core/domain/digest';
import {
  InvalidInputError,
  InvalidTokenError,
  NotFoundError,
  ReportRejectedError,
  type ReportRejection,
} from '../../../lambdas/core/domain/errors';
import { isoWeekOf } from '../../../lambdas/core/domain/iso-week';
import { labelsFor } from '../../../lambdas/core/domain/newsletter-labels';
import {
  parsePlainTextReport,
  type Report,
  type ReportSubmission,
  reportIdFor,
  storedTextBytes,
  summarizableText,
} from '../../../lambdas/core/domain/report';
import { splitParagraphs, splitSentences } from '../../../lambdas/core/domain/sentences';
import {
  cleanText,
  MAX_PAGE_BYTES,
  MAX_REPORT_BYTES,
  utf8ByteLength,
} from '../../../lambdas/core/domain/text-cleaning';
import { ingestReport, ingestReports, MAX_BATCH_REPORTS } from '../../../lambdas/core/use-cases/ingest-report';
import { confirmSubscription, subscribe, unsubscribe } from '../../../lambdas/core/use-cases/manage-subscription';
import { previewDigest, sendDigest, sendTestDigest } from '../../../lambdas/core/use-cases/send-digest';
import {
  CONFIRM_WITHIN_MS,
  createHarness,
  ENGLISH_REPORT,
  expectSummaryOf,
  FIXTURE_BOILERPLATE,
  FRENCH_REPORT,
  type Harness,
  htmlFixture,
  PERSIAN_REPORT,
  PUBLIC_BASE_URL,
  SAMPLE_REPORT_AR,
  tokenFromLink,
} from '../mujaz-harness';

/** Distinct English sentences, one paragraph each, up to about `bytes` of UTF-8. */
function manySentences(bytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let index = 0; size < bytes; index += 1) {
    const line = `Paragraph ${index} reports that the council met on day ${index} and agreed on measure ${index * 7}. The vote on item ${index} was close.`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('ingestReport', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  it('stores the sample report with its language, summary, arrival time and week', async () => {
    const submission = parsePlainTextReport(SAMPLE_REPORT_AR);
    const { report, created } = await ingestReport(h.ingestDeps, submission);
    expect(created).toBe(true);
    expect(report).toMatchObject({
      id: reportIdFor(submission),
      title: submission.title,
      lede: submission.lede,
      body: submission.body,
      language: 'ar',
    });
    expect(report.receivedAt).toBe(h.clock.now().toISOString());
    expect(report.week).toBe('2026-W48');
    expect(report.summary.length).toBeGreaterThan(0);
    expect(report.summary.length).toBeLessThanOrEqual(3);
    const sentences = splitParagraphs(`${submission.lede}\n${submission.body}`).flatMap(splitSentences);
    for (const sentence of report.summary) expect(sentences).toContain(sentence);
    expect(h.reports.all()).toEqual([report]);
  });

  it("takes the week from the clock in the newsletter's time zone", async () => {
    h.clock.set('2026-11-22T23:30:00Z'); // Sunday in UTC, Monday in Riyadh
    const late = {
      title: 'Late',
      body: 'Arrived just before midnight UTC. It still counts for the week it arrived in.',
    };
    const { report } = await ingestReport(h.ingestDeps, late);
    expect(report.week).toBe('2026-W48');
    const utc = createHarness({ timeZone: 'UTC', start: '2026-11-22T23:30:00Z' });
    expect((await ingestReport(utc.ingestDeps, late)).report.week).toBe('2026-W47');
  });

  it('detects English, and lets the editor name the language', async () => {
    expect((await ingestReport(h.ingestDeps, ENGLISH_REPORT)).report.language).toBe('en');
    expect(
      (await ingestReport(h.ingestDeps, { title: 'Mixed', body: 'Some text. More text.', language: 'ar' })).report
        .language,
    ).toBe('ar');
  });

  it('stores a second identical submission once and answers created:false with the first one', async () => {
    const submission = parsePlainTextReport(SAMPLE_REPORT_AR);
    const first = await ingestReport(h.ingestDeps, submission);
    h.clock.advance(8 * 86_400_000); // a week later: the stored week and arrival must not move
    const second = await ingestReport(h.ingestDeps, {
      ...submission,
      title: `  ${submission.title}  `,
      url: 'https://example.com/other',
    });
    expect(second.created).toBe(false);
    expect(second.report).toEqual(first.report);
    expect(h.reports.all()).toHaveLength(1);
  });

  it('keeps the url and publishedAt it was given, and drops a blank lede', async () => {
    const { report } = await ingestReport(h.ingestDeps, {
      ...ENGLISH_REPORT,
      lede: '   ',
      url: 'https://example.com/r',
      publishedAt: '2026-11-20T10:00:00Z',
    });
    expect(report).toMatchObject({ url: 'https://example.com/r', publishedAt: '2026-11-20T10:00:00Z' });
    expect('lede' in report).toBe(false);
  });

  it.each([
    ['an empty title', { title: '  ', body: 'Body.' }, 'title'],
    ['a title of invisible characters only', { title: '\u200F\u200B', body: 'Body one. Body two.' }, 'title'],
    ['an empty text', { title: 'Title', body: '\n \n' }, 'text'],
  ])('rejects %s with an InvalidInputError naming the field', async (_name, submission, field) => {
    const error = await rejection(ingestReport(h.ingestDeps, submission));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((problem) => problem.field)).toEqual([field]);
    expect(h.reports.all()).toEqual([]);
  });

  it('rejects a report over MAX_REPORT_BYTES as sent, and measures one exactly at it again as stored', async () => {
    const over = await rejection(ingestReport(h.ingestDeps, { title: 'T', body: 'a'.repeat(MAX_REPORT_BYTES) }));
    expect(over).toBeInstanceOf(ReportRejectedError);
    expect((over as ReportRejectedError).reason).toBe('too_large');
    expect((over as InvalidInputError).problems[0]).toMatchObject({ field: 'text' });
    expect((over as InvalidInputError).problems[0]!.message).toContain(String(MAX_REPORT_BYTES));
    expect((over as InvalidInputError).problems[0]!.message).toContain('as sent');
    // Title and body together exactly at the limit pass the first measure; their summary then takes the stored
    // report over it.
    const half = 'a'.repeat(MAX_REPORT_BYTES / 2 - 2);
    const atLimit = await rejection(ingestReport(h.ingestDeps, { title: 'T', body: `${half}.\n${half}.` }));
    expect(utf8ByteLength(`T${half}.\n${half}.`)).toBe(MAX_REPORT_BYTES);
    expect((atLimit as ReportRejectedError).reason).toBe('too_large');
    expect((atLimit as InvalidInputError).problems[0]!.message).toContain('to store');
    expect(h.reports.all()).toEqual([]);
  });

  it("rejects as 'too_large' a text that fits as sent but not stored next to its original", async () => {
    // A zero-width space makes the cleaned body differ from what was sent, so both would be stored.
    const sentences = manySentences(MAX_REPORT_BYTES * 0.6);
    const error = await rejection(ingestReport(h.ingestDeps, { title: 'Long', body: `\u200B${sentences}` }));
    expect((error as ReportRejectedError).reason).toBe('too_large');
    // The same text without the invisible character is stored once, and fits.
    const { report } = await ingestReport(h.ingestDeps, { title: 'Long', body: sentences });
    expect('original' in report).toBe(false);
    expect(storedTextBytes(report)).toBeLessThanOrEqual(MAX_REPORT_BYTES);
  });
});

describe('ingestReport: what it turns away', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  it.each<[string, ReportRejection, ReportSubmission]>([
    ['nothing but invisible characters', 'empty', { title: 'T', body: ' \u200B\n\t\u200F ' }],
    ['a lede with no text', 'empty', { title: 'T', lede: 'A lede alone.', body: '' }],
    ['one sentence', 'single_sentence', { title: 'T', body: 'The only sentence of this report.' }],
    [
      'one sentence over two blank-separated lines of punctuation',
      'single_sentence',
      { title: 'T', body: 'The only sentence.\n...\n—' },
    ],
    ['one Arabic sentence', 'single_sentence', { title: 'عنوان', body: 'هذه هي الجملة الوحيدة في التقرير.' }],
    ['text over the size limit', 'too_large', { title: 'T', body: 'word. '.repeat(MAX_REPORT_BYTES / 6 + 1) }],
    ['NUL bytes', 'binary', { title: 'T', body: 'PK\u0003\u0004\u0000\u0000 zipped. More bytes.' }],
    ['mostly replacement characters', 'binary', { title: 'T', body: '\uFFFD\uFFFD\uFFFD text. \uFFFD\uFFFD more.' }],
    ['tags with no text', 'markup_only', { title: 'T', body: '<div>\n<p> </p>\n<br/>\n</div>' }],
    ['a page with no text', 'markup_only', { html: htmlFixture('markup-only.html'), title: 'T' }],
    ['an empty page', 'empty', { html: ' \n ', title: 'T' }],
    ['a page of binary data', 'binary', { html: 'PK\u0003\u0004\u0000\u0000<p>x</p>', title: 'T' }],
    [
      'a page with one sentence',
      'single_sentence',
      { html: '<html><body><h1>Headline</h1><p>Just one sentence here.</p></body></html>' },
    ],
    ['a page over MAX_PAGE_BYTES', 'too_large', { html: `<p>${'x'.repeat(MAX_PAGE_BYTES)}</p>`, title: 'T' }],
  ])("rejects %s as '%s' and stores nothing", async (_name, reason, submission) => {
    const error = await rejection(ingestReport(h.ingestDeps, submission));
    expect(error).toBeInstanceOf(ReportRejectedError);
    expect((error as ReportRejectedError).reason).toBe(reason);
    expect(h.reports.all()).toEqual([]);
  });

  it('counts the sentences of lede and body together: one each is enough', async () => {
    const { report } = await ingestReport(h.ingestDeps, {
      title: 'T',
      lede: 'The lede is one sentence.',
      body: 'The body is another.',
    });
    expect(report.summary.length).toBeGreaterThan(0);
  });

  it("checks the title first: a blank title is an InvalidInputError on 'title', not a rejection of the text", async () => {
    const error = await rejection(ingestReport(h.ingestDeps, { title: ' \u200B ', body: '' }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).not.toBeInstanceOf(ReportRejectedError);
    expect((error as InvalidInputError).problems.map((problem) => problem.field)).toEqual(['title']);
  });
});

describe('ingestReport: language', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });
  const week = () => isoWeekOf(h.clock.now(), h.timeZone);

  it("keeps an editor's 'fr', reads it left to right, and renders the item with lang=\"fr\"", async () => {
    const { report } = await ingestReport(h.ingestDeps, { ...FRENCH_REPORT, language: 'fr' });
    expect(report.language).toBe('fr');
    expect((await h.reports.findById(report.id))?.language).toBe('fr');
    expect(buildDigestView([report], week(), h.newsletter).items[0]).toMatchObject({
      language: 'fr',
      direction: 'ltr',
      align: 'left',
    });
    expect((await previewDigest(h.digestDeps)).html).toContain('dir="ltr" lang="fr"');
  });

  it("keeps an editor's 'fa' and reads it right to left", async () => {
    const { report } = await ingestReport(h.ingestDeps, { ...PERSIAN_REPORT, language: 'fa' });
    expect(report.language).toBe('fa');
    expect(buildDigestView([report], week(), h.newsletter).items[0]).toMatchObject({
      language: 'fa',
      direction: 'rtl',
      align: 'right',
    });
    expect((await previewDigest(h.digestDeps)).html).toContain('dir="rtl" lang="fa"');
  });

  it('takes the editor over detection, and lower-cases the code', async () => {
    expect((await ingestReport(h.ingestDeps, { ...ENGLISH_REPORT, language: 'CKB' })).report.language).toBe('ckb');
    expect((await ingestReport(h.ingestDeps, { ...FRENCH_REPORT, language: 'und' })).report.language).toBe('und');
  });

  it("detects when the editor says nothing: 'und' for French, which Mujaz does not name on its own", async () => {
    expect((await ingestReport(h.ingestDeps, FRENCH_REPORT)).report.language).toBe('und');
  });

  it.each(['french', 'fr-CA', 'f', '12', ''])(
    "rejects the language code '%s' with an InvalidInputError on 'language'",
    async (language) => {
      const error = await rejection(ingestReport(h.ingestDeps, { ...ENGLISH_REPORT, language }));
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).not.toBeInstanceOf(ReportRejectedError);
      expect((error as InvalidInputError).problems.map((problem) => problem.field)).toEqual(['language']);
      expect(h.reports.all()).toEqual([]);
    },
  );
});

describe('ingestReport: cleaning, and the original kept', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  it('stores the cleaned body and, because cleaning changed it, the body exactly as sent', async () => {
    const sent = 'Cafe\u0301 owners \u202Bmet\u202C on\u00A0Monday.\u200B\n\n  They agreed\u0007 to open later.  ';
    const { report } = await ingestReport(h.ingestDeps, {
      title: '  \u200FCafé\u00A0owners  ',
      lede: ' A\u200B lede. ',
      body: sent,
    });
    expect(report.title).toBe('Café owners');
    expect(report.lede).toBe('A lede.');
    expect(report.body).toBe('Café owners met on Monday.\nThey agreed to open later.');
    expect(report.original).toBe(sent);
    expect((await h.reports.findById(report.id))?.original).toBe(sent);
    expect(report.body).toBe(cleanText(report.body));
    expectSummaryOf(report.summary, summarizableText(report));
  });

  it("keeps a Persian text's zero-width non-joiners in the original, which cleaning takes out of the body", async () => {
    const { report } = await ingestReport(h.ingestDeps, { ...PERSIAN_REPORT, language: 'fa' });
    expect(PERSIAN_REPORT.body).toContain('\u200C');
    expect(report.original).toBe(PERSIAN_REPORT.body);
    expect(report.body).not.toContain('\u200C');
  });

  it('stores no original when the text was clean already: the sample, and a page (the extractor cleans)', async () => {
    const { report } = await ingestReport(h.ingestDeps, parsePlainTextReport(SAMPLE_REPORT_AR));
    expect('original' in report).toBe(false);
    const page = await ingestReport(h.ingestDeps, { html: htmlFixture('english-news-article.html') });
    expect('original' in page.report).toBe(false);
  });

  it('keeps no original when cleaning changed only the layout: line ends, blank lines, spaces and tabs', async () => {
    const { report } = await ingestReport(h.ingestDeps, {
      title: 'T',
      body: '  First  paragraph\there.\r\n\r\n\n   Second paragraph.  \r\n',
    });
    expect(report.body).toBe('First paragraph here.\nSecond paragraph.');
    expect('original' in report).toBe(false);
  });

  it('gives the same id to the same text sent clean and sent with invisible characters, so it is stored once', async () => {
    const first = await ingestReport(h.ingestDeps, ENGLISH_REPORT);
    const again = await ingestReport(h.ingestDeps, {
      ...ENGLISH_REPORT,
      body: `\u200F${ENGLISH_REPORT.body.replace(/ /gu, '\u00A0')}`,
    });
    expect(again).toEqual({ created: false, report: first.report });
  });
});

describe('ingestReport: article pages', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  it.each([
    ['arabic-news-article.html', 'محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي', 'ar'],
    ['english-news-article.html', 'Harbour town bets on tidal power to cut bills', 'en'],
  ] as const)(
    'takes the title and language of %s from the page and summarizes its article only',
    async (name, title, language) => {
      const html = htmlFixture(name);
      const article = h.extractor.extract(html);
      const { report, created } = await ingestReport(h.ingestDeps, { html, url: 'https://news.example/article' });
      expect(created).toBe(true);
      expect(report).toMatchObject({
        title,
        language,
        body: article.text,
        url: 'https://news.example/article',
        week: '2026-W48',
      });
      expectSummaryOf(report.summary, article.text);
      for (const boilerplate of FIXTURE_BOILERPLATE[name]) {
        expect(report.body).not.toContain(boilerplate);
        for (const sentence of report.summary) expect(sentence).not.toContain(boilerplate);
        for (const phrase of report.keyPhrases) expect(phrase).not.toContain(boilerplate);
      }
    },
  );

  it('detects the language of a page that does not say it', async () => {
    const html = htmlFixture('english-news-article.html').replace('<html lang="en-GB">', '<html>');
    expect((await ingestReport(h.ingestDeps, { html })).report.language).toBe('en');
  });

  it("takes the page's <html lang> over detection, and the request's title and language over the page's", async () => {
    const french = htmlFixture('short-paragraphs.html').replace('lang="EN"', 'lang="fr"');
    expect((await ingestReport(h.ingestDeps, { html: french })).report).toMatchObject({
      title: 'Notice',
      language: 'fr',
    });
    const given = await ingestReport(createHarness().ingestDeps, {
      html: french,
      title: 'Reading room hours',
      language: 'en',
      lede: 'The library changes its hours.',
    });
    expect(given.report).toMatchObject({
      title: 'Reading room hours',
      language: 'en',
      lede: 'The library changes its hours.',
    });
  });

  it("falls back to the page's headline when the request's title is blank", async () => {
    expect(
      (await ingestReport(h.ingestDeps, { html: htmlFixture('short-paragraphs.html'), title: '  ' })).report.title,
    ).toBe('Notice');
  });

  it('asks for a title when neither the request nor the page gives one', async () => {
    const error = await rejection(
      ingestReport(h.ingestDeps, { html: '<p>First sentence of the page.</p><p>Second sentence of the page.</p>' }),
    );
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).problems.map((problem) => problem.field)).toEqual(['title']);
  });
});

describe('ingestReports (a batch)', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  it('answers each report on its own, in order: stored, stored before, or rejected with why', async () => {
    const outcomes = await ingestReports(h.ingestDeps, [
      ENGLISH_REPORT,
      { title: 'T', body: 'Only one sentence.' },
      { html: htmlFixture('english-news-article.html') },
      ENGLISH_REPORT,
      { title: ' ', body: 'One. Two.' },
      { title: 'T', body: 'Body one. Body two.', language: 'not a code' },
      { html: htmlFixture('markup-only.html'), title: 'T' },
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'created',
      'rejected',
      'created',
      'exists',
      'rejected',
      'rejected',
      'rejected',
    ]);
    const reasons = outcomes.map((outcome) =>
      outcome.status === 'rejected' && outcome.error instanceof ReportRejectedError ? outcome.error.reason : undefined,
    );
    expect(reasons).toEqual([undefined, 'single_sentence', undefined, undefined, undefined, undefined, 'markup_only']);
    expect(h.reports.all().map((report) => report.title)).toEqual([
      ENGLISH_REPORT.title,
      'Harbour town bets on tidal power to cut bills',
    ]);
    expect(outcomes[3]).toEqual({ status: 'exists', report: (outcomes[0] as { report: unknown }).report });
  });

  it(`takes at most ${MAX_BATCH_REPORTS} reports`, async () => {
    await expect(
      ingestReports(
        h.ingestDeps,
        Array.from({ length: MAX_BATCH_REPORTS + 1 }, () => ENGLISH_REPORT),
      ),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(h.reports.all()).toEqual([]);
    const full = await ingestReports(
      h.ingestDeps,
      Array.from({ length: MAX_BATCH_REPORTS }, (_, index) => ({
        title: `Report ${index}`,
        body: 'First sentence. Second sentence.',
      })),
    );
    expect(full.every((outcome) => outcome.status === 'created')).toBe(true);
    expect(h.reports.all()).toHaveLength(MAX_BATCH_REPORTS);
  });

  it('stops on a failure that is not about the input (the store is down), keeping what was stored', async () => {
    const failing = {
      ...h.ingestDeps,
      reports: Object.assign(Object.create(h.reports) as typeof h.reports, {
        saveIfAbsent: async (report: Report) => {
          if (report.title === 'Second') throw new Error('table unreachable');
          return h.reports.saveIfAbsent(report);
        },
      }),
    };
    const reports = ['First', 'Second', 'Third'].map((title) => ({
      title,
      body: `${title} sentence one. ${title} sentence two.`,
    }));
    await expect(ingestReports(failing, reports)).rejects.toThrow('table unreachable');
    expect(h.reports.all().map((report) => report.title)).toEqual(['First']);
  });
});

describe('subscriptions', () => {
  let h: Harness;
  beforeEach(() => {
    h = createHarness();
  });

  async function subscribeAndGetToken(email = 'reader@example.com'): Promise<string> {
    await subscribe(h.subscriptionDeps, email);
    const mail = h.mailer.sent.at(-1)!;
    return tokenFromLink(mail.html, '/subscriptions/confirm');
  }

  it('records a new address as pending and mails it one confirmation with a confirm link', async () => {
    await expect(subscribe(h.subscriptionDeps, '  Reader@Example.com ')).resolves.toBe('confirmation-sent');
    expect(await h.subscribers.find('reader@example.com')).toMatchObject({
      status: 'pending',
      subscribedAt: h.clock.now().toISOString(),
      pendingUntil: new Date(h.clock.now().getTime() + CONFIRM_WITHIN_MS).toISOString(),
    });
    expect(h.mailer.sent).toHaveLength(1);
    const mail = h.mailer.sent[0]!;
    expect(mail.to).toBe('reader@example.com');
    expect(mail.subject).toBe(labelsFor('ar').confirmSubject('موجز'));
    expect(mail.html).toContain(`href="${PUBLIC_BASE_URL}/subscriptions/confirm?token=`);
    expect(mail.text).toContain(`${PUBLIC_BASE_URL}/subscriptions/confirm?token=`);
    expect(
      h.tokens.verify(tokenFromLink(mail.html, '/subscriptions/confirm'), 'confirm-subscription', h.clock.now()),
    ).toMatchObject({
      email: 'reader@example.com',
    });
  });

  it('rejects a malformed address before storing or mailing anything', async () => {
    await expect(subscribe(h.subscriptionDeps, 'not-an-address')).rejects.toBeInstanceOf(InvalidInputError);
    expect(h.subscribers.all()).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('sends nothing to an address that is already confirmed', async () => {
    await h.addSubscriber('reader@example.com', 'confirmed');
    await expect(subscribe(h.subscriptionDeps, 'READER@example.com')).resolves.toBe('already-confirmed');
    expect(h.mailer.sent).toEqual([]);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('confirmed');
  });

  it('confirms with the token from the emailed link', async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(3_600_000);
    const confirmed = await confirmSubscription(h.subscriptionDeps, token);
    expect(confirmed).toMatchObject({
      email: 'reader@example.com',
      status: 'confirmed',
      confirmedAt: h.clock.now().toISOString(),
    });
    expect(await h.subscribers.find('reader@example.com')).toEqual(confirmed);
    // A second click is harmless.
    await expect(confirmSubscription(h.subscriptionDeps, token)).resolves.toEqual(confirmed);
  });

  it("refuses a confirmation link once the window has passed ('expired')", async () => {
    const token = await subscribeAndGetToken();
    h.clock.advance(CONFIRM_WITHIN_MS + 1);
    const error = await rejection(confirmSubscription(h.subscriptionDeps, token));
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect((error as InvalidTokenError).reason).toBe('expired');
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
  });

  it("refuses an unsubscribe token as a confirmation ('wrong_purpose')", async () => {
    await subscribe(h.subscriptionDeps, 'reader@example.com');
    const error = await rejection(
      confirmSubscription(h.subscriptionDeps, h.tokens.sign({ purpose: 'unsubscribe', email: 'reader@example.com' })),
    );
    expect((error as InvalidTokenError).reason).toBe('wrong_purpose');
  });

  it('unsubscribes with a genuine unsubscribe token, and again without complaint', async () => {
    await confirmSubscription(h.subscriptionDeps, await subscribeAndGetToken());
    const token = h.tokens.sign({ purpose: 'unsubscribe', email: 'reader@example.com' });
    h.clock.advance(60_000);
    await unsubscribe(h.subscriptionDeps, token);
    expect(await h.subscribers.find('reader@example.com')).toMatchObject({
      status: 'unsubscribed',
      unsubscribedAt: h.clock.now().toISOString(),
    });
    const leftAt = (await h.subscribers.find('reader@example.com'))?.unsubscribedAt;
    h.clock.advance(60_000);
    await unsubscribe(h.subscriptionDeps, token);
    expect((await h.subscribers.find('reader@example.com'))?.unsubscribedAt).toBe(leftAt);
  });

  it('does nothing for a genuine unsubscribe token of an unknown address', async () => {
    await unsubscribe(h.subscriptionDeps, h.tokens.sign({ purpose: 'unsubscribe', email: 'stranger@example.com' }));
    expect(h.subscribers.all()).toEqual([]);
  });

  it('refuses a forged unsubscribe token', async () => {
    await h.addSubscriber('reader@example.com');
    await expect(unsubscribe(h.subscriptionDeps, 'v1.e30.AAAA')).rejects.toBeInstanceOf(InvalidTokenError);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('confirmed');
  });

  it('does not let an old confirmation link bring back a reader who left (NotFoundError)', async () => {
    const token = await subscribeAndGetToken();
    await confirmSubscription(h.subscriptionDeps, token);
    await unsubscribe(h.subscriptionDeps, h.tokens.sign({ purpose: 'unsubscribe', email: 'reader@example.com' }));
    await expect(confirmSubscription(h.subscriptionDeps, token)).rejects.toBeInstanceOf(NotFoundError);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('unsubscribed');
  });

  it('answers NotFoundError for a confirmation whose pending subscription is gone', async () => {
    const token = h.tokens.sign({
      purpose: 'confirm-subscription',
      email: 'ghost@example.com',
      expiresAt: h.clock.now().getTime() + 1000,
    });
    await expect(confirmSubscription(h.subscriptionDeps, token)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets a reader who left subscribe again: pending, with a fresh confirmation', async () => {
    await h.addSubscriber('reader@example.com', 'unsubscribed');
    await expect(subscribe(h.subscriptionDeps, 'reader@example.com')).resolves.toBe('confirmation-sent');
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
    expect(h.mailer.sent).toHaveLength(1);
  });
});

describe('digests', () => {
  const readers = ['amal@example.com', 'badr@example.com', 'carol@example.com'];
  let h: Harness;

  beforeEach(async () => {
    h = createHarness();
    await ingestReport(h.ingestDeps, parsePlainTextReport(SAMPLE_REPORT_AR));
    h.clock.advance(3_600_000);
    await ingestReport(h.ingestDeps, ENGLISH_REPORT);
    for (const email of readers) await h.addSubscriber(email, 'confirmed');
    await h.addSubscriber('pending@example.com', 'pending');
    await h.addSubscriber('gone@example.com', 'unsubscribed');
  });

  describe('sendDigest', () => {
    it('sends one email to each confirmed reader, and no one else', async () => {
      const summary = await sendDigest(h.digestDeps);
      expect(summary).toEqual({ week: '2026-W48', status: 'sent', reports: 2, sent: 3, alreadySent: 0, failed: 0 });
      expect(h.mailer.sent.map((mail) => mail.to).sort()).toEqual(readers);
      expect(
        h.ledger
          .deliveriesOf('2026-W48')
          .map((record) => [record.email, record.status])
          .sort(),
      ).toEqual(readers.map((email) => [email, 'sent']));
      expect(h.ledger.editionIds()).toEqual(['2026-W48']);
    });

    it('gives every reader their own one-click unsubscribe link, in the headers, html and text', async () => {
      await sendDigest(h.digestDeps);
      const urls = new Set<string>();
      for (const mail of h.mailer.sent) {
        const header = mail.headers?.['List-Unsubscribe'];
        expect(header).toMatch(/^<https:\/\/mujaz\.example\/api\/unsubscribe\?token=[^>]+>$/u);
        expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
        const url = header!.slice(1, -1);
        urls.add(url);
        expect(h.tokens.verify(tokenFromLink(url, '/unsubscribe'), 'unsubscribe', h.clock.now()).email).toBe(mail.to);
        expect(mail.html).toContain(`href="${url.replace(/&/gu, '&amp;')}"`);
        expect(mail.text).toContain(url);
        expect(mail.html).not.toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
        expect(mail.text).not.toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
      }
      expect(urls.size).toBe(readers.length);
    });

    it('sends the same edition to everyone: the two reports, Arabic subject', async () => {
      await sendDigest(h.digestDeps);
      const [first, ...rest] = h.mailer.sent;
      expect(first!.subject.startsWith(labelsFor('ar').digestHeading)).toBe(true);
      for (const mail of rest) expect(mail.subject).toBe(first!.subject);
      expect(first!.text).toContain(ENGLISH_REPORT.title);
      expect(first!.text).toContain(parsePlainTextReport(SAMPLE_REPORT_AR).title);
    });

    it('lets a reader leave through the link in their digest', async () => {
      await sendDigest(h.digestDeps);
      const mail = h.mailer.sentTo('badr@example.com')[0]!;
      await unsubscribe(h.subscriptionDeps, tokenFromLink(mail.html, '/unsubscribe'));
      expect((await h.subscribers.find('badr@example.com'))?.status).toBe('unsubscribed');
      expect((await h.subscribers.find('amal@example.com'))?.status).toBe('confirmed');
    });

    it('sends nothing when run again for the same week', async () => {
      await sendDigest(h.digestDeps);
      const again = await sendDigest(h.digestDeps);
      expect(again).toMatchObject({ status: 'sent', sent: 0, alreadySent: readers.length, failed: 0 });
      expect(h.mailer.sent).toHaveLength(readers.length);
    });

    it('counts a failed delivery, sends to the others, and retries only the failed reader on the next run', async () => {
      h.mailer.failFor('badr@example.com');
      const first = await sendDigest(h.digestDeps);
      expect(first).toMatchObject({ sent: 2, failed: 1, alreadySent: 0 });
      expect(h.mailer.sent.map((mail) => mail.to).sort()).toEqual(['amal@example.com', 'carol@example.com']);
      expect(h.ledger.deliveriesOf().map((record) => record.email)).not.toContain('badr@example.com');
      expect(
        h.logger.entries.some(
          (entry) => entry.level === 'error' && JSON.stringify(entry.attributes).includes('b***@example.com'),
        ),
      ).toBe(true);
      expect(JSON.stringify(h.logger.entries)).not.toContain('badr@example.com');

      h.mailer.stopFailing();
      const second = await sendDigest(h.digestDeps);
      expect(second).toMatchObject({ sent: 1, failed: 0, alreadySent: 2 });
      expect(h.mailer.sent.slice(2).map((mail) => mail.to)).toEqual(['badr@example.com']);
      expect(h.mailer.sent[2]!.html.replace(/token=[^"&\s\]]+/gu, '')).toBe(
        h.mailer.sent[0]!.html.replace(/token=[^"&\s\]]+/gu, ''),
      );
    });

    it('fails the run when the ledger fails, and a rerun reaches only the readers it missed', async () => {
      const claim = h.ledger.claim.bind(h.ledger);
      const spy = jest.spyOn(h.ledger, 'claim').mockImplementation(async (editionId, email, at) => {
        if (email === 'badr@example.com') throw new Error('ledger unavailable');
        return claim(editionId, email, at);
      });
      await expect(sendDigest(h.digestDeps)).rejects.toThrow('ledger unavailable');
      spy.mockRestore();
      const sentFirst = h.mailer.sent.map((mail) => mail.to);
      expect(sentFirst).not.toContain('badr@example.com');
      const rerun = await sendDigest(h.digestDeps);
      expect(rerun).toMatchObject({
        sent: readers.length - sentFirst.length,
        alreadySent: sentFirst.length,
        failed: 0,
      });
      expect(h.mailer.sent.map((mail) => mail.to).sort()).toEqual(readers);
    });

    it('reaches a reader who confirmed after the first run, and nobody else', async () => {
      await sendDigest(h.digestDeps);
      await h.addSubscriber('late@example.com', 'confirmed');
      expect(await sendDigest(h.digestDeps)).toMatchObject({ sent: 1, alreadySent: readers.length });
      expect(h.mailer.sent.at(-1)!.to).toBe('late@example.com');
    });

    it('freezes the edition: a report arriving after the first run does not change what later runs send', async () => {
      await sendDigest(h.digestDeps);
      await ingestReport(h.ingestDeps, {
        title: 'Arrived late',
        body: 'This report came in after the send started. It waits for next week.',
      });
      await h.addSubscriber('late@example.com', 'confirmed');
      const again = await sendDigest(h.digestDeps);
      expect(again.reports).toBe(2);
      expect(h.mailer.sent.at(-1)!.text).not.toContain('Arrived late');
    });

    it("answers 'no-reports' and sends nothing for a week without reports", async () => {
      const summary = await sendDigest(h.digestDeps, '2026-W40');
      expect(summary).toEqual({
        week: '2026-W40',
        status: 'no-reports',
        reports: 0,
        sent: 0,
        alreadySent: 0,
        failed: 0,
      });
      expect(h.mailer.sent).toEqual([]);
      expect(h.ledger.editionIds()).toEqual([]);
    });

    it('sends the current week when none is named, in the newsletter time zone', async () => {
      h.clock.set('2026-11-29T22:00:00Z'); // Sunday in UTC, Monday 30 November (W49) in Riyadh
      expect(await sendDigest(h.digestDeps)).toMatchObject({ week: '2026-W49', status: 'no-reports' });
    });

    it('rejects a week that does not exist', async () => {
      await expect(sendDigest(h.digestDeps, '2026-W54')).rejects.toBeInstanceOf(InvalidInputError);
      expect(h.mailer.sent).toEqual([]);
    });
  });

  describe('previewDigest', () => {
    it('shows the edition and counts, sends nothing and freezes nothing', async () => {
      const preview = await previewDigest(h.digestDeps);
      expect(preview).toMatchObject({ week: '2026-W48', reports: 2, recipients: readers.length, frozen: false });
      expect(preview.html).toContain('<html lang="ar" dir="rtl"');
      expect(preview.html).toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
      expect(h.mailer.sent).toEqual([]);
      expect(h.ledger.editionIds()).toEqual([]);
      expect(h.ledger.deliveriesOf()).toEqual([]);
      // Not frozen: a report that arrives now still makes it into the send.
      await ingestReport(h.ingestDeps, {
        title: 'Arrived after the preview',
        body: 'It still makes the digest. Nothing was frozen yet.',
      });
      expect((await previewDigest(h.digestDeps)).reports).toBe(3);
      expect(await sendDigest(h.digestDeps)).toMatchObject({ reports: 3 });
    });

    it('shows the frozen edition once a send has run', async () => {
      await sendDigest(h.digestDeps);
      const frozen = await h.ledger.findEdition('2026-W48');
      await ingestReport(h.ingestDeps, {
        title: 'Arrived late',
        body: 'Too late for this edition. It waits for the next one.',
      });
      const preview = await previewDigest(h.digestDeps);
      expect(preview).toMatchObject({
        frozen: true,
        reports: 2,
        subject: frozen!.subject,
        html: frozen!.html,
        text: frozen!.text,
      });
    });

    it('renders an empty edition for a week without reports', async () => {
      const preview = await previewDigest(h.digestDeps, '2026-W40');
      expect(preview).toMatchObject({ week: '2026-W40', reports: 0, frozen: false });
      expect(h.ledger.editionIds()).toEqual([]);
    });
  });

  describe('sendTestDigest', () => {
    it('sends the edition to the given address with the test prefix, and records no delivery', async () => {
      const result = await sendTestDigest(h.digestDeps, '  Editor@Example.com ');
      expect(result.week).toBe('2026-W48');
      expect(h.mailer.sent).toHaveLength(1);
      const mail = h.mailer.sent[0]!;
      expect(mail.to).toBe('editor@example.com');
      expect(result.messageId).toBeTruthy();
      expect(mail.subject.startsWith(`${labelsFor('ar').testSubjectPrefix} ${labelsFor('ar').digestHeading}`)).toBe(
        true,
      );
      expect(mail.headers?.['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
      expect(mail.html).not.toContain(UNSUBSCRIBE_URL_PLACEHOLDER);
      expect(h.ledger.deliveriesOf()).toEqual([]);
      expect(h.ledger.editionIds()).toEqual([]);
    });

    it('can be repeated, and does not stop the real send from reaching that address', async () => {
      await h.addSubscriber('editor@example.com', 'confirmed');
      await sendTestDigest(h.digestDeps, 'editor@example.com');
      await sendTestDigest(h.digestDeps, 'editor@example.com');
      expect(h.mailer.sentTo('editor@example.com')).toHaveLength(2);
      await sendDigest(h.digestDeps);
      expect(h.mailer.sentTo('editor@example.com')).toHaveLength(3);
    });

    it('rejects a bad address', async () => {
      await expect(sendTestDigest(h.digestDeps, 'nobody')).rejects.toBeInstanceOf(InvalidInputError);
      expect(h.mailer.sent).toEqual([]);
    });
  });
});

describe('what a send does when the world misbehaves', () => {
  let h: Harness;
  beforeEach(async () => {
    h = createHarness();
    await ingestReport(h.ingestDeps, ENGLISH_REPORT);
    await h.addSubscriber('amal@example.com', 'confirmed');
    await h.addSubscriber('badr@example.com', 'confirmed');
  });

  it('never resends a digest whose delivery record could not be written after the mailer took it', async () => {
    const recordSent = jest.spyOn(h.ledger, 'recordSent').mockRejectedValueOnce(new Error('throttled'));
    expect(await sendDigest(h.digestDeps)).toMatchObject({ sent: 2, failed: 0 });
    recordSent.mockRestore();
    expect(await sendDigest(h.digestDeps)).toMatchObject({ sent: 0, alreadySent: 2 });
    expect(h.mailer.sent).toHaveLength(2);
    expect(
      h.logger.entries.some((entry) => entry.level === 'warn' && entry.message.includes('delivery record failed')),
    ).toBe(true);
  });

  it('keeps addresses quoted in a provider error out of the logs', async () => {
    jest
      .spyOn(h.mailer, 'send')
      .mockRejectedValue(
        new Error('MessageRejected: Email address is not verified: amal@example.com, badr@example.com'),
      );
    expect(await sendDigest(h.digestDeps)).toMatchObject({ sent: 0, failed: 2 });
    const logged = JSON.stringify(h.logger.entries);
    expect(logged).toContain('a***@example.com');
    expect(logged).not.toMatch(/amal@|badr@/u);
  });
});

describe('a report arriving after its week was sent', () => {
  it("goes into next week's digest instead of being lost", async () => {
    const h = createHarness();
    await h.addSubscriber('amal@example.com', 'confirmed');
    await ingestReport(h.ingestDeps, ENGLISH_REPORT);
    expect(await sendDigest(h.digestDeps)).toMatchObject({ week: '2026-W48', sent: 1 });

    const late = await ingestReport(h.ingestDeps, {
      title: 'Arrived after the send',
      body: 'One sentence here. Another sentence there. And a third one.',
    });
    expect(late.report.week).toBe('2026-W49');

    h.clock.advance(7 * 86_400_000);
    const next = await sendDigest(h.digestDeps);
    expect(next).toMatchObject({ week: '2026-W49', sent: 1, reports: 1 });
    expect(h.mailer.sent.at(-1)!.html).toContain('Arrived after the send');
  });
});
