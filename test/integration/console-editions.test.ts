// The console's editions and activity pages on the real local services (DynamoDB Local, local SQS): an edition
// remembers who started it (the API token or an operator), its page shows its counts from GET /digests/{id}'s use
// case and reloads itself only while it sends, a retry from the console requeues exactly the failed readers (or the
// failed and the unknown) as the signed-in operator and needs the session's `_csrf`, and every operator's change is
// in the activity log with its actor, kept 400 days by the table's TTL.
import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Hono } from 'hono';
import { DynamoConsoleAccessStore } from '../../lambdas/adapters/dynamo-console-access-store';
import { DynamoDeliveryLedger } from '../../lambdas/adapters/dynamo-delivery-ledger';
import { mujazTable } from '../../lambdas/adapters/dynamo-table-definition';
import { ACTIVITY_RETENTION_DAYS, operatorActor } from '../../lambdas/core/domain/activity';
import { startFeedServer } from '../support/feed-server';
import {
  apiAppOver,
  createTestFeeds,
  createTestMujaz,
  localServices,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';
import { seedSend } from '../support/readers';

localServices();
const ADMIN_TOKEN = 'console-editions-admin-token';
const OWN_ORIGIN = 'http://localhost';
const operator = uniqueAddress('editions-operator');
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

let test: TestMujaz;
let app: Hono;
let ledger: DynamoDeliveryLedger;
let session: { cookie: string; csrf: string };
/** The table requests made since the last reset, by command. */
const commands: string[] = [];

beforeAll(async () => {
  // No delivery worker: the test settles each reader's copy itself, as SES and the queue would have.
  test = await createTestMujaz('console-editions', {
    environment: { MUJAZ_OPERATORS: operator },
    deliveryWorkers: 0,
  });
  app = apiAppOver(test, ADMIN_TOKEN);
  ledger = new DynamoDeliveryLedger(test.clients.dynamo, test.tableName);
  test.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      commands.push(String(context.commandName).replace(/Command$/u, ''));
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  session = await signedIn(operator);
});
afterAll(async () => test.close());

/** A session for `email`, from a sign-in link put in the store (the mailed link's path is console-sign-in's test). */
async function signedIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const token = randomUUID();
  await new DynamoConsoleAccessStore(test.clients.dynamo, test.tableName).saveSignInLink(token, {
    email,
    language: 'en',
    expiresAt: Date.now() + 60_000,
  });
  const { sessionId, session: opened } = await test.console.signIn(token);
  return { cookie: sessionId, csrf: opened.csrfSecret };
}

const page = (path: string) => app.request(path, { headers: { cookie: `__Host-mujaz_session=${session.cookie}` } });

