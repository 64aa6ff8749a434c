// POST /reports with an article page (text/html, application/xhtml+xml, or JSON with `html`), and what a report
// keeps of its language and of the text as sent.
import type { Hono } from 'hono';
import type { Report } from '../../../lambdas/core/domain/report';
import { cleanText } from '../../../lambdas/core/domain/text-cleaning';
import { FIXTURE_BOILERPLATE, htmlFixture } from '../../support/html-fixtures';
import { expectSummaryOf, FRENCH_REPORT, PERSIAN_REPORT } from '../../support/use-case-harness';
import { admin, apiAppFor, createHttpHarness, errorOf, type HttpHarness, json } from './http-harness';

let h: HttpHarness;
let app: Hono;

beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

const postReport = (body: RequestInit['body'], headers: Record<string, string> = { ...admin, ...json }) =>
  app.request('/reports', { method: 'POST', headers, body });
const postPage = (html: RequestInit['body'], type = 'text/html; charset=utf-8') =>
  postReport(html, { ...admin, 'content-type': type });

const ARABIC_HEADLINE = 'محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي';
const ENGLISH_HEADLINE = 'Harbour town bets on tidal power to cut bills';

describe('POST /reports: article pages', () => {
  it.each([
    ['arabic-news-article.html', ARABIC_HEADLINE, 'ar'],
    ['english-news-article.html', ENGLISH_HEADLINE, 'en'],
  ] as const)(
    'ingests %s as text/html: title and language from the page, summary from the article alone',
    async (name, title, language) => {
      const html = htmlFixture(name);
      const response = await postPage(html);
      expect(response.status).toBe(201);
      const { report } = (await response.json()) as { report: Report };
      expect(report).toMatchObject({ title, language });
      expect(report).not.toHaveProperty('body');
      expect(report).not.toHaveProperty('original');
      const article = h.extractor.extract(html).text;
      expect(h.reports.all()[0]!.body).toBe(article);
      expectSummaryOf(report.summary, article);
      for (const boilerplate of FIXTURE_BOILERPLATE[name])
        for (const sentence of report.summary) expect(sentence).not.toContain(boilerplate);
    },
  );

  it('accepts application/xhtml+xml too, and answers the same page again with 200 created:false', async () => {
    expect((await postPage(htmlFixture('english-news-article.html'), 'application/xhtml+xml')).status).toBe(201);
    const again = await postPage(htmlFixture('english-news-article.html'));
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ created: false });
    expect(h.reports.all()).toHaveLength(1);
  });

  it('detects the language of a page without <html lang>', async () => {
    const response = await postPage(htmlFixture('arabic-news-article.html').replace(/<html[^>]*>/u, '<html>'));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { report: Report }).report.language).toBe('ar');
  });

  it('accepts JSON with html: the page gives the title, the request its url, lede and language', async () => {
    const response = await postReport(
      JSON.stringify({
        html: htmlFixture('english-news-article.html'),
        url: 'https://ledger.example/tidal',
        lede: 'Port Wenlow votes for a tidal array.',
        language: 'en',
      }),
    );
    expect(response.status).toBe(201);
    const { report } = (await response.json()) as { report: Report };
    expect(report).toMatchObject({
      title: ENGLISH_HEADLINE,
      url: 'https://ledger.example/tidal',
      lede: 'Port Wenlow votes for a tidal array.',
      language: 'en',
    });
    expectSummaryOf(
      report.summary,
      `${report.lede}\n${h.extractor.extract(htmlFixture('english-news-article.html')).text}`,
    );
  });

  it("takes the request's title and language over the page's", async () => {
    const response = await postReport(
      JSON.stringify({ html: htmlFixture('short-paragraphs.html'), title: 'Library hours', language: 'fr' }),
    );
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ report: { title: 'Library hours', language: 'fr' } });
  });

  it('answers 400 naming the title for JSON html whose page names no headline', async () => {
    const error = await errorOf(
      await postReport(JSON.stringify({ html: '<p>First sentence here.</p><p>Second sentence here.</p>' })),
      400,
    );
    expect(error.code).toBe('invalid_input');
    expect(error.problems?.map((problem) => problem.field)).toEqual(['title']);
  });

  it('answers 400 invalid_encoding for a page that is not UTF-8', async () => {
    const windows1256 = new Uint8Array([0x3c, 0x70, 0x3e, 0xe3, 0xd1, 0xcd, 0xc8, 0xc7, 0x3c, 0x2f, 0x70, 0x3e]);
    expect((await errorOf(await postPage(windows1256, 'text/html'), 400)).code).toBe('invalid_encoding');
  });
});

describe('POST /reports: language and the original text', () => {
  it("keeps an editor's 'fr' (left to right) and 'fa' (right to left), and the digest marks each item so", async () => {
    for (const [report, language] of [
      [FRENCH_REPORT, 'fr'],
      [PERSIAN_REPORT, 'fa'],
    ] as const) {
      const response = await postReport(JSON.stringify({ title: report.title, text: report.body, language }));
      expect(response.status).toBe(201);
      expect(await response.json()).toMatchObject({ report: { language } });
    }
    const preview = await app.request('/digests', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify({ mode: 'preview' }),
    });
    const { html } = (await preview.json()) as { html: string };
    expect(html).toContain('dir="ltr" lang="fr"');
    expect(html).toContain('dir="rtl" lang="fa"');
  });

  it('keeps the text as sent next to the cleaned body when cleaning changed it, and answers with neither', async () => {
    const response = await postReport(
      JSON.stringify({ title: PERSIAN_REPORT.title, text: PERSIAN_REPORT.body, language: 'fa' }),
    );
    expect(response.status).toBe(201);
    const answered = (await response.json()) as { report: Record<string, unknown> };
    expect(answered.report).not.toHaveProperty('body');
    expect(answered.report).not.toHaveProperty('original');
    const [stored] = h.reports.all();
    expect(stored!.original).toBe(PERSIAN_REPORT.body);
    expect(stored!.body).toBe(cleanText(PERSIAN_REPORT.body));
    expect(stored!.body).not.toBe(stored!.original);
  });
});
