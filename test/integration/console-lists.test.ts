// The console's reports, readers and sources, in process on the real local services (DynamoDB Local, local SQS, the
// SES endpoint) and, for a report by address and a source, a real HTTP server on 127.0.0.1 that the guarded fetcher
// dials (allowed by host:port; any other loopback port is refused, as a private address is in production). Each form:
// its happy path, its refusal as a 4xx page saying why, and 403 without the session's `_csrf`; HTML in a title
// escaped; a reader's address never in a URL or a log line.

import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import { DynamoConsoleAccessStore } from '../../lambdas/adapters/dynamo-console-access-store';
import { operatorActor } from '../../lambdas/core/domain/activity';
import { SESSION_LIFETIME_MS } from '../../lambdas/core/domain/console-access';
import { publicLinks } from '../../lambdas/core/domain/links';
import { createCombinedApiApp } from '../../lambdas/http/combined-api-app';
import { InProcessDigestDispatcher } from '../../lambdas/local/in-process-digest-dispatcher';
import { feedFixture } from '../support/feed-fixtures';
import { type FeedServer, startFeedServer } from '../support/feed-server';
import { htmlFixture } from '../support/html-fixtures';
import {
  createTestFeeds,
  createTestMujaz,
  type TestFeeds,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';
import { RecordingLogger } from '../support/recording-logger';
import { silentLogger } from '../support/silent-logger';

const ADMIN_TOKEN = 'console-lists-admin-token';
const OWN_ORIGIN = 'http://localhost';
const operator = uniqueAddress('editor');

let test: TestMujaz;
let feeds: TestFeeds;
let web: FeedServer;
let app: Hono;
const logger = new RecordingLogger();
const session = { id: `session-${randomUUID()}`, csrf: `csrf-${randomUUID()}` };
/** Every URL the app was asked for, and every Location it answered: an address must be in none. */
const urlsSeen: string[] = [];

beforeAll(async () => {
  web = await startFeedServer();
  test = await createTestMujaz('console-lists', { environment: { MUJAZ_OPERATORS: operator } });
  feeds = await createTestFeeds(test, { fetchAllow: [web.host] });
  app = createCombinedApiApp({
    mujaz: test.mujaz,
    imports: test.imports,
    sources: feeds.sources,
    console: test.console,
    dispatcher: new InProcessDigestDispatcher(test.mujaz, silentLogger),
    adminToken: ADMIN_TOKEN,
    newsletter: test.config.newsletter,
    timeZone: test.config.timeZone,
    logger,
    clientAddress: () => '192.0.2.1',
    links: publicLinks(test.config.publicBaseUrl),
  });
  await new DynamoConsoleAccessStore(test.clients.dynamo, test.tableName).saveSession(session.id, {
    email: operator,
    language: 'en',
    csrfSecret: session.csrf,
    expiresAt: Date.now() + SESSION_LIFETIME_MS,
  });
});
afterAll(async () => {
  await test.close();
  await web.close();
});

const cookie = () => `__Host-mujaz_session=${session.id}`;

async function request(path: string, init: RequestInit = {}): Promise<Response> {
  urlsSeen.push(path);
  const response = await app.request(path, {
    ...init,
    headers: { cookie: cookie(), origin: OWN_ORIGIN, accept: 'text/html', ...(init.headers as Record<string, string>) },
  });
  const location = response.headers.get('location');
  if (location) urlsSeen.push(location);
  return response;
}

const page = (path: string) => request(path);

/** A console form as a browser posts it: urlencoded, with the session's `_csrf` unless told otherwise. */
function post(path: string, fields: Record<string, string>, options: { csrf?: boolean } = {}): Promise<Response> {
  const form = new URLSearchParams({ ...(options.csrf === false ? {} : { _csrf: session.csrf }), ...fields });
  return request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
}

function upload(path: string, csv: string, options: { csrf?: boolean } = {}): Promise<Response> {
  const form = new FormData();
  if (options.csrf !== false) form.set('_csrf', session.csrf);
  form.set('file', new File([csv], 'readers.csv', { type: 'text/csv' }));
  return request(path, { method: 'POST', body: form });
}

describe('reports', () => {
  const markupTitle = `<script>alert("x")</script> Budget & <b>bold</b> ${randomUUID().slice(0, 6)}`;

  it('adds a pasted report (title line, lede line, paragraphs) and shows it first, its title escaped', async () => {
    const text = `${markupTitle}\nThe council met on Monday.\n\nThe budget passed by a wide margin after a long debate about schools and roads.\n\nIt takes effect in January, the mayor said.`;
    const added = await post('/console/reports', { text });
    expect(added.status).toBe(303);
    const detail = added.headers.get('location')!;
    expect(detail).toMatch(/^\/console\/reports\/[0-9a-f]{24}$/u);

    const list = await (await page('/console/reports')).text();
    expect(list).not.toContain('<script>alert');
    expect(list).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Budget &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(list).toContain(`href="${detail}"`);
    expect(list).toContain('Waiting');
    const shown = await (await page(detail)).text();
    expect(shown).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(shown).not.toContain('<script>alert');
  });

  it('refuses a text with no paragraphs with a 400 page that says why and keeps what was typed', async () => {
    const refused = await post('/console/reports', { text: 'Only a title' });
    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(body).toContain('class="problem"');
    expect(body).toContain('>Only a title</textarea>');
  });

  it('refuses a pasted report without the session’s _csrf (403), and stores nothing', async () => {
    const text = `Never stored ${randomUUID()}\nLede.\n\nA paragraph long enough to be a report body for the test.`;
    expect((await post('/console/reports', { text }, { csrf: false })).status).toBe(403);
    expect(await (await page('/console/reports')).text()).not.toContain('Never stored');
  });

  it('lists newest first and finds a report by words of its title, in any case', async () => {
    const stamp = randomUUID().slice(0, 8);
    for (const [index, title] of [`Harbour Works ${stamp}`, `School Meals ${stamp}`].entries()) {
      const text = `${title}\nLede ${index}.\n\nA paragraph that says enough about ${title} to be summarized for readers.`;
      expect((await post('/console/reports', { text })).status).toBe(303);
    }
    const list = await (await page('/console/reports')).text();
    expect(list.indexOf(`School Meals ${stamp}`)).toBeLessThan(list.indexOf(`Harbour Works ${stamp}`));
    const found = await (await page(`/console/reports?title=${encodeURIComponent(`harbour works ${stamp}`)}`)).text();
    expect(found).toContain(`Harbour Works ${stamp}`);
    expect(found).not.toContain(`School Meals ${stamp}`);
    expect(found).toMatch(/Searched the \d+ newest reports/u);
  });

  it('refuses a page position that is no page’s (400), not a fault', async () => {
    expect((await page('/console/reports?after=nothing-like-a-position')).status).toBe(400);
  });

  it('adds a report from its address on a local server, through the feeds’ guarded fetcher', async () => {
    web.serve('/article.html', {
      body: htmlFixture('english-news-article.html'),
      contentType: 'text/html; charset=utf-8',
    });
    const added = await post('/console/reports/by-url', { url: web.url('/article.html') });
    expect(added.status).toBe(303);
    const detail = await (await page(added.headers.get('location')!)).text();
    expect(detail).toContain(web.url('/article.html'));
    expect(detail).not.toContain('We use cookies');
    expect(web.requests('/article.html')).toHaveLength(1);
  });

  it('says why an address the guard refuses was not added (a port not allowed, as a private address): 400, no fetch', async () => {
    const refused = await post('/console/reports/by-url', { url: 'http://127.0.0.1:9/article.html' });
    expect(refused.status).toBe(400);
    const body = await refused.text();
    expect(body).toContain('class="problem"');
    expect(body).toContain('The report was not added');
    expect(body).toContain('value="http://127.0.0.1:9/article.html"');
  });

  it('says why a page that answers an error was not added: 422', async () => {
    web.serve('/gone.html', { body: 'gone', status: 404, contentType: 'text/html' });
    const refused = await post('/console/reports/by-url', { url: web.url('/gone.html') });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('class="problem"');
  });

  it('says why a page too large for the guard was not added: 422, no fault', async () => {
    web.serve('/huge.html', { body: Buffer.alloc(6 * 1024 * 1024, 'a'), contentType: 'text/html' });
    const refused = await post('/console/reports/by-url', { url: web.url('/huge.html') });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('class="problem"');
  });

  it('refuses a report by address without the session’s _csrf (403), fetching nothing', async () => {
    web.serve('/unfetched.html', { body: htmlFixture('english-news-article.html'), contentType: 'text/html' });
    expect((await post('/console/reports/by-url', { url: web.url('/unfetched.html') }, { csrf: false })).status).toBe(
      403,
    );
    expect(web.requests('/unfetched.html')).toHaveLength(0);
  });
});

describe('readers', () => {
  const reader = uniqueAddress('reader');
  const imported = uniqueAddress('imported');

  it('imports an uploaded CSV as a job and follows it to its result, refreshing while it runs', async () => {
    const started = await upload(
      '/console/subscribers/import',
      `email,language,confirmed_at\n${imported},ar,2026-01-02T03:04:05Z\nnot-an-address,en,\n`,
    );
    expect(started.status).toBe(303);
    const progressPath = started.headers.get('location')!;
    expect(progressPath).toMatch(/^\/console\/subscribers\/imports\/[\w-]+$/u);
    // Followed, as the page offers while the import runs: it reloads itself until the import is over.
    let body = '';
    for (let tries = 0; tries < 100; tries += 1) {
      body = await (await page(`${progressPath}?follow=1`)).text();
      if (!body.includes('http-equiv="refresh"')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(body).not.toContain('http-equiv="refresh"');
    expect(body).toMatch(/<dt>Rows<\/dt><dd>2<\/dd>/u);
    expect(body).toMatch(/<dt>Imported<\/dt><dd>1<\/dd>/u);
    expect(body).toMatch(/<dt>Rejected<\/dt><dd>1<\/dd>/u);
    expect(body).toContain('<td>3</td>');
    const [entry] = (await test.mujaz.activity()).entries.filter(({ action }) => action === 'import');
    expect(entry?.actor).toEqual(operatorActor(operator));
  });

  it('takes a file broken below its first line at once, then shows why its import failed, naming the line', async () => {
    const started = await upload('/console/subscribers/import', `email\n${imported}\n"${reader}\n`);
    expect(started.status).toBe(303);
    const progressPath = started.headers.get('location')!;
    let body = '';
    for (let tries = 0; tries < 100; tries += 1) {
      body = await (await page(`${progressPath}?follow=1`)).text();
      if (!body.includes('http-equiv="refresh"')) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(body).toContain('<dt>State</dt><dd>Failed</dd>');
    expect(body).toContain('<dt>Why it failed</dt><dd>The file is not valid CSV (line 3).</dd>');
    expect(body).not.toContain(reader);
  });

  it('refuses a file that is no subscriber list with a 400 page, and an upload without _csrf with 403', async () => {
    const refused = await upload('/console/subscribers/import', 'name,city\nAmal,Rabat\n');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('class="problem"');
    expect((await upload('/console/subscribers/import', `email\n${reader}\n`, { csrf: false })).status).toBe(403);
  });

  it('looks up a reader by POST: state, consent record, and their copy of each of the last editions', async () => {
    await test.mujaz.importSubscribers([
      { line: 2, email: reader, language: 'en', confirmedAt: '2026-02-03T04:05:06Z' },
    ]);
    const text = `Lookup report ${randomUUID()}\nLede.\n\nA paragraph long enough to go out in an edition to the reader.`;
    expect((await post('/console/reports', { text })).status).toBe(303);
    const sent = await app.request('/digests', {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mode: 'send' }),
    });
    expect(sent.status).toBe(202);
    const { id } = (await sent.json()) as { id: string };
    expect((await test.untilDone(id)).state).toBe('done');

    const found = await post('/console/subscribers/lookup', { email: reader.toUpperCase() });
    expect(found.status).toBe(200);
    const body = await found.text();
    expect(body).toContain(reader);
    expect(body).toContain('<dt>State</dt><dd>Confirmed</dd>');
    // In the newsletter's zone (Asia/Riyadh here), as every time on the console.
    expect(body).toContain('<time datetime="2026-02-03T04:05:06.000Z">3 Feb 2026, 07:05 GMT+3</time>');
    expect(body).toContain('an import');
    expect(body).toMatch(new RegExp(`<td>${id} — .*</td><td>Sent</td>`, 'u'));
  });

  it('says so for an address on no list, and refuses what is no address with a 400 page', async () => {
    const unknown = await post('/console/subscribers/lookup', { email: uniqueAddress('nobody') });
    expect(unknown.status).toBe(200);
    expect(await unknown.text()).toContain('No reader has this address.');
    const refused = await post('/console/subscribers/lookup', { email: 'not an address' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('class="problem"');
  });

  it('refuses a lookup without the session’s _csrf (403)', async () => {
    expect((await post('/console/subscribers/lookup', { email: reader }, { csrf: false })).status).toBe(403);
  });

  it('exports the list behind the session (the bearer token does not open it)', async () => {
    const exported = await page('/console/subscribers.csv?status=all');
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('text/csv');
    expect(await exported.text()).toContain(reader);
    const withToken = await app.request('/console/subscribers.csv', {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(withToken.status).toBe(303);
    expect(withToken.headers.get('location')).toBe('/console/sign-in');
  });

  it('never put a reader’s address in a URL or a log line', () => {
    const addresses = [reader, imported, reader.toUpperCase()].map((address) => address.toLowerCase());
    for (const url of urlsSeen) for (const address of addresses) expect(url.toLowerCase()).not.toContain(address);
    const logged = JSON.stringify(logger.entries).toLowerCase();
    for (const address of addresses) expect(logged).not.toContain(address);
  });
});

describe('sources', () => {
  it('adds a feed, shows its health, pauses, resumes and polls it now', async () => {
    web.serve('/feed.xml', { body: feedFixture('rss2-content-encoded.xml'), contentType: 'application/rss+xml' });
    const added = await post('/console/sources', { url: web.url('/feed.xml') });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/console/sources');
    const [source] = await feeds.sources.listSources();
    let list = await (await page('/console/sources')).text();
    expect(list).toContain(web.url('/feed.xml'));
    expect(list).toContain('Active');
    expect(list).toContain('Not polled yet');

    expect((await post(`/console/sources/${source!.id}/poll`, {})).headers.get('location')).toBe(
      '/console/sources?polled=1',
    );
    // The registration queued its first poll too.
    expect(await feeds.drainPolls()).toBeGreaterThanOrEqual(1);
    list = await (await page('/console/sources?polled=1')).text();
    expect(list).toContain('A poll is queued');
    expect(list).toMatch(/\d+ new of \d+/u);

    expect((await post(`/console/sources/${source!.id}/pause`, {})).status).toBe(303);
    expect((await feeds.sources.getSource(source!.id)).state).toBe('paused');
    expect(await (await page('/console/sources')).text()).toContain('Paused');
    expect((await post(`/console/sources/${source!.id}/resume`, {})).status).toBe(303);
    expect((await feeds.sources.getSource(source!.id)).state).toBe('active');
    // Each change is the signed-in operator's in the activity log, newest first.
    const changes = (await test.mujaz.activity()).entries.filter(({ target }) => target.id === source!.id);
    expect(changes.map(({ action, actor }) => ({ action, actor }))).toEqual(
      ['source-edit', 'source-edit', 'source-poll', 'source-add'].map((action) => ({
        action,
        actor: operatorActor(operator),
      })),
    );
  });

  it('says why a feed address was refused: not allowed (400), no feed there (422)', async () => {
    const refused = await post('/console/sources', { url: 'http://127.0.0.1:9/feed.xml' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('class="problem"');
    web.serve('/not-a-feed.txt', { body: 'plain words', contentType: 'text/plain' });
    const unreadable = await post('/console/sources', { url: web.url('/not-a-feed.txt') });
    expect(unreadable.status).toBe(422);
  });

  it('refuses each source form without the session’s _csrf (403), changing nothing', async () => {
    const [source] = await feeds.sources.listSources();
    expect((await post('/console/sources', { url: web.url('/other.xml') }, { csrf: false })).status).toBe(403);
    for (const action of ['pause', 'resume', 'poll'])
      expect((await post(`/console/sources/${source!.id}/${action}`, {}, { csrf: false })).status).toBe(403);
    expect((await feeds.sources.getSource(source!.id)).state).toBe('active');
  });

  it('sends a request without a session to the sign-in page', async () => {
    const response = await app.request('/console/sources');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/console/sign-in');
  });
});
