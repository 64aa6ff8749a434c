// The cross-site attack of the red team, in a real browser (Debian's Chromium): a page on another site has its
// visitor's browser post to our state-changing routes — a no-cors fetch with a body and no media type, and a plain
// form — and none of it subscribes, confirms or starts anything. RFC 8058's one-click form alone is taken.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium } from 'playwright-core';
import { freePort } from '../../lambdas/local/local-stack';
import { apiAppOver, createTestMujaz, type TestMujaz, uniqueAddress } from '../support/local-services';

const CHROMIUM = '/usr/bin/chromium';

let test: TestMujaz;
let api: ServerType;
let attacker: Server;
let browser: Browser;
let apiBase: string;
let attackerBase: string;
/** What reached the API, and what it answered. */
const seen: Array<{ path: string; type: string | null; site: string | null; origin: string | null; status: number }> =
  [];
/** The page the attacker's site serves next. */
let attackPage = '';

beforeAll(async () => {
  const port = await freePort();
  apiBase = `http://127.0.0.1:${port}`;
  test = await createTestMujaz('cross-site', { environment: { MUJAZ_PUBLIC_BASE_URL: apiBase } });
  const app = apiAppOver(test, 'cross-site-admin-token');
  api = await new Promise<ServerType>((resolve) => {
    const started = serve(
      {
        fetch: async (request: Request) => {
          const response = await app.fetch(request);
          const header = (name: string) => request.headers.get(name);
          seen.push({
            path: new URL(request.url).pathname,
            type: header('content-type'),
            site: header('sec-fetch-site'),
            origin: header('origin'),
            status: response.status,
          });
          return response;
        },
        port,
        hostname: '127.0.0.1',
      },
      () => resolve(started),
    );
  });
  // Another site: "localhost" is not "127.0.0.1" to a browser, so the attacker's page is cross-site to the API.
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(attackPage);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerBase = `http://localhost:${(attacker.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
  await test?.close();
});

/**
 * Opens the attacker's page with this script in it, and waits until it says it is done. Each fetch of the page
 * rejects, whatever we answer: Cross-Origin-Resource-Policy keeps every answer from other sites' pages. The request
 * itself still arrives; that is what the attack needs, and what these tests watch.
 */
async function visit(script: string): Promise<void> {
  attackPage = `<!doctype html><title>Win a prize</title><script>(async () => { ${script}; })().finally(() => { document.title = 'done'; })</script>`;
  const page = await browser.newPage();
  try {
    await page.goto(`${attackerBase}/`);
    await page.waitForFunction("document.title === 'done'", undefined, { timeout: 15_000 });
  } finally {
    await page.close();
  }
}

it('refuses the no-cors fetch of the red team: a body with no media type, from another site', async () => {
  const victim = uniqueAddress('victim');
  seen.length = 0;
  await visit(`await fetch('${apiBase}/subscriptions', {
    method: 'POST',
    mode: 'no-cors',
    body: new TextEncoder().encode(JSON.stringify({ email: '${victim}' })),
  }).catch(() => undefined)`);
  // The attack as the browser made it, and our answer.
  expect(seen).toEqual([{ path: '/subscriptions', type: null, site: 'cross-site', origin: attackerBase, status: 403 }]);
});

it('refuses the same as text/plain, as a form, and on the links of emails, and takes the one-click form', async () => {
  const victim = uniqueAddress('victim');
  seen.length = 0;
  const post = (path: string, body: string, type: string) =>
    `await fetch('${apiBase}${path}', { method: 'POST', mode: 'no-cors', headers: { 'content-type': '${type}' }, body: '${body}' }).catch(() => undefined)`;
  await visit(
    [
      post('/subscriptions', JSON.stringify({ email: victim }), 'text/plain'),
      post('/subscriptions', `email=${encodeURIComponent(victim)}`, 'application/x-www-form-urlencoded'),
      post('/subscriptions/confirm?token=v1.a.b', '', 'application/x-www-form-urlencoded'),
      post('/resubscribe?token=v1.a.b', '', 'application/x-www-form-urlencoded'),
      post('/unsubscribe?token=v1.a.b', '', 'application/x-www-form-urlencoded'),
      post('/unsubscribe?token=v1.a.b', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded'),
    ].join(';'),
  );
  expect(seen.map(({ path, site, status }) => ({ path, site, status }))).toEqual([
    { path: '/subscriptions', site: 'cross-site', status: 403 },
    { path: '/subscriptions', site: 'cross-site', status: 403 },
    { path: '/subscriptions/confirm', site: 'cross-site', status: 403 },
    { path: '/resubscribe', site: 'cross-site', status: 403 },
    { path: '/unsubscribe', site: 'cross-site', status: 403 },
    // Taken, and turned away for its forged token alone: a webmail page may make this request.
    { path: '/unsubscribe', site: 'cross-site', status: 400 },
  ]);
}, 30_000);
