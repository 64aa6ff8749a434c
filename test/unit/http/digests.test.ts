// POST /digests: the three modes — preview (nothing sent), test (one email to the editor), send (handed to the
// dispatcher, which runs it in the background or in process) — and the requests it refuses.
import type { Hono } from 'hono';
import { labelsFor } from '../../../lambdas/core/domain/newsletter-labels';
import { ENGLISH_REPORT } from '../../support/use-case-harness';
import {
  admin,
  apiAppFor,
  createHttpHarness,
  errorOf,
  FakeDispatcher,
  form,
  type HttpHarness,
  json,
} from './http-harness';

let h: HttpHarness;
let dispatcher: FakeDispatcher;
let app: Hono;

beforeEach(async () => {
  h = createHttpHarness();
  dispatcher = new FakeDispatcher();
  app = apiAppFor(h, { dispatcher });
  await h.useCases.ingestReport(ENGLISH_REPORT);
  await h.addSubscriber('reader@example.com', 'confirmed');
});

const postDigest = (body: unknown) =>
  app.request('/digests', { method: 'POST', headers: { ...admin, ...json }, body: JSON.stringify(body) });

describe('POST /digests', () => {
  it('previews: 200 with the html, sending nothing', async () => {
    const response = await postDigest({ mode: 'preview' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ mode: 'preview', week: '2026-W48', reports: 1, recipients: 1, frozen: false });
    expect(body.html).toEqual(expect.stringContaining('<html lang="ar" dir="rtl"'));
    expect(body.html).toEqual(expect.stringContaining(ENGLISH_REPORT.title));
    expect(h.mailer.sent).toEqual([]);
    expect(dispatcher.weeks).toEqual([]);
  });

  it('previews a named week', async () => {
    const response = await postDigest({ mode: 'preview', week: '2026-W40' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ mode: 'preview', week: '2026-W40', reports: 0 });
  });

  it('sends a test: 200, one email to that address, its subject marked as a test', async () => {
    const response = await postDigest({ mode: 'test', to: 'editor@example.com' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      mode: 'test',
      to: 'editor@example.com',
      week: '2026-W48',
      messageId: expect.any(String),
    });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['editor@example.com']);
    expect(h.mailer.sent[0]!.subject.startsWith(labelsFor(h.newsletter).testSubjectPrefix)).toBe(true);
    expect(dispatcher.weeks).toEqual([]);
  });

  it('answers 400 for a test without an address or with a bad one', async () => {
    expect((await errorOf(await postDigest({ mode: 'test' }), 400)).problems?.[0]?.field).toBe('to');
    expect((await errorOf(await postDigest({ mode: 'test', to: 'nobody' }), 400)).problems?.[0]?.field).toBe('email');
    expect(h.mailer.sent).toEqual([]);
  });

  it('hands a send to the dispatcher: 202 when it runs in the background', async () => {
    const response = await postDigest({ mode: 'send' });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ mode: 'send', week: '2026-W48', status: 'accepted' });
    expect(dispatcher.weeks).toEqual(['2026-W48']);
    expect(h.mailer.sent).toEqual([]);
  });

  it('hands the dispatcher the week the request names', async () => {
    expect((await postDigest({ mode: 'send', week: '2026-W47' })).status).toBe(202);
    expect(dispatcher.weeks).toEqual(['2026-W47']);
  });

  it('answers 200 with the summary when the dispatcher ran the send', async () => {
    dispatcher = new FakeDispatcher(async (week) => ({
      status: 'completed',
      summary: await h.useCases.sendDigest(week),
    }));
    app = apiAppFor(h, { dispatcher });
    const response = await postDigest({ mode: 'send', week: '2026-W48' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      mode: 'send',
      week: '2026-W48',
      status: 'sent',
      reports: 1,
      sent: 1,
      alreadySent: 0,
      failed: 0,
    });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['reader@example.com']);
  });

  it.each([
    ['an unknown mode', { mode: 'bogus' }, 'mode'],
    ['no mode', {}, 'mode'],
    ['a week of the wrong shape', { mode: 'preview', week: '2026-48' }, 'week'],
    ['a week that does not exist', { mode: 'preview', week: '2026-W99' }, 'week'],
    ['a send for a week of the wrong shape', { mode: 'send', week: 'next week' }, 'week'],
    ['a send for a week that does not exist', { mode: 'send', week: '2026-W99' }, 'week'],
    ['an unknown field', { mode: 'preview', force: true }, ''],
  ])('answers 400 for %s', async (_name, body, field) => {
    const error = await errorOf(await postDigest(body), 400);
    expect(error.code).toBe('invalid_input');
    expect(error.problems?.map((problem) => problem.field)).toEqual([field]);
    expect(dispatcher.weeks).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('names the unknown field', async () => {
    expect((await errorOf(await postDigest({ mode: 'preview', force: true }), 400)).message).toContain('force');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const response = await app.request('/digests', {
      method: 'POST',
      headers: { ...admin, ...form },
      body: 'mode=preview',
    });
    expect((await errorOf(response, 415)).code).toBe('unsupported_media_type');
    expect(dispatcher.weeks).toEqual([]);
  });
});
