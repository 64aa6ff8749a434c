// A reader's whole way, in a real browser (Debian's Chromium driven by playwright-core) against the Hono app served
// over HTTP on the local services: subscribe in Arabic on the page, confirm from the email the SES endpoint holds,
// read the archive, unsubscribe from the digest's footer link, subscribe again. Every page is screenshotted at
// 390 and 1280 px into out/pages/ for a person to look at, and every page and the digest email are checked with
// axe-core (WCAG 2.1 A and AA, and axe's best practices): no serious or critical violation.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort } from '../../lambdas/local/local-stack';
import { emailsTo, linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { apiAppOver, createTestMujaz, localServices, type TestMujaz, uniqueAddress } from '../support/local-services';
import { type Violation, violationsIn } from '../support/page-audit';
import { ENGLISH_REPORT } from '../support/use-case-harness';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'out', 'pages');
const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'report-ar.txt'), 'utf8');
const { sesEndpoint } = localServices();

let test: TestMujaz;
let server: ServerType;
let browser: Browser;
let base: string;
/** A page of its own for axe, whose script the product's CSP would refuse: its context alone bypasses the CSP. */
let audit: Page;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-core`);
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  test = await createTestMujaz('browser', { environment: { MUJAZ_PUBLIC_BASE_URL: base } });
  const app = apiAppOver(test, 'browser-admin-token');
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
});

/** Every document checked, with the violations axe found in it. */
const audited: Array<{ name: string; violations: Violation[] }> = [];
async function checkWithAxe(name: string, html: string): Promise<void> {
  audited.push({ name, violations: await violationsIn(audit, html) });
}

let shot = 0;
/** The page as a phone (390 px) and a laptop (1280 px) show it, whole; and checked with axe. */
async function screenshots(page: Page, name: string): Promise<void> {
  await checkWithAxe(name, await page.content());
  shot += 1;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({
      path: join(SHOTS, `${String(shot).padStart(2, '0')}-${name}-${width}.png`),
      fullPage: true,
    });
  }
}

it('subscribes in Arabic, confirms, reads the archive, unsubscribes from the digest and subscribes again', async () => {
  const reader = uniqueAddress('browser');
  const page = await browser.newPage();
  const scripts: string[] = [];
  page.on('console', (message) => scripts.push(message.text()));

  // The subscribe page, right to left, with no script of its own, and the headers that keep it so.
  const home = await page.goto(`${base}/`);
  const headers = home!.headers();
  expect(headers['content-security-policy']).toContain("default-src 'none'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await page.textContent('h1')).toBe('اشترك في موجز');
  expect(await page.locator('script').count()).toBe(0);
  await screenshots(page, 'subscribe');
  await page.fill('input[name=email]', reader);
  await page.check('input[name=language][value=ar]');
  await page.click('button[type=submit]');
  expect(await page.textContent('h1')).toBe('تفقّد بريدك');
  expect(await page.content()).not.toContain(reader);
  await screenshots(page, 'check-inbox');

  // The confirmation email, from the SES endpoint's store: opening its link only asks; the button confirms.
  const [confirmation] = await untilEmailsTo(sesEndpoint, reader);
  expect(confirmation?.subject).toBe('أكّد اشتراكك في موجز');
  await checkWithAxe('confirmation email', confirmation!.body.html!);
  const confirmLink = linkIn(confirmation!, '/subscriptions/confirm')!;
  expect(confirmLink.startsWith(`${base}/subscriptions/confirm?token=`)).toBe(true);
  expect(confirmLink).not.toContain(reader.split('@')[0]!);
  await page.goto(confirmLink);
  expect(await page.textContent('h1')).toBe('خطوة أخيرة');
  await screenshots(page, 'confirm');
  await page.click('button[type=submit]');
  expect(await page.textContent('h1')).toBe('تم تأكيد اشتراكك');
  await screenshots(page, 'confirmed');

  // A digest goes out; the archive lists it, and the edition's page shows the report.
  const report = await test.mujaz.ingestReport({ plainText: sample });
  // A report with everything an item can show — its source, its date, its link — in the other script.
  await test.mujaz.ingestReport({
    ...ENGLISH_REPORT,
    source: 'City Desk',
    url: 'https://news.example/bikes',
    publishedAt: '2026-11-20T10:00:00Z',
  });
  const sent = await test.mujaz.sendDigest();
  expect(sent.edition).toBeDefined();
  await test.untilDone(sent.edition!);
  const digest = (await untilEmailsTo(sesEndpoint, reader, { count: 2 })).find((email) =>
    email.body.html?.includes('/unsubscribe?token='),
  );
  expect(digest).toBeDefined();
  await checkWithAxe('digest email', digest!.body.html!);
  await page.goto(`${base}/archive`);
  await screenshots(page, 'archive');
  await page.click(`a[href="/archive/${sent.edition}"]`);
  expect(await page.content()).toContain(report.report.title);
  expect(page.url()).toBe(linkIn(digest!, `/archive/${sent.edition}`)?.split('#')[0]);
  await screenshots(page, 'edition');

  // The digest's footer link: a page that asks, then the goodbye page with its way back.
  await page.goto(linkIn(digest!, '/unsubscribe')!);
  expect(await page.textContent('h1')).toBe('إلغاء الاشتراك');
  await screenshots(page, 'unsubscribe');
  await page.click('button[type=submit]');
  expect(await page.textContent('h1')).toBe('تم إلغاء اشتراكك');
  await screenshots(page, 'unsubscribed');
  await page.click('button[type=submit]');
  expect(await page.textContent('h1')).toBe('تفقّد بريدك');
  await screenshots(page, 'resubscribed');
  // No page so far logged anything: no script, no Content-Security-Policy violation, no failed resource.
  expect(scripts).toEqual([]);
  // The old subscription's unsubscribe link no longer acts: it belongs to the subscription that ended.
  const gone = await page.goto(linkIn(digest!, '/unsubscribe')!);
  expect(gone!.status()).toBe(404);
  const [, , again] = await untilEmailsTo(sesEndpoint, reader, { count: 3 });
  expect(again?.subject).toBe('أكّد اشتراكك في موجز');
  expect(linkIn(again!, '/subscriptions/confirm')).not.toBe(confirmLink);
  expect(await emailsTo(sesEndpoint, reader)).toHaveLength(3);
  // Every page and both emails, with no serious or critical violation; the emails have a main landmark too.
  expect(audited.map(({ name }) => name)).toEqual([
    'subscribe',
    'check-inbox',
    'confirmation email',
    'confirm',
    'confirmed',
    'digest email',
    'archive',
    'edition',
    'unsubscribe',
    'unsubscribed',
    'resubscribed',
  ]);
  const serious = ({ impact }: Violation) => impact === 'serious' || impact === 'critical';
  expect(audited.map(({ name, violations }) => ({ name, violations: violations.filter(serious) }))).toEqual(
    audited.map(({ name }) => ({ name, violations: [] })),
  );
  for (const email of audited.filter(({ name }) => name.endsWith('email'))) {
    expect(email.violations.map(({ rule }) => rule)).not.toContain('landmark-one-main');
  }
  await page.close();
}, 90_000);
