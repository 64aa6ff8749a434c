// The reader's side of the API: subscribing, confirming by the emailed link, and unsubscribing — JSON for clients,
// small pages in the newsletter's language for a browser.
import type { Hono } from 'hono';
import { HmacTokenSigner } from '../../../lambdas/adapters/hmac-token-signer';
import { labelsFor } from '../../../lambdas/core/domain/newsletter-labels';
import { nthSubscriptionId } from '../../support/sequential-ids';
import { ENGLISH_REPORT, tokenFromLink } from '../../support/use-case-harness';
import {
  apiAppFor,
  browser,
  createHttpHarness,
  errorOf,
  form,
  type HttpHarness,
  json,
  problemPageOf,
  TEST_CLIENT_HEADER,
} from './http-harness';

let h: HttpHarness;
let app: Hono;

beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

/** The subscription id stored for the address now (test setup only: links name this, never the address). */
const subscriptionOf = (email: string): string => {
  const subscriber = h.subscribers.all().find((stored) => stored.email === email);
  if (!subscriber) throw new Error('no such subscriber');
  return subscriber.subscriptionId;
};

let clients = 0;
/**
 * POST /subscriptions, then the subscription queue's consumer, as the deliver function runs it. Each call comes
 * from a client of its own unless the headers name one: the per-client limit has tests of its own.
 */
const subscribe = async (body: RequestInit['body'], headers: Record<string, string> = json) => {
  clients += 1;
  const response = await app.request('/subscriptions', {
    method: 'POST',
    headers: { [TEST_CLIENT_HEADER]: `198.51.100.${clients % 250}`, ...headers },
    body,
  });
  await h.processSubscriptions();
  return response;
};

