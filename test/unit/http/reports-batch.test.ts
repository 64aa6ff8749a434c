// POST /reports/batch: a JSON array of reports, each answered on its own; the batch as a whole fails only for
// what is wrong with the request itself (not an array, too many items, not JSON, too large, no token).
import type { Hono } from 'hono';
import { MAX_REPORT_BYTES } from '../../../lambdas/core/domain/report-limits';
import { MAX_BATCH_REPORTS } from '../../../lambdas/core/use-cases/ingest-report';
import { htmlFixture } from '../../support/html-fixtures';
import { ENGLISH_REPORT } from '../../support/use-case-harness';
import {
  admin,
  apiAppFor,
  createHttpHarness,
  type ErrorJson,
  errorOf,
  type HttpHarness,
  json,
  loggedErrors,
} from './http-harness';

let h: HttpHarness;
let app: Hono;

beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

const postBatch = (body: unknown, headers: Record<string, string> = { ...admin, ...json }) =>
  app.request('/reports/batch', {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

interface BatchAnswer {
  results: {
    index: number;
    status: 'created' | 'exists' | 'rejected';
    report?: Record<string, unknown>;
    error?: ErrorJson['error'];
  }[];
  created: number;
  existing: number;
  rejected: number;
}

const ARABIC_HEADLINE = 'محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي';

describe('POST /reports/batch', () => {
  it('answers 200 with a result per item: good ones stored, bad ones not, one bad item failing nothing else', async () => {
    const response = await postBatch([
      { title: ENGLISH_REPORT.title, lede: ENGLISH_REPORT.lede, text: ENGLISH_REPORT.body },
      { title: 'T', text: 'Only one sentence.' },
      { html: htmlFixture('arabic-news-article.html'), url: 'https://news.example/water' },
      { title: 'T', text: 'x'.repeat(MAX_REPORT_BYTES + 1) },
      { title: 'No text' },
      'not an object',
      { title: 'T', text: 'Body one. Body two.', language: 'Klingon' },
      {
        title: ENGLISH_REPORT.title,
        lede: ENGLISH_REPORT.lede,
        text: ENGLISH_REPORT.body,
        url: 'https://news.example/again',
      },
      { title: 'T', text: 'Bad\u0000 bytes. More\u0000 here.' },
      { html: htmlFixture('markup-only.html'), title: 'Empty page' },
    ]);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as BatchAnswer;
    expect(answer.results.map(({ index, status }) => [index, status])).toEqual([
      [0, 'created'],
      [1, 'rejected'],
      [2, 'created'],
      [3, 'rejected'],
      [4, 'rejected'],
      [5, 'rejected'],
      [6, 'rejected'],
      [7, 'exists'],
      [8, 'rejected'],
      [9, 'rejected'],
    ]);
    expect(answer).toMatchObject({ created: 2, existing: 1, rejected: 7 });
    expect(answer.results.map((result) => result.error?.reason)).toEqual([
      undefined,
      'single_sentence',
      undefined,
      'too_large',
      undefined,
      undefined,
      undefined,
      undefined,
      'binary',
      'markup_only',
    ]);
    for (const index of [1, 3, 4, 5, 6, 8, 9]) expect(answer.results[index]!.error?.code).toBe('invalid_input');
    expect(answer.results[4]!.error?.problems?.map((problem) => problem.field)).toEqual(['text']);
    expect(answer.results[5]!.error?.problems?.map((problem) => problem.field)).toEqual(['']);
    expect(answer.results[6]!.error?.problems?.map((problem) => problem.field)).toEqual(['language']);
    expect(answer.results[0]!.report).toMatchObject({ title: ENGLISH_REPORT.title, language: 'en' });
    expect(answer.results[0]!.report).not.toHaveProperty('body');
    expect(answer.results[2]!.report).toMatchObject({
      title: ARABIC_HEADLINE,
      language: 'ar',
      url: 'https://news.example/water',
    });
    expect(answer.results[2]!.report).not.toHaveProperty('body');
    expect(answer.results[2]!.report).not.toHaveProperty('original');
    expect(answer.results[7]!.report).toEqual(answer.results[0]!.report);
    expect(
      h.reports
        .all()
        .map((report) => report.title)
        .sort(),
    ).toEqual([ENGLISH_REPORT.title, ARABIC_HEADLINE].sort());
    expect(loggedErrors(h)).toEqual([]);
  });

  it('answers 200 with zero counts for an empty batch', async () => {
    const response = await postBatch([]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ results: [], created: 0, existing: 0, rejected: 0 });
  });

  it(`answers 400 for more than ${MAX_BATCH_REPORTS} items, storing none, and takes ${MAX_BATCH_REPORTS}`, async () => {
    const items = Array.from({ length: MAX_BATCH_REPORTS + 1 }, (_, index) => ({
      title: `Report ${index}`,
      text: 'First sentence. Second sentence.',
    }));
    const error = await errorOf(await postBatch(items), 400);
    expect(error.code).toBe('invalid_input');
    expect(error.message).toContain(String(MAX_BATCH_REPORTS));
    expect(h.reports.all()).toEqual([]);
    const full = await postBatch(items.slice(0, MAX_BATCH_REPORTS));
    expect(full.status).toBe(200);
    expect(((await full.json()) as BatchAnswer).created).toBe(MAX_BATCH_REPORTS);
  });

  it('answers 400 invalid_input for a body that is not an array', async () => {
    expect((await errorOf(await postBatch({ title: 'T', text: 'One. Two.' }), 400)).code).toBe('invalid_input');
    expect(h.reports.all()).toEqual([]);
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    expect((await errorOf(await postBatch('[{"title": '), 400)).code).toBe('invalid_json');
  });

  it('answers 415 for a body that is not JSON at all', async () => {
    const error = await errorOf(await postBatch('Title\nLede\nBody.', { ...admin, 'content-type': 'text/plain' }), 415);
    expect(error.code).toBe('unsupported_media_type');
  });

  it('answers 401 to anonymous callers and to a wrong token, storing nothing', async () => {
    for (const headers of [json, { ...json, authorization: 'Bearer wrong-token' }]) {
      const error = await errorOf(
        await postBatch([{ title: ENGLISH_REPORT.title, text: ENGLISH_REPORT.body }], headers),
        401,
      );
      expect(error.code).toBe('unauthorized');
    }
    expect(h.reports.all()).toEqual([]);
  });

  it('answers 413 too_large for a body over the batch limit', async () => {
    const error = await errorOf(await postBatch([{ title: 'T', text: 'x'.repeat(5 * 1_048_576) }]), 413);
    expect(error).toMatchObject({ code: 'payload_too_large', reason: 'too_large' });
    expect(h.reports.all()).toEqual([]);
  });
});
