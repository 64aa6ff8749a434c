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
  it('previews the next edition: 200 with the html, sending nothing', async () => {
    const response = await postDigest({ mode: 'preview' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      mode: 'preview',
      reports: 1,
      featured: 1,
      headlines: 0,
      recipients: 1,
      frozen: false,
    });
    expect(body).not.toHaveProperty('edition');
    expect(body.html).toEqual(expect.stringContaining('<html lang="ar" dir="rtl"'));
    expect(body.html).toEqual(expect.stringContaining(ENGLISH_REPORT.title));
    expect(h.mailer.sent).toEqual([]);
    expect(dispatcher.requests).toEqual([]);
  });

  it('previews an explicit period', async () => {
    const response = await postDigest({ mode: 'preview', until: '2026-11-01T00:00:00Z' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ mode: 'preview', reports: 0 });
  });

  it('sends a test: 200, one email to that address, its subject marked as a test', async () => {
    const response = await postDigest({ mode: 'test', to: 'editor@example.com' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ mode: 'test', to: 'editor@example.com', messageId: expect.any(String) });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['editor@example.com']);
    expect(h.mailer.sent[0]!.subject.startsWith(labelsFor(h.newsletter).testSubjectPrefix)).toBe(true);
    expect(dispatcher.requests).toEqual([]);
  });

  it('answers 400 for a test without an address or with a bad one', async () => {
    expect((await errorOf(await postDigest({ mode: 'test' }), 400)).problems?.[0]?.field).toBe('to');
    expect((await errorOf(await postDigest({ mode: 'test', to: 'nobody' }), 400)).problems?.[0]?.field).toBe('email');
    expect(h.mailer.sent).toEqual([]);
  });

  it('opens the edition and hands the send to the dispatcher: 202 at once with its id and counts', async () => {
    const response = await postDigest({ mode: 'send' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({
      mode: 'send',
      id: '1',
      state: 'composing',
      openedAt: h.clock.now().toISOString(),
      startedBy: { kind: 'api' },
      reports: 0,
      counts: { recipients: 0, sent: 0, pending: 0, failed: 0, unknown: 0, skipped: 0 },
    });
    expect(dispatcher.requests).toEqual([{}]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('hands the dispatcher the period the request names', async () => {
    const period = { from: '2026-11-01T00:00:00Z', until: '2026-11-30T00:00:00+03:00' };
    expect((await postDigest({ mode: 'send', ...period })).status).toBe(202);
    expect(dispatcher.requests).toEqual([period]);
  });

  it('answers 200 "no-reports" and dispatches nothing when no report waits', async () => {
    await h.sendAndDeliver();
    const response = await postDigest({ mode: 'send' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ mode: 'send', status: 'no-reports' });
    expect(dispatcher.requests).toEqual([]);
  });

  it.each([
    ['an unknown mode', { mode: 'bogus' }, 'mode'],
    ['no mode', {}, 'mode'],
    ['a period start that is no date', { mode: 'preview', from: 'last week' }, 'from'],
    ['a period end that is no date', { mode: 'test', to: 'editor@example.com', until: '2026-13-40' }, 'until'],
    [
      'a send for an empty period',
      { mode: 'send', from: '2026-11-20T00:00:00Z', until: '2026-11-10T00:00:00Z' },
      'from',
    ],
    ['a send for a period in the future', { mode: 'send', from: '2030-01-01T00:00:00Z' }, 'from'],
    ['a send naming a week, as before editions', { mode: 'send', week: '2026-W48' }, ''],
    ['an unknown field', { mode: 'preview', force: true }, ''],
  ])('answers 400 for %s', async (_name, body, field) => {
    const error = await errorOf(await postDigest(body), 400);
    expect(error.code).toBe('invalid_input');
    expect(error.problems?.map((problem) => problem.field)).toEqual([field]);
    expect(dispatcher.requests).toEqual([]);
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
    expect(dispatcher.requests).toEqual([]);
  });
});

describe('GET /digests/{id}', () => {
  const getDigest = (id: string, headers: Record<string, string> = admin) => app.request(`/digests/${id}`, { headers });

  it('answers where the send stands, for admins only', async () => {
    dispatcher = new FakeDispatcher((request) => h.useCases.sendDigest(request));
    app = apiAppFor(h, { dispatcher });
    await postDigest({ mode: 'send' });
    expect(await (await getDigest('1')).json()).toMatchObject({ id: '1', state: 'sending', counts: { pending: 1 } });
    await h.deliverQueued();
    const response = await getDigest('1');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      id: '1',
      state: 'done',
      // The edition remembers who started it: the admin token, named as such (it names no person).
      startedBy: { kind: 'api' },
      openedAt: expect.any(String),
      reports: 1,
      counts: { recipients: 1, sent: 1, pending: 0, failed: 0, unknown: 0, skipped: 0 },
    });
    expect((await errorOf(await getDigest('1', {}), 401)).code).toBe('unauthorized');
  });

  it('answers 404 for a digest that does not exist', async () => {
    expect((await errorOf(await getDigest('4'), 404)).code).toBe('not_found');
    expect((await errorOf(await getDigest('x%2F1'), 404)).code).toBe('not_found');
  });
});

describe('POST /digests/{id}/retry', () => {
  const retry = (body: unknown, id = '1') =>
    app.request(`/digests/${id}/retry`, { method: 'POST', headers: { ...admin, ...json }, body: JSON.stringify(body) });

  it('queues again exactly the readers in the outcomes named: 202 with how many and the counts', async () => {
    await h.addSubscriber('second@example.com', 'confirmed');
    await h.useCases.sendDigest();
    h.mailer.failFor('second@example.com');
    await h.deliverQueued();
    h.mailer.stopFailing();
    const response = await retry({ include: ['failed'] });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      id: '1',
      requeued: 1,
      state: 'sending',
      counts: { recipients: 2, sent: 1, failed: 0, pending: 1 },
    });
    await h.deliverQueued();
    expect(h.mailer.sentTo('second@example.com')).toHaveLength(1);
    expect(h.mailer.sentTo('reader@example.com')).toHaveLength(1);
  });

  it.each([
    ['no include', {}],
    ['an empty include', { include: [] }],
    ['an outcome that cannot be retried', { include: ['sent'] }],
    ['an outcome named twice', { include: ['failed', 'failed'] }],
  ])('answers 400 for %s', async (_name, body) => {
    await h.useCases.sendDigest();
    expect((await errorOf(await retry(body), 400)).code).toBe('invalid_input');
    expect(h.queue.enqueued).toHaveLength(1);
  });

  it('answers 404 for a digest that does not exist', async () => {
    expect((await errorOf(await retry({ include: ['failed'] }, '3'), 404)).code).toBe('not_found');
  });
});

describe('GET /archive/{id}', () => {
  it('shows a sent edition as a web page, to anyone, with every report and no reader link', async () => {
    await h.useCases.sendDigest();
    const response = await app.request('/archive/1', { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    const html = await response.text();
    expect(html).toContain(ENGLISH_REPORT.title);
    expect(html).toContain('id="report-');
    expect(html).not.toContain('/unsubscribe');
  });

  it('answers 404 for an edition that does not exist, and 405 for another method', async () => {
    expect((await errorOf(await app.request('/archive/2'), 404)).code).toBe('not_found');
    expect((await errorOf(await app.request('/archive/..%2F1'), 404)).code).toBe('not_found');
    expect((await errorOf(await app.request('/archive/1', { method: 'POST', headers: admin }), 405)).code).toBe(
      'method_not_allowed',
    );
  });
});
