// The overview and the next edition in a real browser (Debian's Chromium driven by playwright-core) against the Hono
// app served over HTTP on the local services: sign in with the link from the inbox, read the overview, hold one
// report for later, rewrite another's summary, look at the email as readers will get it, send a test — in Arabic,
// then in English. Every page is screenshotted at 390 and 1280 px into out/console/ and checked with axe-core (WCAG
// 2.1 A and AA, and best practices): no serious or critical violation, nothing wider than the window, no script.
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
const operator = uniqueAddress('next-browser');
const EDITED = 'ملخّص المحرّر <b>بخطّ عريض</b> & نصّ.';

let test: TestMujaz;
let server: ServerType;
let browser: Browser;
let base: string;
let audit: Page;
const ids: Record<string, string> = {};

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-core`);
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  test = await createTestMujaz('console-next-browser', {
    environment: { MUJAZ_PUBLIC_BASE_URL: base, MUJAZ_OPERATORS: operator, MUJAZ_FEATURED_REPORTS: '2' },
  });
  const now = new Date().toISOString();
  await test.mujaz.importSubscribers([
    { line: 1, email: uniqueAddress('reader'), confirmedAt: now, language: 'ar' },
    { line: 2, email: uniqueAddress('reader'), confirmedAt: now, language: 'ar' },
    { line: 3, email: uniqueAddress('reader'), confirmedAt: now, language: 'en' },
  ]);
  const reports = {
    council: {
      title: 'المجلس البلدي يقرّ ممرّات جديدة للدرّاجات',
      body: 'أقرّ المجلس البلدي يوم الاثنين أربعين كيلومترًا من الممرّات المحمية. قال المؤيدون إن ركوب الدرّاجات سيصبح أكثر أمانًا. تُفتتح الممرّات الأولى في الربيع.',
      source: 'الجزيرة',
    },
    harbour: {
      title: 'Harbour reopens after storm repairs',
      body: 'The harbour reopened on Friday after two weeks of repairs. Fishing boats returned the same morning. The port authority thanked the crews.',
      source: 'BBC News',
    },
    library: {
      title: 'المكتبة العامة تمدّد ساعات عملها <حتى العاشرة>',
      body: 'ستفتح مكتبة المدينة حتى العاشرة ليلًا اعتبارًا من مارس. طلب الطلاب هذا التغيير العام الماضي. يموّل المجلس موظفَين إضافيين.',
    },
  };
  for (const [name, report] of Object.entries(reports)) ids[name] = (await test.mujaz.ingestReport(report)).report.id;
  const app = apiAppOver(test, 'console-next-browser-admin-token');
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

/** The page at 390 and 1280 px, whole, as `<name>-<language>-<width>.png`; checked with axe and for overflow. */
async function screenshots(page: Page, name: string): Promise<void> {
  const language = await page.getAttribute('html', 'lang');
  const named = `${name}-${language}`;
  audited.push({ name: named, violations: await violationsIn(audit, await page.content()) });
  expect(await page.locator('script').count()).toBe(0);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: join(SHOTS, `${named}-${width}.png`), fullPage: true });
    const overflow = await sidewaysOverflow(page);
    expect({ page: named, width, overflow }).toEqual({ page: named, width, overflow: 0 });
  }
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${base}/console/sign-in`);
  await page.fill('input[name=email]', operator);
  await page.click('main button[type=submit]');
  const [email] = await untilEmailsTo(sesEndpoint, operator, { count: 1 });
  await page.goto(linkIn(email!, '/console/sign-in/confirm')!);
  await page.click('main button[type=submit]');
  expect(new URL(page.url()).pathname).toBe('/console');
}

/** The button of the report's form for `action`. */
const reportButton = (name: string, action: string) =>
  `li#report-${ids[name]} form:has(input[name=action][value=${action}]) button`;

it('reads the overview, holds a report, rewrites a summary and sends a test — in Arabic and in English', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts: string[] = [];
  page.on('console', (message) => scripts.push(message.text()));
  await signIn(page);

  // Arabic: the newsletter's language.
  expect(await page.getAttribute('html', 'dir')).toBe('rtl');
  expect(await page.locator('main svg[role=img] > title').count()).toBe(1);
  await screenshots(page, 'overview');

  await page.click(`header nav a[href="/console/next"]`);
  expect(await page.getAttribute('header nav a[href="/console/next"]', 'aria-current')).toBe('page');
  expect(await page.locator('main li.report').count()).toBe(3);
  await screenshots(page, 'next');

  // Hold the English report for a later edition: it moves to the held list, with its "include" button.
  await page.click(reportButton('harbour', 'exclude'));
  expect(await page.locator('#held ~ ol li.report, section[aria-labelledby=held] li.report').count()).toBe(1);
  expect(await page.locator(reportButton('harbour', 'include')).count()).toBe(1);

  // Rewrite a summary: shown as the editor wrote it, marked as edited.
  await page.click(`li#report-${ids.council} details summary`);
  await page.fill(`li#report-${ids.council} textarea[name=summary]`, EDITED);
  await page.click(reportButton('council', 'save'));
  const council = page.locator(`li#report-${ids.council}`);
  expect(await council.locator('.summary').textContent()).toBe(EDITED);
  expect(await council.locator('.edited').count()).toBe(1);
  expect(await council.locator('.summary b').count()).toBe(0);
  await screenshots(page, 'next-edited');

  // The email as readers get it: the edited summary in it, as text.
  const preview = await context.newPage();
  const answer = await preview.goto(`${base}/console/next/preview`);
  expect(answer!.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(await preview.textContent('body')).toContain(EDITED);
  expect(await preview.textContent('body')).not.toContain('Harbour reopens');
  await preview.close();

  // A test to the signed-in operator.
  const before = (await emailsTo(sesEndpoint, operator)).length;
  await page.click('main form[action="/console/send"]:has(input[value=test]) button');
  expect(new URL(page.url()).search).toBe('?done=test');
  expect(await page.textContent('main [role=status]')).toContain(operator);
  const emails = await untilEmailsTo(sesEndpoint, operator, { count: before + 1 });
  expect(emails[before]!.body.text).toContain(EDITED);

  // English: the same pages, left to right.
  await page.click('header form[action="/console/language"] button');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  await screenshots(page, 'overview');
  await page.goto(`${base}/console/next`);
  expect(await page.getAttribute('html', 'dir')).toBe('ltr');
  await screenshots(page, 'next');
  // The send asks first.
  await page.click('main form[action="/console/send"]:has(input[value=send]) button');
  expect(await page.textContent('main')).toContain('It goes to 3 readers: 2 reports in full and 0 as headlines.');
  await screenshots(page, 'next-confirm');
  expect(scripts).toEqual([]);

  expect(audited.map(({ name }) => name)).toEqual([
    'overview-ar',
    'next-ar',
    'next-edited-ar',
    'overview-en',
    'next-en',
    'next-confirm-en',
  ]);
  const serious = ({ impact }: Violation) => impact === 'serious' || impact === 'critical';
  expect(audited.map(({ name, violations }) => ({ name, violations: violations.filter(serious) }))).toEqual(
    audited.map(({ name }) => ({ name, violations: [] })),
  );
  await context.close();
}, 180_000);
