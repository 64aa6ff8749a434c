// An operator's way into the console, in a real browser (Debian's Chromium driven by playwright-core) against the
// Hono app served over HTTP on the local services: ask for a link on the Arabic page, take it from the email the SES
// endpoint holds, press the link page's button, switch the console to English, sign out; then the same in English,
// which the console remembers. Every page, in Arabic and in English, is screenshotted at 390 and 1280 px into
// out/console/, and checked with axe-core (WCAG 2.1 A and AA, and best practices) with the sign-in emails: no serious
// or critical violation.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort } from '../../lambdas/local/local-stack';
import { emailsTo, linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { apiAppOver, createTestMujaz, localServices, type TestMujaz, uniqueAddress } from '../support/local-services';
import { sidewaysOverflow, type Violation, violationsIn } from '../support/page-audit';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'out', 'console');
const { sesEndpoint } = localServices();
const operator = uniqueAddress('console-browser');

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
  test = await createTestMujaz('console-browser', {
    environment: { MUJAZ_PUBLIC_BASE_URL: base, MUJAZ_OPERATORS: operator },
  });
  const app = apiAppOver(test, 'console-browser-admin-token');
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

/** Asks for a link on the sign-in page now open, and answers the link the email brought (checked with axe too). */
async function askForLink(page: Page): Promise<string> {
  const before = (await emailsTo(sesEndpoint, operator)).length;
  await page.fill('input[name=email]', operator);
  await page.click('main button[type=submit]');
  await screenshots(page, 'sign-in-sent');
  const emails = await untilEmailsTo(sesEndpoint, operator, { count: before + 1 });
  const email = emails[before]!;
  audited.push({ name: `sign-in email ${before + 1}`, violations: await violationsIn(audit, email.body.html ?? '') });
  return linkIn(email, '/console/sign-in/confirm')!;
}

it('signs in with the link from the inbox, switches language, signs out — in Arabic and in English', async () => {
  const page = await browser.newPage();
  const scripts: string[] = [];
  page.on('console', (message) => scripts.push(message.text()));

  // Arabic first: the newsletter's language.
  const signIn = await page.goto(`${base}/console/sign-in`);
  expect(signIn!.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await page.locator('script').count()).toBe(0);
  await screenshots(page, 'sign-in');
  const arabicLink = await askForLink(page);

  // GET asks; the button signs in.
  await page.goto(arabicLink);
  await screenshots(page, 'sign-in-confirm');
  await page.click('main button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/console');
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await page.textContent('header')).toContain(operator);
  const [cookie] = await page.context().cookies();
  expect(cookie).toMatchObject({ name: '__Host-mujaz_session', httpOnly: true, secure: true, sameSite: 'Strict' });
  await screenshots(page, 'overview');

  // A used link: refused, in the newsletter's language.
  const other = await browser.newPage();
  await other.goto(arabicLink);
  expect(await other.locator('main a[href^="/console/sign-in"]').count()).toBe(1);
  await screenshots(other, 'link-refused');
  await other.close();

  // The switch: the console in English, left to right.
  await page.click('header form[action="/console/language"] button');
  expect(new URL(page.url()).pathname).toBe('/console');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.getAttribute('html', 'dir')).toBe('ltr');
  await screenshots(page, 'overview');

  // Sign-out: back to the sign-in page, in the console's language, and the console closed.
  await page.click('header form[action="/console/sign-out"] button');
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await page.context().cookies()).toEqual([]);
  await screenshots(page, 'sign-in');
  await page.goto(`${base}/console`);
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  await page.goto(`${base}/console/sign-in?lang=en`);

  // English: the link page speaks the language it was asked in, and the console the one the operator chose last.
  const englishLink = await askForLink(page);
  await page.goto(englishLink);
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await screenshots(page, 'sign-in-confirm');
  await page.click('main button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/console');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await page.click('header form[action="/console/language"] button');
  expect(await page.getAttribute('html', 'lang')).toBe('ar');
  await page.click('header form[action="/console/sign-out"] button');
  expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  await screenshots(page, 'signed-out');
  expect(scripts).toEqual([]);

  expect(audited.map(({ name }) => name)).toEqual([
    'sign-in-ar',
    'sign-in-sent-ar',
    'sign-in email 1',
    'sign-in-confirm-ar',
    'overview-ar',
    'link-refused-ar',
    'overview-en',
    'sign-in-en',
    'sign-in-sent-en',
    'sign-in email 2',
    'sign-in-confirm-en',
    'signed-out-ar',
  ]);
  const serious = ({ impact }: Violation) => impact === 'serious' || impact === 'critical';
  expect(audited.map(({ name, violations }) => ({ name, violations: violations.filter(serious) }))).toEqual(
    audited.map(({ name }) => ({ name, violations: [] })),
  );
  await page.close();
}, 120_000);