function postForm(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: {
      cookie: `__Host-mujaz_session=${session.cookie}`,
      'content-type': 'application/x-www-form-urlencoded',
      origin: OWN_ORIGIN,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Sends an edition to `readers` through the API (the admin token); nobody delivers it: its id. */
async function sendThroughApi(readers: string[], title: string): Promise<string> {
  await seedSend(test, readers, { title, body: `${title}. A report long enough to be summarized for the digest.` });
  const response = await app.request('/digests', {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'send' }),
  });
  expect(response.status).toBe(202);
  const { id } = (await response.json()) as { id: string };
  for (let tries = 0; (await test.mujaz.digestProgress(id)).counts.recipients < readers.length; tries += 1) {
    if (tries > 100) throw new Error('the fan-out did not finish');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return id;
}

/** Ends each reader's copy as SES and the queue would have. */
async function settle(id: string, outcomes: Record<string, 'sent' | 'failed' | 'unknown'>): Promise<void> {
  for (const [email, status] of Object.entries(outcomes)) {
    await ledger.claim(id, email, new Date());
    await ledger.record(
      id,
      email,
      status === 'sent' ? { status, messageId: `m-${email}` } : { status, reason: 'test' },
      new Date(),
    );
  }
}

/** The readers of the edition whose copy a retry reopened (and not claimed since). */
async function requeued(id: string): Promise<string[]> {
  const found: string[] = [];
  for await (const candidate of ledger.withOutcome(id, ['failed', 'unknown']))
    if (candidate.status === 'requeued') found.push(candidate.email);
  return found.sort();
}

describe('editions', () => {
  let id: string;
  const [sentReader, failedA, failedB, unknownReader] = ['sent', 'failed-a', 'failed-b', 'unknown'].map((name) =>
    uniqueAddress(`editions-${name}`),
  ) as [string, string, string, string];

  beforeAll(async () => {
    id = await sendThroughApi([sentReader, failedA, failedB, unknownReader], 'First edition report');
  });

  it('shows an edition sent with the API token as the API token’s, refreshing while it sends when asked', async () => {
    const digest = (await (await app.request(`/digests/${id}`, { headers: admin })).json()) as Record<string, unknown>;
    expect(digest).toMatchObject({ id, state: 'sending', startedBy: { kind: 'api' } });
    const response = await page(`/console/editions/${id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    // A page that reloads by itself is a time limit (WCAG 2.2.1): only when the operator asks, with a way to stop.
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).toContain(`<a href="/console/editions/${id}?follow=1">Follow it: reload every 5 seconds</a>`);
    const following = await (await page(`/console/editions/${id}?follow=1`)).text();
    expect(following).toContain('<meta http-equiv="refresh" content="5">');
    expect(following).toContain(`<a href="/console/editions/${id}">Stop reloading</a>`);
    expect((await page(`/console/editions/${id}?follow=yes`)).status).toBe(400);
    expect(html).toContain('the API token (command line)');
    expect(html).toContain(`href="/archive/${id}"`);
    expect(html).toMatch(/Waiting<\/th><td class="number">4</u);
  });

  it('stops refreshing once done, and lists the edition with its counts', async () => {
    await settle(id, { [sentReader]: 'sent', [failedA]: 'failed', [failedB]: 'failed', [unknownReader]: 'unknown' });
    const html = await (await page(`/console/editions/${id}?follow=1`)).text();
    expect(html).not.toContain('http-equiv="refresh"');
    expect(html).not.toContain('follow=1');
    expect(html).toContain('Done');
    expect(html).toContain('Send again to the failed (2)');
    expect(html).toContain('Send again to the failed and the unknown (3)');
    expect(html).toContain('may give these readers a second copy');
    const list = await (await page('/console/editions')).text();
    expect(list).toContain(`href="/console/editions/${id}"`);
    // Readers, sent, failed, unknown, waiting.
    expect(list).toContain(
      '<td class="number">4</td><td class="number">1</td><td class="number">2</td><td class="number">1</td><td class="number">0</td>',
    );
  });

  it('refuses a retry without the session’s _csrf (403), and requeues nobody', async () => {
    const response = await postForm(`/console/editions/${id}/retry`, { include: 'failed' });
    expect(response.status).toBe(403);
    const crossSite = await postForm(
      `/console/editions/${id}/retry`,
      { include: 'failed', _csrf: session.csrf },
      { origin: 'https://elsewhere.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(await requeued(id)).toEqual([]);
  });

  it('refuses what is no retry choice with a 400', async () => {
    const response = await postForm(`/console/editions/${id}/retry`, { include: 'sent', _csrf: session.csrf });
    expect(response.status).toBe(400);
    expect(await requeued(id)).toEqual([]);
  });

  it('retries exactly the failed readers as the signed-in operator, and says so', async () => {
    const response = await postForm(`/console/editions/${id}/retry`, { include: 'failed', _csrf: session.csrf });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/console/editions/${id}?requeued=2`);
    expect(await requeued(id)).toEqual([failedA, failedB].sort());
    const html = await (await page(response.headers.get('location')!)).text();
    expect(html).toContain('2 readers were queued to be sent again.');
    expect(html).toContain(`by <bdi dir="ltr">${operator}</bdi>: failed, 2 readers.`);
    const digest = (await (await app.request(`/digests/${id}`, { headers: admin })).json()) as Record<string, unknown>;
    expect(digest).toMatchObject({
      lastRetry: { by: { kind: 'operator', email: operator }, include: ['failed'], requeued: 2 },
    });
  });

  it('retries the unknown too when asked, with the failed', async () => {
    const response = await postForm(`/console/editions/${id}/retry`, {
      include: 'failed,unknown',
      _csrf: session.csrf,
    });
    expect(response.status).toBe(303);
    expect(await requeued(id)).toEqual([failedA, failedB, unknownReader].sort());
  });

  it('shows an edition an operator started as that operator’s', async () => {
    await seedSend(test, [uniqueAddress('editions-second')], {
      title: 'Second',
      body: 'The second report has a body. It holds two sentences at least.',
    });
    const started = await test.mujaz.startDigest(undefined, operatorActor(operator));
    expect(started).toBeDefined();
    const html = await (await page(`/console/editions/${started!.id}`)).text();
    expect(html).toContain(`<dd><bdi dir="ltr">${operator}</bdi></dd>`);
    expect(html).toContain('Being composed');
    expect(html).toContain('An edition can be sent again once it is being sent.');
  });

  it('answers an unknown edition with the console’s 404 page', async () => {
    for (const unknown of ['99999', 'x%2F1']) {
      const response = await page(`/console/editions/${unknown}`);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
      expect(await response.text()).toContain('There is no edition with this number.');
    }
  });

  it('reads the list and the log in bounded requests: the session, then two for editions and one for the log', async () => {
    commands.length = 0;
    expect((await page('/console/editions')).status).toBe(200);
    expect(commands).toEqual(['GetItem', 'GetItem', 'BatchGetItem']);
    commands.length = 0;
    expect((await page('/console/activity')).status).toBe(200);
    expect(commands).toEqual(['GetItem', 'Query']);
  });

  it('is behind the session: no cookie, the sign-in page', async () => {
    const response = await app.request('/console/editions');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/sign-in');
  });
});

describe('activity', () => {
  it('records each kind of change with its actor, newest first, and escapes titles', async () => {
    const { report } = await test.mujaz.ingestReport({
      title: 'A <b>bold</b> & risky title',
      body: 'A report whose title holds markup. It is edited by an operator and by the API token.',
      language: 'en',
    });
    await test.mujaz.editReport(report.id, { hold: true }, operatorActor(operator));
    const edited = await app.request(`/reports/${report.id}`, {
      method: 'PATCH',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ hold: false, priority: 3, summary: 'An editor’s summary.' }),
    });
    expect(edited.status).toBe(200);
    await test.imports.startImport('email\nreader@example.com\nother@example.com\n');

    const { entries } = await test.mujaz.activity();
    const mine = entries.filter((entry) => entry.target.id === report.id || entry.action === 'import');
    expect(mine.map((entry) => [entry.action, entry.actor])).toEqual([
      ['import', { kind: 'api' }],
      ['report-edit', { kind: 'api' }],
      ['report-edit', { kind: 'operator', email: operator }],
    ]);
    expect(mine[1]!.detail).toEqual({ held: false, priority: 3, summary: 'edited' });
    // Counts, never the readers' addresses.
    expect(JSON.stringify(entries)).not.toContain('reader@example.com');
    expect(entries.some((entry) => entry.action === 'retry' && entry.actor.kind === 'operator')).toBe(true);
    expect(entries.some((entry) => entry.action === 'send' && entry.actor.kind === 'api')).toBe(true);
    expect(entries.some((entry) => entry.action === 'send' && entry.actor.kind === 'operator')).toBe(true);

    const html = await (await page('/console/activity')).text();
    expect(html).toContain('Held “A &lt;b&gt;bold&lt;/b&gt; &amp; risky title” for a later edition');
    expect(html).toContain('Set the priority of “A &lt;b&gt;bold&lt;/b&gt; &amp; risky title” to 3');
    // The rows are counted by the import worker, later: the log says an import started.
    expect(html).toContain('Started importing a list<');
    expect(html).not.toContain('Started importing a list of');
    expect(html).not.toContain('<b>bold</b>');
  });

  it('keeps each entry 400 days: the table’s TTL attribute, set that far ahead', async () => {
    const before = Math.floor(Date.now() / 1000);
    await test.imports.startImport('email\nttl@example.com\n');
    const { Items = [] } = await test.clients.dynamo.send(
      new QueryCommand({
        TableName: test.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ACTIVITY' },
        ScanIndexForward: false,
        Limit: 1,
      }),
    );
    const expiresAt = Number(Items[0]?.[mujazTable.timeToLiveAttribute]);
    const ahead = ACTIVITY_RETENTION_DAYS * 86_400;
    expect(expiresAt).toBeGreaterThanOrEqual(before + ahead);
    expect(expiresAt).toBeLessThanOrEqual(before + ahead + 60);
  });

  it('pages the log with bounded queries: 25 a page, then the older ones', async () => {
    const fresh = await createTestMujaz('console-activity-pages', { deliveryWorkers: 0 });
    try {
      for (let index = 0; index < 27; index += 1) await fresh.imports.startImport(`email\nr${index}@example.com\n`);
      const first = await fresh.mujaz.activity();
      expect(first.entries).toHaveLength(25);
      expect(first.next).toBeDefined();
      const second = await fresh.mujaz.activity(first.next);
      expect(second.entries).toHaveLength(2);
      expect(second.next).toBeUndefined();
      const all = [...first.entries, ...second.entries].map((entry) => entry.target.id);
      expect(new Set(all).size).toBe(27);
      // Newest first across the pages.
      const times = [...first.entries, ...second.entries].map((entry) => entry.at);
      expect([...times].sort().reverse()).toEqual(times);
    } finally {
      await fresh.close();
    }
  });
});

