// Each input rule of the core, seen from every HTTP route that takes such an input: what the rule refuses, the route
// refuses, with a 4xx JSON error naming the field (an import names the row and the column instead, and goes on).
import type { Hono } from 'hono';
import { MAX_EMAIL_LENGTH } from '../../../lambdas/core/domain/email-address';
import { INSTANT_RULE } from '../../../lambdas/core/domain/instant';
import { ENGLISH_REPORT } from '../../support/use-case-harness';
import {
  admin,
  apiAppFor,
  createHttpHarness,
  errorOf,
  type HttpHarness,
  importThroughApi,
  json,
  TEST_CLIENT_HEADER,
} from './http-harness';

let h: HttpHarness;
let app: Hono;

beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

let clients = 0;
const post = (path: string, body: string, headers: Record<string, string>) => {
  clients += 1;
  return app.request(path, {
    method: 'POST',
    headers: { [TEST_CLIENT_HEADER]: `203.0.113.${clients % 250}`, ...headers },
    body,
  });
};
const postJson = (path: string, body: unknown, asAdmin = false) =>
  post(path, JSON.stringify(body), { ...json, ...(asAdmin ? admin : {}) });
const importList = async (csv: string) => {
  const { imported, firstRejections } = await importThroughApi(app, h, csv);
  return { imported, rejected: firstRejections };
};

/** The fields a 400 names, after checking it is one. */
const fieldsOf = async (response: Response) => (await errorOf(response, 400)).problems?.map((p) => p.field);

/** An address of exactly `length` characters. */
const addressOf = (length: number) => {
  const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.example`;
  const local = 'a'.repeat(length - domain.length - 1);
  return `${local}@${domain}`;
};

describe('instants (RFC 3339: date, time with seconds, offset)', () => {
  const lenient = ['2026-11-01', '2026-11-01T09:00:00', '2026-11-01T09:00Z', '2026-02-29T09:00:00Z'];

  it.each(lenient)('POST /digests refuses the period start %j, naming from and the rule', async (from) => {
    const error = await errorOf(await postJson('/digests', { mode: 'preview', from }, true), 400);
    expect(error.problems).toEqual([{ field: 'from', message: INSTANT_RULE }]);
  });

  it.each(lenient)('POST /digests refuses the period end %j for a test send, naming until', async (until) => {
    const error = await errorOf(await postJson('/digests', { mode: 'test', to: 'e@example.com', until }, true), 400);
    expect(error.problems).toEqual([{ field: 'until', message: INSTANT_RULE }]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('POST /digests takes a period by the rule, with an offset', async () => {
    const response = await postJson('/digests', { mode: 'preview', until: '2026-11-24T12:00:00+03:00' }, true);
    expect(response.status).toBe(200);
  });

  it.each(lenient)('POST /reports refuses the publishedAt %j, naming it and the rule', async (publishedAt) => {
    const response = await postJson('/reports', { title: 'T', text: 'One. Two.', publishedAt }, true);
    expect((await errorOf(response, 400)).problems).toEqual([{ field: 'publishedAt', message: INSTANT_RULE }]);
    expect(h.reports.all()).toEqual([]);
  });

  it('POST /subscribers/import rejects each row whose confirmed_at breaks the rule, naming the column', async () => {
    const outcome = await importList(
      [
        'email,confirmed_at',
        ...lenient.map((at, index) => `r${index}@example.com,${at}`),
        'ok@example.com,2026-11-01T09:00:00Z',
      ].join('\n'),
    );
    expect(outcome.imported).toBe(1);
    expect(outcome.rejected).toEqual(
      lenient.map((_at, index) => ({ line: index + 2, reason: `confirmed_at ${INSTANT_RULE}` })),
    );
  });
});

describe('language codes (ISO 639)', () => {
  it.each(['French', 'fr-CA', 'f', 'fr1'])('POST /reports refuses the language %j, naming it', async (language) => {
    const body = { title: ENGLISH_REPORT.title, text: ENGLISH_REPORT.body, language };
    expect(await fieldsOf(await postJson('/reports', body, true))).toEqual(['language']);
  });

  it('POST /reports takes a code in any case, and keeps it lower-cased', async () => {
    const response = await postJson(
      '/reports',
      { title: ENGLISH_REPORT.title, text: ENGLISH_REPORT.body, language: ' CKB ' },
      true,
    );
    expect(response.status).toBe(201);
    expect(((await response.json()) as { report: { language: string } }).report.language).toBe('ckb');
  });

  it('POST /subscribers/import rejects a row whose language is no code, and takes one in capitals', async () => {
    const outcome = await importList('email,language\nfr@example.com,French\nckb@example.com, CKB\n');
    expect(outcome.rejected).toEqual([{ line: 2, reason: 'language is not an ISO 639 code' }]);
    expect(outcome.imported).toBe(1);
    await h.processSubscriptions();
    expect(await h.subscribers.find('ckb@example.com')).toMatchObject({ language: 'ckb' });
  });
});

describe('the newsletter languages', () => {
  it.each(['fr', 'AR', 'ar-EG'])('POST /subscriptions refuses the reader language %j, naming it', async (language) => {
    expect(await fieldsOf(await postJson('/subscriptions', { email: 'r@example.com', language }))).toEqual([
      'language',
    ]);
  });

  it.each(['fr', 'EN'])('GET /?lang=%s answers 400 naming lang', async (lang) => {
    expect(await fieldsOf(await app.request(`/?lang=${lang}`))).toEqual(['lang']);
  });

  it.each(['ar', 'en'])('POST /subscriptions and GET / take %s', async (language) => {
    expect((await postJson('/subscriptions', { email: `${language}@example.com`, language })).status).toBe(202);
    expect((await app.request(`/?lang=${language}`)).status).toBe(200);
  });
});

describe('email length (MAX_EMAIL_LENGTH, 254)', () => {
  const longest = addressOf(MAX_EMAIL_LENGTH);
  const tooLong = addressOf(MAX_EMAIL_LENGTH + 1);

  it('POST /subscriptions takes an address of 254 characters and refuses one of 255, naming email', async () => {
    expect(longest).toHaveLength(254);
    expect((await postJson('/subscriptions', { email: longest })).status).toBe(202);
    expect(await fieldsOf(await postJson('/subscriptions', { email: tooLong }))).toEqual(['email']);
    await h.processSubscriptions();
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual([longest]);
  });

  it('POST /digests refuses a test send to an address of 255 characters, naming to', async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    expect(await fieldsOf(await postJson('/digests', { mode: 'test', to: tooLong }, true))).toEqual(['to']);
    expect((await postJson('/digests', { mode: 'test', to: longest }, true)).status).toBe(200);
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual([longest]);
  });

  it('POST /subscribers/import rejects a row whose address is 255 characters', async () => {
    const outcome = await importList(`email\n${tooLong}\n${longest}\n`);
    expect(outcome.rejected).toEqual([{ line: 2, reason: 'email is not a valid address' }]);
    expect(outcome.imported).toBe(1);
  });

  it('the subscribe page lets a browser type no more than the limit', async () => {
    expect(await (await app.request('/')).text()).toContain(`maxlength="${MAX_EMAIL_LENGTH}"`);
  });
});