describe('POST /subscriptions', () => {
  it('answers 202 and mails a confirmation for a JSON body', async () => {
    const response = await subscribe(JSON.stringify({ email: 'Reader@Example.com' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'pending' });
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['reader@example.com']);
    expect(h.mailer.sent[0]!.subject).toBe(labelsFor(h.newsletter).confirmSubject);
  });

  it('answers the same 202 for an address that is already confirmed, and mails nothing', async () => {
    await h.addSubscriber('reader@example.com', 'confirmed');
    const fresh = await (await subscribe(JSON.stringify({ email: 'new@example.com' }))).json();
    h.mailer.sent.length = 0;
    const response = await subscribe(JSON.stringify({ email: 'reader@example.com' }));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual(fresh);
    expect(h.mailer.sent).toEqual([]);
  });

  it('accepts a form-encoded body', async () => {
    const response = await subscribe('email=reader%40example.com', form);
    expect(response.status).toBe(202);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
  });

  it('accepts a well-formed multipart body', async () => {
    const body = new FormData();
    body.set('email', 'reader@example.com');
    const response = await app.request('/subscriptions', { method: 'POST', body });
    await h.processSubscriptions();
    expect(response.status).toBe(202);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
  });

  it('answers 400 with problems[0].field "email" for a bad address', async () => {
    for (const [headers, body] of [
      [json, JSON.stringify({ email: 'not-an-address' })],
      [form, 'email=not-an-address'],
    ] as const) {
      const error = await errorOf(await subscribe(body, headers), 400);
      expect(error.problems?.[0]?.field).toBe('email');
    }
    expect(h.mailer.sent).toEqual([]);
  });

  it('keeps one mailbox one subscriber: aliases refused with a 400 that says why, spellings of one domain merged', async () => {
    for (const alias of [
      'du\u0000p@example.com',
      'dup(x)@example.com',
      'dup\u200B@example.com',
      '\u202Edup@example.com',
    ]) {
      const error = await errorOf(await subscribe(JSON.stringify({ email: alias })), 400);
      expect(error.problems).toEqual([{ field: 'email', message: expect.stringMatching(/invisible|plain address/u) }]);
      expect(JSON.stringify(error)).not.toContain('dup');
    }
    const notAscii = await errorOf(await subscribe(JSON.stringify({ email: 'قارئ@example.com' })), 400);
    expect(notAscii.problems?.[0]?.message).toContain('Amazon SES cannot send to this address');
    for (const spelling of ['Reader@مثال.إختبار', 'reader@XN--MGBH0FB.XN--KGBECHTV']) {
      expect((await subscribe(JSON.stringify({ email: spelling }))).status).toBe(202);
    }
    expect(h.subscribers.all().map((subscriber) => subscriber.email)).toEqual(['reader@xn--mgbh0fb.xn--kgbechtv']);
  });

  it('refuses a request from another site (403, JSON) whatever its media type, storing and mailing nothing', async () => {
    const bodies: Array<[Record<string, string>, string | Uint8Array]> = [
      [form, 'email=reader%40example.com'],
      [json, JSON.stringify({ email: 'reader@example.com' })],
      [{ 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify({ email: 'reader@example.com' })],
      // The attack as a page elsewhere makes it: fetch(…, {mode: 'no-cors', body: bytes}) names no media type.
      [{}, new TextEncoder().encode(JSON.stringify({ email: 'reader@example.com' }))],
    ];
    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', origin: 'https://attacker.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://shop.example.com' },
      { origin: 'https://attacker.example' },
      { origin: 'null' },
    ];
    for (const [type, body] of bodies) {
      for (const browserSays of crossSite) {
        const error = await errorOf(await subscribe(body, { ...type, ...browserSays }), 403);
        expect(error).toEqual({
          code: 'cross_site_request',
          message: 'This request is taken only from this site’s own pages.',
        });
      }
    }
    expect(h.subscriptionQueue.waiting).toEqual([]);
    expect(h.subscribers.all()).toEqual([]);
    expect(h.mailer.sent).toEqual([]);

    // Our own page's form, a browser typing the URL, and a JSON call from a client that is no browser.
    expect(
      (
        await subscribe('email=reader%40example.com', {
          ...form,
          'sec-fetch-site': 'same-origin',
          origin: 'http://localhost',
        })
      ).status,
    ).toBe(202);
    expect((await subscribe('email=second%40example.com', { ...form, origin: 'http://localhost' })).status).toBe(202);
    expect((await subscribe('email=third%40example.com', { ...form, 'sec-fetch-site': 'none' })).status).toBe(202);
    expect((await subscribe(JSON.stringify({ email: 'fourth@example.com' }), json)).status).toBe(202);
    expect(h.subscribers.all()).toHaveLength(4);
  });

  it('answers 415 naming the problem for a body without a media type, or of one it does not read', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ email: 'reader@example.com' }));
    expect(await errorOf(await subscribe(bytes, {}), 415)).toEqual({
      code: 'unsupported_media_type',
      message:
        'The request names no media type (Content-Type): send application/json or a form (application/x-www-form-urlencoded).',
    });
    for (const type of ['text/plain', 'text/csv', 'application/xml', 'json']) {
      const error = await errorOf(await subscribe(bytes, { 'content-type': type }), 415);
      expect(error.message).toMatch(/^This media type is not read here: send application\/json or a form/u);
    }
    expect(h.subscriptionQueue.waiting).toEqual([]);
    expect(h.subscribers.all()).toEqual([]);
  });

  it('answers the same 202 and body for a new, pending, confirmed or suppressed address, and with SES down', async () => {
    await h.addSubscriber('pending@example.com', 'pending');
    await h.addSubscriber('confirmed@example.com', 'confirmed');
    await h.addSubscriber('suppressed@example.com', 'suppressed');
    h.mailer.failWith(() => new Error('SES is down'), 'new@example.com', 'pending@example.com');
    const answers = [];
    for (const name of ['new', 'pending', 'confirmed', 'suppressed']) {
      const response = await app.request('/subscriptions', {
        method: 'POST',
        headers: { ...json, [TEST_CLIENT_HEADER]: `203.0.113.${answers.length}` },
        body: JSON.stringify({ email: `${name}@example.com` }),
      });
      answers.push({ status: response.status, body: await response.text() });
    }
    expect(answers[0]).toEqual({
      status: 202,
      body: JSON.stringify({
        status: 'pending',
        message: 'If the address can receive mail, a confirmation link is on its way.',
      }),
    });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // Only the queue's consumer learns the state, and SES's outage: the request was answered before either.
    expect(h.subscriptionQueue.waiting).toHaveLength(4);
  });

  it('answers 429 with Retry-After past the per-client limit, the same body whatever the address', async () => {
    const from = (client: string, email: string) =>
      app.request('/subscriptions', {
        method: 'POST',
        headers: { ...json, [TEST_CLIENT_HEADER]: client },
        body: JSON.stringify({ email }),
      });
    for (let request = 0; request < 5; request += 1) {
      expect((await from('192.0.2.9', `r${request}@example.com`)).status).toBe(202);
    }
    h.clock.advance(20_000);
    const bodies = [];
    for (const email of ['victim@example.com', 'confirmed@example.com']) {
      const response = await from('192.0.2.9', email);
      expect(response.headers.get('retry-after')).toBe('40');
      bodies.push(await errorOf(response, 429));
    }
    expect(bodies[0]).toEqual({
      code: 'rate_limited',
      message: 'Too many requests from this network; try again in 40 seconds.',
    });
    expect(bodies[1]).toEqual(bodies[0]);
    // One IPv6 subscriber line is one client, whichever address of its /64 it uses.
    for (let request = 0; request < 5; request += 1) {
      expect((await from(`2001:db8:1:2::${request + 1}`, 'v6@example.com')).status).toBe(202);
    }
    expect((await from('2001:db8:1:2:ffff::9', 'v6@example.com')).status).toBe(429);
    expect((await from('2001:db8:1:3::1', 'v6@example.com')).status).toBe(202);
    expect(h.subscriptionQueue.waiting.map((request) => request.email)).not.toContain('victim@example.com');
  });

  it('answers 400 naming the field when the email is missing or not a string', async () => {
    for (const body of ['{}', '{"email": 42}']) {
      const error = await errorOf(await subscribe(body), 400);
      expect(error).toMatchObject({ code: 'invalid_input' });
      expect(error.problems?.[0]?.field).toBe('email');
    }
  });

  it('answers 400 invalid_form (not 5xx) for a multipart body that cannot be parsed', async () => {
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=abc']) {
      const error = await errorOf(await subscribe('email=reader@example.com', { 'content-type': type }), 400);
      expect(error.code).toBe('invalid_form');
    }
    expect(h.subscribers.all()).toEqual([]);
  });

  it('answers 413 for a body over the small limit, subscribing nobody', async () => {
    const response = await subscribe(JSON.stringify({ email: 'a@example.com', pad: 'x'.repeat(20_000) }));
    expect((await errorOf(response, 413)).code).toBe('payload_too_large');
    expect(h.subscribers.all()).toEqual([]);
  });
});

