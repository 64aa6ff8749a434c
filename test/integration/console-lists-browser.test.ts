// The console's reports, readers and sources in a real browser (Debian's Chromium driven by playwright-core) against
// the Hono app served over HTTP on the local services, with a local HTTP server standing in for the web: sign in with
// the link from the inbox, then in Arabic and in English — add a report by its address, import a small CSV and
// follow it to its end, look up a reader, add a feed source and poll it. Every page is screenshotted at 390 and 1280
// px into out/console/ (reports-…, subscribers-…, sources-…) and checked with axe-core: no serious or critical
// violation, nothing wider than the window, no script.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort } from '../../lambdas/local/local-stack';
import { emailsTo, linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { feedFixture } from '../support/feed-fixtures';
import { type FeedServer, startFeedServer } from '../support/feed-server';
import { htmlFixture } from '../support/html-fixtures';
import {
  apiAppOver,
  createTestFeeds,
  createTestMujaz,
  localServices,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';
import { sidewaysOverflow, type Violation, violationsIn } from '../support/page-audit';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'out', 'console');
const { sesEndpoint } = localServices();
const operator = uniqueAddress('console-lists-browser');

let test: TestMujaz;
let web: FeedServer;
let server: ServerType;
let browser: Browser;
let base: string;
/** A page of its own for axe, whose script the product's CSP would refuse: its context alone bypasses the CSP. */
let audit: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-core`);
  mkdirSync(SHOTS, { recursive: true });
  web = await startFeedServer();
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  test = await createTestMujaz('console-lists-browser', {
    environment: { MUJAZ_PUBLIC_BASE_URL: base, MUJAZ_OPERATORS: operator },
  });
  const feeds = await createTestFeeds(test, { fetchAllow: [web.host] });
  const app = apiAppOver(test, 'console-lists-browser-admin-token', feeds);
  server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => resolve(started));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM });
  audit = await (await browser.newContext({ bypassCSP: true })).newPage();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await test?.close();
  await web?.close();
});

const audited: Array<{ name: string; violations: Violation[] }> = [];

/** The page at 390 and 1280 px, whole, as `<name>-<language>-<width>.png`; and checked with axe. */
async function screenshots(page: Page, name: string): Promise<void> {
  const language = await page.getAttribute('html', 'lang');
  const named = `${name}-${language}`;
  audited.push({ name: named, violations: await violationsIn(audit, await page.content()) });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${named}-${width}.png`), fullPage: true });
    // Usable at this width: nothing wider than the window (no sideways scrolling).
    const overflow = await sidewaysOverflow(page);
    expect({ page: named, width, overflow }).toEqual({ page: named, width, overflow: 0 });
  }
}