describe('activity of sources', () => {
  const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Gazette</title><id>urn:h</id><updated>2026-12-07T09:00:00Z</updated></feed>`;

  it('records a source added, paused, resumed, polled and deleted with the API token, and renamed by an operator', async () => {
    const web = await startFeedServer();
    try {
      web.serve('/atom.xml', { body: atom, contentType: 'application/atom+xml' });
      const feeds = await createTestFeeds(test, { fetchAllow: [web.host] });
      const api = apiAppOver(test, ADMIN_TOKEN, feeds);
      const call = (method: string, path: string, body?: unknown) =>
        api.request(path, {
          method,
          headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const added = await call('POST', '/sources', { url: web.url('/atom.xml') });
      expect(added.status).toBe(201);
      const { id } = (await added.json()) as { id: string };
      expect((await call('PATCH', `/sources/${id}`, { state: 'paused' })).status).toBe(200);
      expect((await call('PATCH', `/sources/${id}`, { state: 'active' })).status).toBe(200);
      expect((await call('POST', `/sources/${id}/poll`)).status).toBe(202);
      await feeds.sources.editSource(id, { name: 'Harbour' }, operatorActor(operator));
      expect((await call('DELETE', `/sources/${id}`)).status).toBe(204);

      const { entries } = await test.mujaz.activity();
      const ofSource = entries.filter((entry) => entry.target.kind === 'source' && entry.target.id === id);
      expect(ofSource.map((entry) => [entry.action, entry.actor.kind, entry.detail ?? {}])).toEqual([
        ['source-delete', 'api', {}],
        ['source-edit', 'operator', { renamed: true }],
        ['source-poll', 'api', {}],
        ['source-edit', 'api', { state: 'active' }],
        ['source-edit', 'api', { state: 'paused' }],
        ['source-add', 'api', {}],
      ]);
      const html = await (await page('/console/activity')).text();
      expect(html).toContain('Paused the source “Harbour Gazette”');
      expect(html).toContain('Deleted the source “Harbour”');
    } finally {
      await web.close();
    }
  });
});