describe('/subscriptions/confirm', () => {
  async function pendingToken(): Promise<string> {
    await subscribe(JSON.stringify({ email: 'reader@example.com' }));
    return tokenFromLink(h.mailer.sent.at(-1)!.html, '/subscriptions/confirm');
  }
  /** The page's button: a POST of the link. */
  const confirm = (token: string, headers: Record<string, string> = {}) =>
    app.request(`/subscriptions/confirm?token=${encodeURIComponent(token)}`, { method: 'POST', headers });
  const open = (token: string, headers: Record<string, string> = {}, method = 'GET') =>
    app.request(`/subscriptions/confirm?token=${encodeURIComponent(token)}`, { method, headers });

  it('confirms nothing when the link is only opened (GET or HEAD, as mail scanners do)', async () => {
    const token = await pendingToken();
    const opened = await open(token);
    expect(opened.status).toBe(200);
    expect(await opened.json()).toEqual({ status: 'pending', confirm: 'POST this URL to confirm the subscription.' });
    expect((await open(token, {}, 'HEAD')).status).toBe(200);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
  });

  it('shows a browser a page whose button posts the link, in the newsletter language, confirming nothing', async () => {
    const token = await pendingToken();
    const response = await open(token, browser);
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain(labelsFor(h.newsletter).confirmButton);
    expect(page).toMatch(/<form method="post" action="\?token=[^"]+"/u);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
    expect((await errorOf(await open('v1.abc.def'), 400)).code).toBe('invalid_token');
  });

  it('answers 400 naming the token when there is none', async () => {
    const error = await errorOf(await app.request('/subscriptions/confirm'), 400);
    expect(error.problems?.[0]?.field).toBe('token');
  });

  it('answers 400 invalid_token for a bad token', async () => {
    const error = await errorOf(await confirm('A'.repeat(51)), 400);
    expect(error).toMatchObject({ code: 'invalid_token', reason: 'bad_signature' });
    expect((await errorOf(await confirm('v1.abc.def'), 400)).reason).toBe('malformed');
  });

  it('answers 400 with the reason expired for a link used too late', async () => {
    const token = await pendingToken();
    h.clock.advance(49 * 3_600_000);
    const error = await errorOf(await confirm(token), 400);
    expect(error).toMatchObject({ code: 'invalid_token', reason: 'expired' });
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
  });

  it('confirms with the token from the email: 200 {status:"confirmed"}', async () => {
    const response = await confirm(await pendingToken());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'confirmed' });
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('confirmed');
  });

  it('answers a browser with an HTML page in the newsletter language', async () => {
    const response = await confirm(await pendingToken(), browser);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    const page = await response.text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain(labelsFor(h.newsletter).pages.confirmedTitle);
    expect(page).toContain(labelsFor(h.newsletter).pages.confirmedBody);
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('confirmed');
  });

  it('answers a browser with an HTML problem page (400) for a bad token', async () => {
    const { message } = await errorOf(await confirm('v1.abc.def'), 400);
    await problemPageOf(h, await confirm('v1.abc.def', browser), 400, message);
  });

  it('answers 404 when the subscription is gone', async () => {
    const token = h.tokens.sign({
      purpose: 'confirm-subscription',
      subscription: nthSubscriptionId(99),
      expiresAt: h.clock.now().getTime() + 60_000,
    });
    expect((await errorOf(await confirm(token), 404)).code).toBe('not_found');
  });
});

