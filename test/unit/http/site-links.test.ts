// links.ts builds every URL of the site, and the app serves each: the paths our pages link and post to, and the
// absolute links our emails and feed carry, followed here as a reader (or a mail client) would follow them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { publicLinks, sitePaths } from '../../../lambdas/core/domain/links';
import { API_ROUTES, servingFunction } from '../../../lambdas/http/routes';
import { ENGLISH_REPORT, PUBLIC_BASE_URL } from '../../support/use-case-harness';
import { apiAppFor, browser, createHttpHarness, form, type HttpHarness, TEST_CLIENT_HEADER } from './http-harness';

let h: HttpHarness;
let app: Hono;
beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

/** Every path sitePaths can build, with sample arguments. */
const EVERY_SITE_PATH = [
  sitePaths.home(),
  sitePaths.home('en'),
  sitePaths.subscribe(),
  sitePaths.confirm('v1.a+b/c='),
  sitePaths.unsubscribe('v1.a+b/c='),
  sitePaths.resubscribe('v1.a+b/c='),
  sitePaths.archive(),
  sitePaths.edition('12'),
  sitePaths.feed(),
];

describe('sitePaths and publicLinks', () => {
  it('name only paths of the route table that the API function serves', () => {
    const publicRoutes = API_ROUTES.filter((route) => servingFunction(route) === 'api').map(
      (route) => new RegExp(`^${route.path.replace(/:\w+/gu, '[^/]+')}$`, 'u'),
    );
    for (const path of EVERY_SITE_PATH) {
      const { pathname } = new URL(path, 'https://site.example');
      expect([path, publicRoutes.some((route) => route.test(pathname))]).toEqual([path, true]);
    }
  });

  it('put the same paths under the public base URL, once', () => {
    const links = publicLinks(`${PUBLIC_BASE_URL}/`);
    expect(links.confirmUrl('t+1')).toBe(`${PUBLIC_BASE_URL}${sitePaths.confirm('t+1')}`);
    expect(links.unsubscribeUrl('t+1')).toBe(`${PUBLIC_BASE_URL}${sitePaths.unsubscribe('t+1')}`);
    expect(links.editionUrl('7')).toBe(`${PUBLIC_BASE_URL}${sitePaths.edition('7')}`);
    expect(links.homeUrl()).toBe(`${PUBLIC_BASE_URL}${sitePaths.home()}`);
    expect(links.archiveUrl()).toBe(`${PUBLIC_BASE_URL}${sitePaths.archive()}`);
    expect(links.feedUrl()).toBe(`${PUBLIC_BASE_URL}${sitePaths.feed()}`);
  });

  it('are the only spelling of a URL in the pages and the readers’ routes', () => {
    for (const file of ['pages.ts', 'reader-routes.ts']) {
      const source = readFileSync(join(__dirname, '..', '..', '..', 'lambdas', 'http', file), 'utf8').replace(
        /^\s*(?:\/\/|\*|\/\*\*).*$/gmu,
        '',
      );
      const byHand = source.match(/(?:href|action)="\/|\?token=|\?lang=|redirect\(`|action: `/gu) ?? [];
      expect([file, byHand]).toEqual([file, []]);
    }
  });
});

describe('every link a reader is given is served', () => {
  /** The site-relative targets of a page's links and forms, resolved against the page's own path. */
  const targetsOf = (html: string, at: string) => ({
    links: [...html.matchAll(/<a href="([^"]+)"/gu)].map((match) => resolve(match[1]!, at)),
    forms: [...html.matchAll(/<form method="post" action="([^"]+)"/gu)].map((match) => resolve(match[1]!, at)),
  });
  const resolve = (href: string, at: string) => {
    const url = new URL(href.replace(/&amp;/gu, '&'), `https://site.example${at}`);
    return `${url.pathname}${url.search}`;
  };
  const ourForm = { ...form, ...browser, 'sec-fetch-site': 'same-origin', [TEST_CLIENT_HEADER]: '192.0.2.77' };
  /**
   * Whether the app routes the request: anything but its "no route" 404 or a 405. A form posted empty is still a 400
   * of the route that takes it, and a link of a subscription since left a 404 of the route that says so.
   */
  const served = async (path: string, init: RequestInit = { headers: browser }): Promise<[string, string, unknown]> => {
    const response = await app.request(path, init);
    const unrouted = response.status === 405 || (await response.text()).includes('No route for');
    return [path, init.method ?? 'GET', unrouted ? response.status : 'served'];
  };

  it('from the emails, the pages they lead to, and the archive', async () => {
    await h.useCases.subscribe('reader@example.com', { via: 'form' });
    const [confirmation] = h.mailer.sent;
    const emailLinks = (html: string) =>
      [...html.matchAll(/href="([^"]+)"/gu)]
        .map((match) => match[1]!.replace(/&amp;/gu, '&'))
        .filter((href) => href.startsWith(PUBLIC_BASE_URL))
        .map((href) => href.slice(PUBLIC_BASE_URL.length));
    const confirmLinks = emailLinks(confirmation!.html);
    expect(confirmLinks).toEqual([expect.stringMatching(/^\/subscriptions\/confirm\?token=/u)]);

    const pages: Array<[string, string]> = [];
    const visit = async (path: string, init: RequestInit = { headers: browser }) => {
      const response = await app.request(path, init);
      expect([path, response.status]).toEqual([path, 200]);
      pages.push([path, await response.text()]);
    };
    await visit(confirmLinks[0]!);
    await app.request(confirmLinks[0]!, { method: 'POST', headers: ourForm, body: '' });
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.sendAndDeliver();
    const digest = h.mailer.sent.at(-1)!;
    const digestLinks = emailLinks(digest.html);
    expect(digestLinks).toEqual(
      expect.arrayContaining([sitePaths.edition('1'), expect.stringMatching(/^\/unsubscribe\?token=/u)]),
    );
    for (const path of [...new Set(digestLinks)]) await visit(path);
    for (const path of [sitePaths.home(), sitePaths.home('en'), sitePaths.archive()]) await visit(path);
    // The goodbye page, and its way back.
    const unsubscribe = digestLinks.find((path) => path.startsWith('/unsubscribe'))!;
    await visit(unsubscribe, { method: 'POST', headers: ourForm, body: '' });

    const checks: Array<[string, string, unknown]> = [];
    for (const [at, html] of pages) {
      const { links, forms } = targetsOf(html, at);
      for (const link of links) checks.push(await served(link));
      for (const action of forms) checks.push(await served(action, { method: 'POST', headers: ourForm, body: '' }));
    }
    expect(checks.length).toBeGreaterThan(10);
    expect(checks.filter(([, , outcome]) => outcome !== 'served')).toEqual([]);
    // Each kind of target was followed: pages, the archive's edition, the feed, and the forms' posts.
    const followed = checks.map(([path, method]) => `${method} ${path.split('?')[0]}`);
    expect(new Set(followed)).toEqual(
      new Set([
        'GET /',
        'GET /archive',
        'GET /archive/1',
        'GET /feed.xml',
        'POST /subscriptions',
        'POST /subscriptions/confirm',
        'POST /unsubscribe',
        'POST /resubscribe',
      ]),
    );
  });
});
