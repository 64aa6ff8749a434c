// Flow test: reports in through the Hono app — an HTML page, JSON text kept as sent, a batch — on the real
// adapters against DynamoDB Local, read back from the table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { DynamoReportRepository } from '../../lambdas/adapters/dynamo-report-repository';
import { ReadabilityArticleExtractor } from '../../lambdas/adapters/readability-article-extractor';
import { ReportRejectedError } from '../../lambdas/core/domain/errors';
import { type Report, storedTextBytes } from '../../lambdas/core/domain/report';
import { MAX_REPORT_BYTES } from '../../lambdas/core/domain/report-limits';
import { splitParagraphs, splitSentences } from '../../lambdas/core/domain/sentences';
import { cleanText } from '../../lambdas/core/domain/text-cleaning';
import { apiAppOver, createTestMujaz, type TestMujaz } from '../support/local-services';

const ADMIN_TOKEN = 'report-input-admin-token';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'html', name), 'utf8');

let test: TestMujaz;
let app: Hono;
let reports: DynamoReportRepository;

beforeAll(async () => {
  test = await createTestMujaz('reports-in');
  app = apiAppOver(test, ADMIN_TOKEN);
  reports = new DynamoReportRepository(test.clients.dynamo, test.tableName);
});
afterAll(async () => test.close());

const post = (path: string, body: string, type: string) =>
  app.request(path, { method: 'POST', headers: { ...admin, 'content-type': type }, body });

/** Each summary sentence is a sentence of the text, in document order. */
function expectSummaryFrom(summary: string[], text: string): void {
  const sentences = splitParagraphs(text).flatMap(splitSentences);
  const positions = summary.map((sentence) => sentences.indexOf(sentence));
  expect(summary.length).toBeGreaterThan(0);
  for (const position of positions) expect(position).toBeGreaterThanOrEqual(0);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

describe('reports in, on DynamoDB Local', () => {
  it('stores an HTML page posted as text/html: the article text, its headline, its language and its summary', async () => {
    const html = fixture('arabic-news-article.html');
    const response = await post('/reports', html, 'text/html; charset=utf-8');
    expect(response.status).toBe(201);
    const { report } = (await response.json()) as { report: Omit<Report, 'body'> };

    const stored = await reports.findById(report.id);
    const article = new ReadabilityArticleExtractor().extract(html);
    expect(stored).toMatchObject({
      ...report,
      title: 'محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي',
      language: 'ar',
      body: article.text,
    });
    expect(stored).not.toHaveProperty('original');
    expectSummaryFrom(stored!.summary, article.text);
    for (const boilerplate of ['نستخدم ملفات تعريف الارتباط', 'الأكثر قراءة', 'جميع الحقوق محفوظة', 'شارك على فيسبوك'])
      expect(stored!.body).not.toContain(boilerplate);
    const waiting = await reports.listUntaken({ until: new Date().toISOString() });
    expect(waiting.map((listed) => listed.id)).toContain(report.id);

    const again = await post('/reports', html, 'text/html');
    expect(again.status).toBe(200);
  });

  it('keeps the original next to the cleaned body, even at the size limit with a full-length url', async () => {
    // Two near-halves of the limit: sent, and cleaned (a zero-width space at each line's start makes them differ).
    const lines: string[] = [];
    for (let index = 0, size = 0; size < MAX_REPORT_BYTES * 0.48; index += 1) {
      const line = `\u200BParagraph ${index} says the harbour board met and approved berth ${index}. Work on it starts in week ${index % 52}.`;
      lines.push(line);
      size += Buffer.byteLength(line) + 1;
    }
    const text = lines.join('\n');
    const url = `https://news.example/${'a'.repeat(2000)}`;
    const response = await post(
      '/reports',
      JSON.stringify({ title: 'The harbour board approves every berth', text, url, language: 'en' }),
      'application/json',
    );
    expect(response.status).toBe(201);
    const { report } = (await response.json()) as { report: Report };
    const stored = (await reports.findById(report.id))!;
    expect(stored.original).toBe(text);
    expect(stored.body).toBe(cleanText(text));
    expect(stored.url).toBe(url);
    expect(storedTextBytes(stored)).toBeGreaterThan(MAX_REPORT_BYTES * 0.9);
    expect(storedTextBytes(stored)).toBeLessThanOrEqual(MAX_REPORT_BYTES);
  });

  it('answers 413 too_large, not 500, for a report that could not be stored, and stores nothing', async () => {
    // Under the limit as sent; twice over it with the original kept next to the cleaned text.
    const half = 'word '.repeat(MAX_REPORT_BYTES / 10 - 100);
    const response = await post(
      '/reports',
      JSON.stringify({ title: 'Too large', text: `\u200B${half}.\n${half}.` }),
      'application/json',
    );
    expect(response.status).toBe(413);
    const { error } = (await response.json()) as { error: { code: string; reason: string; message: string } };
    expect(error).toMatchObject({ code: 'invalid_input', reason: 'too_large' });
    expect(error.message).toContain('to store');
  });

  it('answers a batch item by item: good reports stored, bad ones not', async () => {
    const good = {
      title: 'Ferry timetable cut for the winter',
      text: 'The ferry will run twice a day from November. The operator blames rising fuel costs.',
    };
    const response = await post(
      '/reports/batch',
      JSON.stringify([
        good,
        { title: 'One', text: 'Just one sentence.' },
        { html: fixture('english-news-article.html') },
        { html: fixture('markup-only.html'), title: 'Nothing' },
        good,
      ]),
      'application/json',
    );
    expect(response.status).toBe(200);
    const answer = (await response.json()) as {
      results: { index: number; status: string; report?: Report; error?: { reason?: string } }[];
      created: number;
      existing: number;
      rejected: number;
    };
    expect(answer.results.map((result) => result.status)).toEqual([
      'created',
      'rejected',
      'created',
      'rejected',
      'exists',
    ]);
    expect(answer.results.map((result) => result.error?.reason)).toEqual([
      undefined,
      'single_sentence',
      undefined,
      'markup_only',
      undefined,
    ]);
    expect(answer).toMatchObject({ created: 2, existing: 1, rejected: 2 });
    for (const index of [0, 2]) {
      const stored = await reports.findById(answer.results[index]!.report!.id);
      expect(stored).toMatchObject(answer.results[index]!.report!);
    }
    const waiting = await reports.listUntaken({ until: new Date().toISOString() });
    expect(waiting.map((report) => report.title)).not.toContain('One');
    expect(waiting.map((report) => report.title)).not.toContain('Nothing');
  });
});

describe('DynamoReportRepository and the item size limit', () => {
  it("turns DynamoDB's item-too-large ValidationException into ReportRejectedError('too_large')", async () => {
    const oversized: Report = {
      id: 'oversized',
      title: 'Oversized',
      body: 'x'.repeat(300_000),
      original: `\u200B${'x'.repeat(300_000)}`,
      language: 'en',
      receivedAt: '2026-11-24T09:00:00.000Z',
      summary: [],
      keyPhrases: [],
    };
    const error = await reports.saveIfAbsent(oversized).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReportRejectedError);
    expect((error as ReportRejectedError).reason).toBe('too_large');
    expect(await reports.findById('oversized')).toBeUndefined();
  });
});