describe('/unsubscribe', () => {
  const token = (email = 'reader@example.com') =>
    h.tokens.sign({ purpose: 'unsubscribe', subscription: subscriptionOf(email) });
  const oneClick = (t: string, headers: Record<string, string> = form) =>
    app.request(`/unsubscribe?token=${encodeURIComponent(t)}`, {
      method: 'POST',
      headers,
      body: 'List-Unsubscribe=One-Click',
    });
  const statusOf = async (email: string) => (await h.subscribers.find(email))?.status;

  beforeEach(async () => {
    await h.addSubscriber('reader@example.com', 'confirmed');
  });

  it('GET with a browser shows a page with a POST form and does not unsubscribe', async () => {
    const t = token();
    const response = await app.request(`/unsubscribe?token=${encodeURIComponent(t)}`, { headers: browser });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    const page = await response.text();
    expect(page).toMatch(/<form method="post" action="\?token=[^"]+">/u);
    expect(tokenFromLink(page.replace('action="?', 'action="/unsubscribe?'), '/unsubscribe')).toBe(t);
    expect(page).toContain(labelsFor(h.newsletter).pages.unsubscribeBody);
    expect(page).toContain(labelsFor(h.newsletter).pages.unsubscribeButton);
    expect(await statusOf('reader@example.com')).toBe('confirmed');
  });

  it('GET without a browser answers JSON and does not unsubscribe', async () => {
    const response = await app.request(`/unsubscribe?token=${encodeURIComponent(token())}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'subscribed' });
    expect(await statusOf('reader@example.com')).toBe('confirmed');
  });

  it('GET of a link already used says the reader is unsubscribed, and offers the way back', async () => {
    const t = token();
    await oneClick(t);
    const json = await app.request(`/unsubscribe?token=${encodeURIComponent(t)}`);
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ status: 'unsubscribed' });
    const page = await (await app.request(`/unsubscribe?token=${encodeURIComponent(t)}`, { headers: browser })).text();
    const { pages } = labelsFor(h.newsletter);
    expect(page).toContain(pages.unsubscribedTitle);
    expect(page).toContain(pages.unsubscribedBody);
    expect(page).not.toContain(pages.unsubscribeButton);
    expect(page).toContain(`<form method="post" action="/resubscribe?token=${encodeURIComponent(t)}">`);
    expect(page).toContain(pages.resubscribeButton);

    // An address that bounced or complained is no longer mailed, and gets no button to come back with.
    await h.addSubscriber('bounced@example.com', 'suppressed');
    const bounced = token('bounced@example.com');
    const suppressed = await (
      await app.request(`/unsubscribe?token=${encodeURIComponent(bounced)}`, { headers: browser })
    ).text();
    expect(suppressed).toContain(pages.unsubscribedTitle);
    expect(suppressed).not.toContain('<form');
  });

  it('GET with a bad token, or a token for another purpose, answers 400', async () => {
    expect((await errorOf(await app.request('/unsubscribe?token=nonsense'), 400)).code).toBe('invalid_token');
    const confirmToken = h.tokens.sign({
      purpose: 'confirm-subscription',
      subscription: subscriptionOf('reader@example.com'),
    });
    const error = await errorOf(await app.request(`/unsubscribe?token=${encodeURIComponent(confirmToken)}`), 400);
    expect(error).toMatchObject({ code: 'invalid_token', reason: 'wrong_purpose' });
  });

  it('POST with the RFC 8058 one-click body unsubscribes that reader only: 200, and 200 again on a retry', async () => {
    await h.addSubscriber('other@example.com', 'confirmed');
    const response = await oneClick(token());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'unsubscribed' });
    expect(await statusOf('reader@example.com')).toBe('unsubscribed');
    expect(await statusOf('other@example.com')).toBe('confirmed');
    // Mail clients may retry.
    const again = await oneClick(token());
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'unsubscribed' });
  });

  it("POST from the page's form answers a browser with a page", async () => {
    const response = await app.request(`/unsubscribe?token=${encodeURIComponent(token())}`, {
      method: 'POST',
      headers: { ...form, ...browser },
      body: '',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    expect(await response.text()).toContain(labelsFor(h.newsletter).pages.unsubscribedTitle);
    expect(await statusOf('reader@example.com')).toBe('unsubscribed');
  });

  it('POST with a forged token answers 400 and unsubscribes nobody', async () => {
    const forged = new HmacTokenSigner('another-secret-another-secret-another').sign({
      purpose: 'unsubscribe',
      subscription: subscriptionOf('reader@example.com'),
    });
    const error = await errorOf(await oneClick(forged), 400);
    expect(error).toMatchObject({ code: 'invalid_token', reason: 'bad_signature' });
    expect(await statusOf('reader@example.com')).toBe('confirmed');
  });

  it('works end to end with the List-Unsubscribe link in a sent digest', async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.sendAndDeliver();
    const link = new URL(h.mailer.sent[0]!.headers!['List-Unsubscribe']!.slice(1, -1));
    const response = await app.request(link.pathname.replace(/^\/api/u, '') + link.search, {
      method: 'POST',
      headers: form,
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    expect(await statusOf('reader@example.com')).toBe('unsubscribed');
  });
});

describe('the links of emails, posted from elsewhere', () => {
  const anotherSite = { 'sec-fetch-site': 'cross-site', origin: 'https://attacker.example' };
  const post = (path: string, token: string, headers: Record<string, string>, body?: string | Uint8Array) =>
    app.request(`${path}?token=${encodeURIComponent(token)}`, { method: 'POST', headers, body });
  const statusOf = async (email: string) => (await h.subscribers.find(email))?.status;

  it('refuses a confirmation or a resubscription posted from another site, whatever the body, changing nothing', async () => {
    await h.addSubscriber('pending@example.com', 'pending');
    await h.addSubscriber('gone@example.com', 'unsubscribed');
    const confirm = await h.tokenFor('pending@example.com', 'confirm-subscription');
    const resubscribe = await h.tokenFor('gone@example.com', 'unsubscribe');
    for (const [type, body] of [
      [{}, undefined],
      [form, ''],
      [{}, new TextEncoder().encode('{}')],
      [json, '{}'],
    ] as const) {
      for (const [path, token] of [
        ['/subscriptions/confirm', confirm],
        ['/resubscribe', resubscribe],
      ] as const) {
        expect((await errorOf(await post(path, token, { ...type, ...anotherSite }, body), 403)).code).toBe(
          'cross_site_request',
        );
      }
    }
    expect(await statusOf('pending@example.com')).toBe('pending');
    expect(await statusOf('gone@example.com')).toBe('unsubscribed');
    expect(h.subscriptionQueue.waiting).toEqual([]);

    // The same from our own pages' buttons.
    expect(
      (await post('/subscriptions/confirm', confirm, { ...form, 'sec-fetch-site': 'same-origin' }, '')).status,
    ).toBe(200);
    expect((await post('/resubscribe', resubscribe, { ...form, 'sec-fetch-site': 'same-origin' }, '')).status).toBe(
      202,
    );
    expect(await statusOf('pending@example.com')).toBe('confirmed');
    expect(h.subscriptionQueue.waiting).toEqual([{ email: 'gone@example.com', via: 'form' }]);
  });

  it('takes the RFC 8058 one-click form from a mail provider, a mail app or a webmail page alike', async () => {
    for (const [n, type, body, browserSays] of [
      [1, form, 'List-Unsubscribe=One-Click', {}],
      [2, form, 'List-Unsubscribe=One-Click', anotherSite],
      [3, form, 'List-Unsubscribe=One-Click', { origin: 'null' }],
      [4, {}, oneClickMultipart(), anotherSite],
    ] as const) {
      const email = `reader${n}@example.com`;
      await h.addSubscriber(email, 'confirmed');
      const token = await h.tokenFor(email, 'unsubscribe');
      // A FormData body brings its own multipart type.
      const response = await app.request(`/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { ...type, ...browserSays },
        body,
      });
      expect({ n, status: response.status }).toEqual({ n, status: 200 });
      expect(await statusOf(email)).toBe('unsubscribed');
    }
  });

  it('refuses any other unsubscribe posted from another site, and a body of a media type it does not read', async () => {
    await h.addSubscriber('reader@example.com', 'confirmed');
    const token = await h.tokenFor('reader@example.com', 'unsubscribe');
    for (const body of ['', 'List-Unsubscribe=Other', 'email=reader%40example.com']) {
      expect((await errorOf(await post('/unsubscribe', token, { ...form, ...anotherSite }, body), 403)).code).toBe(
        'cross_site_request',
      );
    }
    expect((await errorOf(await post('/unsubscribe', token, anotherSite), 403)).code).toBe('cross_site_request');
    const untyped = new TextEncoder().encode('List-Unsubscribe=One-Click');
    expect(await errorOf(await post('/unsubscribe', token, {}, untyped), 415)).toMatchObject({
      code: 'unsupported_media_type',
    });
    expect((await errorOf(await post('/unsubscribe', token, { 'content-type': 'text/plain' }, 'x'), 415)).code).toBe(
      'unsupported_media_type',
    );
    expect(await statusOf('reader@example.com')).toBe('confirmed');
    expect((await errorOf(await post('/unsubscribe', token, json, '{'), 400)).code).toBe('invalid_json');
    expect(await statusOf('reader@example.com')).toBe('confirmed');
    // A client that is no browser, posting the link with no body at all, as the JSON answer of GET says to, or {}.
    expect((await post('/unsubscribe', token, {})).status).toBe(200);
    expect(await statusOf('reader@example.com')).toBe('unsubscribed');
    expect((await post('/unsubscribe', token, json, '{}')).status).toBe(200);
  });
});

/** The one-click body as multipart/form-data, which RFC 8058 lets a mail client send too. */
function oneClickMultipart(): FormData {
  const body = new FormData();
  body.set('List-Unsubscribe', 'One-Click');
  return body;
}
