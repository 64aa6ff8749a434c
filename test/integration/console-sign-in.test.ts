// The console's sign-in and sessions under attack, on the real local services (DynamoDB Local, local SQS, the SES
// endpoint): the link comes from the inbox as an operator gets it, through the subscription queue and the deliver
// step. Every guarantee of the sign-in is one test here: one page for every address, a link that works once and
// briefly and only for a current operator, a cookie nobody can forge or outlive, forms that need the session's
// `_csrf` and this site, limits per client and per address, and the admin token and the console kept apart.
import type { Hono } from 'hono';
import { awsMujazDeps } from '../../lambdas/composition/aws-mail-adapters';
import { composeConsoleUseCases } from '../../lambdas/composition/compose-console-use-cases';
import { SESSION_LIFETIME_MS, SIGN_IN_LINK_LIFETIME_MS } from '../../lambdas/core/domain/console-access';
import { createAdminApp } from '../../lambdas/http/admin-routes';
import { emailsTo, linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { FixedClock } from '../support/fixed-clock';
import { InMemoryMetrics } from '../support/in-memory-metrics';
import {
  createTestMujaz,
  localServices,
  TEST_TOKEN_SECRET,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';
import { compiledTemplates } from '../support/real-renderer';
import { silentLogger } from '../support/silent-logger';

const { sesEndpoint } = localServices();
const ADMIN_TOKEN = 'console-test-admin-token';
/** app.request's URLs are on http://localhost: a browser on our own pages sends this Origin. */
const OWN_ORIGIN = 'http://localhost';
const clock = new FixedClock(new Date());
const operator = uniqueAddress('operator');
const secondOperator = uniqueAddress('second-operator');
/** An address with the characters HTML must escape that an address may hold. */
const markupOperator = `o'neil&co-${uniqueAddress('x').split('@')[0]}@example.com`;
const operators = [operator, secondOperator, markupOperator];

let test: TestMujaz;
/** The admin function's app with `operators` as its configured operators (the same table, queue and inbox). */
let appFor: (operators: readonly string[]) => Hono;
let app: Hono;

beforeAll(async () => {
  test = await createTestMujaz('console', { clock, environment: { MUJAZ_OPERATORS: operators.join(',') } });
  const deps = awsMujazDeps(test.config, { tokenSecret: TEST_TOKEN_SECRET }, test.clients, {
    logger: silentLogger,
    metrics: new InMemoryMetrics(),
    emailTemplates: await compiledTemplates(),
    clock,
  });
  appFor = (configured) =>
    createAdminApp({
      mujaz: test.mujaz,
      imports: test.imports,
      console: composeConsoleUseCases(deps, { newsletter: test.config.newsletter, operators: configured }),
      clientAddress: (c) => c.req.header('x-test-client') ?? '192.0.2.1',
      dispatcher: { dispatchSend: async () => undefined },
      adminToken: ADMIN_TOKEN,
      newsletter: test.config.newsletter,
      timeZone: test.config.timeZone,
      logger: silentLogger,
    });
  app = appFor(operators);
});
afterAll(async () => test.close());

/** Each test its own minute: the sign-in limits count per minute, and the tests share one table. */
beforeEach(() => {
  clock.advance(61_000);
});

let clients = 0;
/** A client address of its own, so that one test's requests never count against another's limit. */
function freshClient(): string {
  clients += 1;
  return `198.51.100.${clients}`;
}

function askForLink(email: string, options: { language?: string; client?: string; origin?: string } = {}) {
  const form = new URLSearchParams({ email, language: options.language ?? 'en' });
  return app.request('/console/sign-in', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: options.origin ?? OWN_ORIGIN,
      'x-test-client': options.client ?? freshClient(),
    },
    body: form.toString(),
  });
}

/** The sign-in link of the operator's `n`-th sign-in email (1 for the first), as the inbox has it. */
async function mailedLink(email: string, n = 1): Promise<string> {
  const emails = await untilEmailsTo(sesEndpoint, email, { count: n });
  const link = linkIn(emails[n - 1]!, '/console/sign-in/confirm');
  if (!link) throw new Error('no sign-in link in the email');
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

const press = (path: string, headers: Record<string, string> = { origin: OWN_ORIGIN }) =>
  appFor(operators).request(path, { method: 'POST', headers });

/** Asks for a link for `email` and answers the one this request mailed (path and search). */
async function freshLink(email: string): Promise<string> {
  const before = (await emailsTo(sesEndpoint, email)).length;
  expect((await askForLink(email)).status).toBe(200);
  return mailedLink(email, before + 1);
}

/** Signs `email` in through its mailed link: the session cookie's value, and the page's `_csrf`. */
async function signedIn(email: string): Promise<{ cookie: string; csrf: string }> {
  const link = await freshLink(email);
  const response = await press(link);
  expect(response.status).toBe(303);
  const cookie = /__Host-mujaz_session=([^;]+)/u.exec(response.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  const page = await (await consolePage(cookie)).text();
  const csrf = /name="_csrf" value="([^"]+)"/u.exec(page)?.[1];
  if (!csrf) throw new Error('no _csrf on the console page');
  return { cookie, csrf };
}