/** Signs the operator in through the sign-in page and the link the inbox holds. */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/console/sign-in`);
  const before = (await emailsTo(sesEndpoint, operator)).length;
  await page.fill('input[name=email]', operator);
  await page.click('main button[type=submit]');
  const emails = await untilEmailsTo(sesEndpoint, operator, { count: before + 1 });
  await page.goto(linkIn(emails[before]!, '/console/sign-in/confirm')!);
  await page.click('main button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/console');
}

/** The three sections in the console's current language, each form used once. */
async function walkTheSections(page: Page, language: 'ar' | 'en'): Promise<void> {
  expect(await page.getAttribute('html', 'lang')).toBe(language);

  // Reports: the list, then a report added by its address on the local web server.
  await page.click('header nav a[href="/console/reports"]');
  expect(await page.getAttribute('header nav a[aria-current=page]', 'href')).toBe('/console/reports');
  await screenshots(page, 'reports');
  const article = `/article-${language}.html`;
  web.serve(article, {
    body: htmlFixture(language === 'ar' ? 'arabic-news-article.html' : 'english-news-article.html'),
    contentType: 'text/html; charset=utf-8',
  });
  await page.fill('input[name=url]', web.url(article));
  await page.click('form[action="/console/reports/by-url"] button');
  expect(new URL(page.url()).pathname).toMatch(/^\/console\/reports\/[0-9a-f]{24}$/u);
  expect(await page.textContent('main')).toContain(web.url(article));
  await screenshots(page, 'reports-added');
  // A refused address: the page says why.
  await page.goto(`${base}/console/reports`);
  await page.fill('input[name=url]', 'http://127.0.0.1:9/private.html');
  await page.click('form[action="/console/reports/by-url"] button');
  expect(await page.locator('.problem').count()).toBe(1);
  await screenshots(page, 'reports-refused');

  // Readers: a small CSV imported and followed to its end, then one of its readers looked up.
  await page.click('header nav a[href="/console/subscribers"]');
  await screenshots(page, 'subscribers');
  const reader = uniqueAddress(`reader-${language}`);
  await page.setInputFiles('input[name=file]', {
    name: 'readers.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`email,language,confirmed_at\n${reader},${language},2026-03-01T10:00:00Z\nnot-an-address,,\n`),
  });
  await page.click('form[action="/console/subscribers/import"] button');
  expect(new URL(page.url()).pathname).toMatch(/^\/console\/subscribers\/imports\//u);
  // The page refreshes itself while the import runs (no script): wait for the refresh to stop.
  for (let tries = 0; tries < 60 && (await page.locator('meta[http-equiv=refresh]').count()) > 0; tries += 1)
    await page.waitForTimeout(500);
  expect(await page.locator('meta[http-equiv=refresh]').count()).toBe(0);
  await screenshots(page, 'subscribers-import');
  await page.goto(`${base}/console/subscribers`);
  await page.fill('input[name=email]', reader);
  await page.click('form[action="/console/subscribers/lookup"] button');
  expect(new URL(page.url()).pathname).toBe('/console/subscribers/lookup');
  expect(page.url()).not.toContain(reader.split('@')[0]!);
  expect(await page.textContent('main')).toContain(reader);
  await screenshots(page, 'subscribers-reader');

  // Sources: a feed added, polled now.
  await page.click('header nav a[href="/console/sources"]');
  const feed = `/feed-${language}.xml`;
  web.serve(feed, {
    body: feedFixture(language === 'ar' ? 'arabic-utf8.xml' : 'rss2-content-encoded.xml'),
    contentType: 'application/rss+xml',
  });
  await page.fill('input[name=url]', web.url(feed));
  await page.click('form[action="/console/sources"] button');
  expect(new URL(page.url()).pathname).toBe('/console/sources');
  expect(await page.textContent('main')).toContain(web.url(feed));
  await page.locator('td form[action$="/poll"] button').first().click();
  expect(await page.locator('.done').count()).toBe(1);
  await screenshots(page, 'sources');
}

it('walks the reports, readers and sources in Arabic and in English', async () => {
  const page = await browser.newPage();
  const scripts: string[] = [];
  page.on('console', (message) => scripts.push(message.text()));
  await signIn(page);
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  await walkTheSections(page, 'ar');
  await page.click('header form[action="/console/language"] button');
  expect(await page.getAttribute('html', 'dir')).toBe('ltr');
  await walkTheSections(page, 'en');
  expect(await page.locator('script').count()).toBe(0);
  // The browser notes each refused address's page (400, on purpose); nothing else.
  expect(scripts).toEqual([
    'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    'Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ]);

  const names = [
    'reports',
    'reports-added',
    'reports-refused',
    'subscribers',
    'subscribers-import',
    'subscribers-reader',
    'sources',
  ];
  expect(audited.map(({ name }) => name)).toEqual([
    ...names.map((name) => `${name}-ar`),
    ...names.map((name) => `${name}-en`),
  ]);
  const serious = ({ impact }: Violation) => impact === 'serious' || impact === 'critical';
  expect(audited.map(({ name, violations }) => ({ name, violations: violations.filter(serious) }))).toEqual(
    audited.map(({ name }) => ({ name, violations: [] })),
  );
  await page.close();
}, 180_000);
