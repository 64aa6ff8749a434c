// The pages a reader sees without any client code: the subscribe page, "check your inbox", the goodbye page's way
// back, the archive and its Atom feed.
import type { Hono } from 'hono';
import { ENGLISH_REPORT, PUBLIC_BASE_URL, tokenFromLink } from '../../support/use-case-harness';
import {
  apiAppFor,
  browser,
  createHttpHarness,
  errorOf,
  form,
  type HttpHarness,
  problemPageOf,
  TEST_CLIENT_HEADER,
} from './http-harness';

let h: HttpHarness;
let app: Hono;
beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

/** What our own page's form sends, as a browser would. */
const fromOurPage = { ...form, ...browser, 'sec-fetch-site': 'same-origin', [TEST_CLIENT_HEADER]: '192.0.2.44' };

describe('GET /', () => {
  it('is the subscribe page: name, description, an email field and the language choice, posting to /subscriptions', async () => {
    const response = await app.request('/', { headers: browser });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await response.text();
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(page).toContain('<h1>اشترك في موجز</h1>');
    expect(page).toContain('موجز أسبوعي لأهم التقارير');
    expect(page).toContain('<form method="post" action="/subscriptions">');
    expect(page).toMatch(/<input id="email" name="email" type="email" required/u);
    expect(page).toContain('<input type="radio" name="language" value="ar" checked>');
    expect(page).toContain('<input type="radio" name="language" value="en">');
    expect(page).not.toMatch(/<script|\son[a-z]+=/iu);
    expect(page).toContain('href="/archive"');
    expect(page).toContain('href="/?lang=en"');
  });

  it('speaks English, left to right, with ?lang=en, English chosen; an unknown language is a 400', async () => {
    const page = await (await app.request('/?lang=en', { headers: browser })).text();
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('<h1>Subscribe to موجز</h1>');
    expect(page).toContain('<input type="radio" name="language" value="en" checked>');
    expect(page).toContain('href="/" hreflang="ar"');
    expect((await errorOf(await app.request('/?lang=fr'), 400)).problems?.[0]?.field).toBe('lang');
  });
});

describe('the subscribe form, posted from the page', () => {
  it('lands on a "check your inbox" page in the chosen language, the request queued with that language', async () => {
    const response = await app.request('/subscriptions', {
      method: 'POST',
      headers: fromOurPage,
      body: 'email=reader%40example.com&language=en',
    });
    expect(response.status).toBe(202);
    const page = await response.text();
    expect(page).toContain('<html lang="en" dir="ltr">');
    expect(page).toContain('Check your inbox');
    expect(page).not.toContain('reader@example.com');
    expect(h.subscriptionQueue.waiting).toEqual([{ email: 'reader@example.com', via: 'form', language: 'en' }]);
    await h.processSubscriptions();
    expect(h.mailer.sent[0]?.subject).toBe('Confirm your subscription to موجز');
  });

  it('answers a bad address with a 400 page that says why, queuing nothing', async () => {
    const response = await app.request('/subscriptions', {
      method: 'POST',
      headers: fromOurPage,
      body: 'email=not-an-address&language=ar',
    });
    const json = await errorOf(
      await app.request('/subscriptions', {
        method: 'POST',
        headers: { ...form, [TEST_CLIENT_HEADER]: '192.0.2.45' },
        body: 'email=not-an-address',
      }),
      400,
    );
    await problemPageOf(h, response, 400, json.message);
    expect(h.subscriptionQueue.waiting).toEqual([]);
  });

  it('refuses a language other than ar or en', async () => {
    const response = await app.request('/subscriptions', {
      method: 'POST',
      headers: { ...form, [TEST_CLIENT_HEADER]: '192.0.2.46' },
      body: 'email=reader%40example.com&language=fr',
    });
    expect((await errorOf(response, 400)).problems?.[0]?.field).toBe('language');
  });
});

describe('the goodbye page', () => {
  it('offers a "subscribe again" button that starts a new subscription and lands on "check your inbox"', async () => {
    await h.addSubscriber('reader@example.com', 'confirmed');
    const token = await h.tokenFor('reader@example.com', 'unsubscribe');
    const goodbye = await app.request(`/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: 'POST',
      headers: { ...form, ...browser },
      body: '',
    });
    const page = await goodbye.text();
    expect(page).toContain('اشترك من جديد');
    const action = /<form method="post" action="([^"]+)">/u.exec(page)?.[1]?.replace(/&amp;/gu, '&');
    expect(action).toBe(`/resubscribe?token=${encodeURIComponent(token)}`);
    expect(tokenFromLink(action!.replace('/resubscribe', '/unsubscribe'), '/unsubscribe')).toBe(token);

    const again = await app.request(action!, { method: 'POST', headers: { ...form, ...browser }, body: '' });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('تفقّد بريدك');
    await h.processSubscriptions();
    expect((await h.subscribers.find('reader@example.com'))?.status).toBe('pending');
    expect(h.mailer.sentTo('reader@example.com')).toHaveLength(1);
    // The button belonged to the subscription that ended: pressed again, it finds nothing.
    expect((await errorOf(await app.request(action!, { method: 'POST' }), 404)).code).toBe('not_found');
  });
});

describe('the archive', () => {
  it('says so when no edition was sent, and its feed is still a valid, empty Atom feed', async () => {
    expect(await (await app.request('/archive', { headers: browser })).text()).toContain('لم يُرسل أي عدد بعد.');
    const feed = await app.request('/feed.xml');
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await feed.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/u);
    expect(xml).toContain('<updated>1970-01-01T00:00:00.000Z</updated>');
    expect(xml).not.toContain('<entry>');
  });

  it('lists every sent edition, newest first, each linking to its page, and the feed has one entry per edition', async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.sendAndDeliver();
    h.clock.advance(7 * 86_400_000);
    await h.useCases.ingestReport({ ...ENGLISH_REPORT, title: 'A second week' });
    await h.sendAndDeliver();
    const page = await (await app.request('/archive', { headers: browser })).text();
    const links = [...page.matchAll(/<a href="(\/archive\/\d+)">([^<]+)<\/a>/gu)].map((match) => [match[1], match[2]]);
    expect(links).toEqual([
      ['/archive/2', 'العدد 2 · 1 ديسمبر 2026'],
      ['/archive/1', 'العدد 1 · 24 نوفمبر 2026'],
    ]);
    expect(page).toContain('التقارير: 1');
    const edition = await app.request('/archive/2', { headers: browser });
    expect(await edition.text()).toContain('A second week');

    const xml = await (await app.request('/feed.xml')).text();
    const ids = [
      ...xml.matchAll(/<entry>\s*<title[^>]*>(?:<!\[CDATA\[)?([^\]<]+)(?:\]\]>)?<\/title>\s*<id>([^<]+)<\/id>/gu),
    ];
    expect(ids.map((match) => [match[1], match[2]])).toEqual([
      ['العدد 2 · 1 ديسمبر 2026', `${PUBLIC_BASE_URL}/archive/2`],
      ['العدد 1 · 24 نوفمبر 2026', `${PUBLIC_BASE_URL}/archive/1`],
    ]);
    expect(xml).toContain(`<link rel="self" href="${PUBLIC_BASE_URL}/feed.xml"/>`);
  });

  it('keeps links to the old edition pages working: /editions/{id} moved for good to /archive/{id}', async () => {
    const response = await app.request('/editions/3');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/archive/3');
  });
});