const consolePage = (cookie: string, headers: Record<string, string> = {}) =>
  app.request('/console', { headers: { cookie: `__Host-mujaz_session=${cookie}`, ...headers } });

function postForm(path: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: {
      cookie: `__Host-mujaz_session=${cookie}`,
      'content-type': 'application/x-www-form-urlencoded',
      origin: OWN_ORIGIN,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('asking for a link', () => {
  it('answers an operator and anyone else with the same page, byte for byte, and mails only the operator', async () => {
    const stranger = uniqueAddress('stranger');
    const forStranger = await askForLink(stranger);
    const forOperator = await askForLink(secondOperator);
    expect([forStranger.status, forOperator.status]).toEqual([200, 200]);
    expect(forStranger.headers.get('content-type')).toBe(forOperator.headers.get('content-type'));
    const [strangerPage, operatorPage] = [await forStranger.text(), await forOperator.text()];
    expect(strangerPage).toBe(operatorPage);
    expect(operatorPage).toContain('If this address belongs to an operator');

    const [email] = await untilEmailsTo(sesEndpoint, secondOperator);
    expect(email!.subject).toContain('sign-in link');
    expect(email!.body.html).toMatch(/<html[^>]*lang="en"[^>]*dir="ltr"|<html[^>]*dir="ltr"[^>]*lang="en"/u);
    expect(email!.body.text).toContain('/console/sign-in/confirm?token=');
    // The stranger's request went through the same queue, first: by now it was handled, and mailed nobody.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await emailsTo(sesEndpoint, stranger)).toEqual([]);
  });

  it('mails the link in Arabic, right to left, when asked from the Arabic page', async () => {
    const before = (await emailsTo(sesEndpoint, operator)).length;
    await askForLink(operator, { language: 'ar' });
    const emails = await untilEmailsTo(sesEndpoint, operator, { count: before + 1 });
    const email = emails[before]!;
    expect(email.subject).toContain('رابط دخولك');
    expect(email.body.html).toContain('dir="rtl"');
    expect(email.body.html).toContain('lang="ar"');
  });

  it('refuses the 6th request a minute from one client, and the 6th for one address, with Retry-After and the same page', async () => {
    const client = freshClient();
    const answers = [];
    for (let n = 0; n < 6; n += 1) answers.push(await askForLink(uniqueAddress('anyone'), { client }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 429]);
    expect(Number(answers[5]!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await answers[5]!.text()).toBe(await answers[0]!.text());

    const address = uniqueAddress('targeted');
    const perAddress = [];
    for (let n = 0; n < 6; n += 1) perAddress.push((await askForLink(address)).status);
    expect(perAddress).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('answers a body that is no form with 415, and a form that cannot be read with 400', async () => {
    const sent = (body: string, type: string) =>
      app.request('/console/sign-in', {
        method: 'POST',
        headers: { 'content-type': type, origin: OWN_ORIGIN, 'x-test-client': freshClient() },
        body,
      });
    const json = await sent(JSON.stringify({ email: operator }), 'application/json');
    expect([json.status, ((await json.json()) as { error: { code: string } }).error.code]).toEqual([
      415,
      'unsupported_media_type',
    ]);
    const broken = await sent('--nothing\r\n', 'multipart/form-data; boundary=missing');
    expect(broken.status).toBe(400);
  });

  it('refuses a sign-in form posted from another site, or with no origin at all', async () => {
    expect((await askForLink(operator, { origin: 'https://evil.example' })).status).toBe(403);
    const noOrigin = await app.request('/console/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(operator)}`,
    });
    expect(noOrigin.status).toBe(403);
  });
});

describe('the link', () => {
  it('asks on GET without signing in, signs in once on POST with the cookie the issue names, and is refused the second time', async () => {
    const link = await freshLink(operator);
    const asked = await app.request(link);
    expect(asked.status).toBe(200);
    expect(asked.headers.get('set-cookie')).toBeNull();
    expect(await asked.text()).toContain('<form method="post" action="/console/sign-in/confirm?token=');

    const first = await press(link);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/console');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-mujaz_session=[\w-]{43};/u);
    expect(cookie.split('; ').sort()).toEqual(
      expect.arrayContaining([
        'HttpOnly',
        'Secure',
        'SameSite=Strict',
        'Path=/',
        `Max-Age=${SESSION_LIFETIME_MS / 1000}`,
      ]),
    );
    expect(cookie).not.toMatch(/Domain=/iu);

    const again = await press(link);
    expect(again.status).toBe(404);
    expect(again.headers.get('set-cookie')).toBeNull();
    // The newsletter's language (Arabic here): the way to a new link.
    expect(await again.text()).toContain('href="/console/sign-in?lang=ar"');
    expect((await app.request(link)).status).toBe(404);
  });

  it('is refused 15 minutes after it was mailed', async () => {
    const link = await freshLink(operator);
    clock.advance(SIGN_IN_LINK_LIFETIME_MS);
    const late = await press(link);
    expect(late.status).toBe(404);
    expect(late.headers.get('set-cookie')).toBeNull();
  });

  it('is refused once its address is no operator’s', async () => {
    const link = await freshLink(secondOperator);
    const withoutThem = appFor([operator]);
    expect((await withoutThem.request(link)).status).toBe(404);
    const pressed = await withoutThem.request(link, { method: 'POST', headers: { origin: OWN_ORIGIN } });
    expect(pressed.status).toBe(404);
    expect(pressed.headers.get('set-cookie')).toBeNull();
  });

  it('is refused when its button is pressed from another site', async () => {
    const link = await freshLink(operator);
    expect((await press(link, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Not spent by the refused attempt.
    expect((await press(link)).status).toBe(303);
  });

  it('shows nothing of a forged token', async () => {
    const forged = await app.request(`/console/sign-in/confirm?token=${encodeURIComponent('"><script>x()</script>')}`);
    expect(forged.status).toBe(404);
    expect(await forged.text()).not.toContain('<script>');
  });
});

describe('the session', () => {
  it('opens the console, shows who is signed in (escaped), and ends with sign-out', async () => {
    const { cookie, csrf } = await signedIn(markupOperator);
    const page = await consolePage(cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain(markupOperator.replace('&', '&amp;').replace("'", '&#39;'));
    expect(html).not.toContain(markupOperator);

    const out = await postForm('/console/sign-out', cookie, { _csrf: csrf });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/^__Host-mujaz_session=;.*Max-Age=0/u);
    const after = await consolePage(cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/console/sign-in');
  });

  it('sends a forged, an expired or a removed operator’s cookie to the sign-in page', async () => {
    const forged = await consolePage('not-a-session-id-at-all');
    expect([forged.status, forged.headers.get('location')]).toEqual([303, '/console/sign-in']);
    expect((await app.request('/console')).status).toBe(303);

    const { cookie } = await signedIn(operator);
    expect(
      (await appFor([secondOperator]).request('/console', { headers: { cookie: `__Host-mujaz_session=${cookie}` } }))
        .status,
    ).toBe(303);
    expect((await consolePage(cookie)).status).toBe(200);
    clock.advance(SESSION_LIFETIME_MS);
    const expired = await consolePage(cookie);
    expect([expired.status, expired.headers.get('location')]).toEqual([303, '/console/sign-in']);
  });

  it('keeps the admin token and the console apart', async () => {
    const bearer = await app.request('/console', { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect([bearer.status, bearer.headers.get('location')]).toEqual([303, '/console/sign-in']);
    const { cookie } = await signedIn(operator);
    const api = await app.request('/digests/1', { headers: { cookie: `__Host-mujaz_session=${cookie}` } });
    expect(api.status).toBe(401);
  });

  it('switches the language with the session’s _csrf, and remembers it for the operator’s next session', async () => {
    const { cookie, csrf } = await signedIn(secondOperator);
    expect(await (await consolePage(cookie)).text()).toContain('<html lang="en" dir="ltr">');
    expect((await postForm('/console/language', cookie, { _csrf: csrf, language: 'ar' })).status).toBe(303);
    expect(await (await consolePage(cookie)).text()).toContain('<html lang="ar" dir="rtl">');
    const next = await signedIn(secondOperator);
    expect(await (await consolePage(next.cookie)).text()).toContain('<html lang="ar" dir="rtl">');
    await postForm('/console/language', next.cookie, { _csrf: next.csrf, language: 'en' });
  });
});

describe('every console form', () => {
  it('answers 403 without _csrf, with another session’s, from another origin or with no origin, and changes nothing', async () => {
    const mine = await signedIn(operator);
    const theirs = await signedIn(secondOperator);
    const switchTo = { language: 'ar' };
    const refused = [
      await postForm('/console/language', mine.cookie, switchTo),
      await postForm('/console/language', mine.cookie, { ...switchTo, _csrf: theirs.csrf }),
      await postForm(
        '/console/language',
        mine.cookie,
        { ...switchTo, _csrf: mine.csrf },
        { origin: 'https://evil.example' },
      ),
      await postForm(
        '/console/language',
        mine.cookie,
        { ...switchTo, _csrf: mine.csrf },
        { 'sec-fetch-site': 'same-site' },
      ),
      await app.request('/console/language', {
        method: 'POST',
        headers: { cookie: `__Host-mujaz_session=${mine.cookie}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...switchTo, _csrf: mine.csrf }).toString(),
      }),
      await postForm('/console/sign-out', mine.cookie, {}),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([403, 403, 403, 403, 403, 403]);
    const page = await (await consolePage(mine.cookie)).text();
    expect(page).toContain('<html lang="en" dir="ltr">');
    // And with all of it right, the same form goes through.
    expect((await postForm('/console/sign-out', mine.cookie, { _csrf: mine.csrf })).status).toBe(303);
  });
});
