// Every answer carries the headers that keep pages from being framed, sniffed or leaking their tokenized URLs, and
// a policy under which no script runs — pages, JSON, and error answers alike.
import type { Hono } from 'hono';
import { ENGLISH_REPORT } from '../../support/use-case-harness';
import { apiAppFor, browser, createHttpHarness, type HttpHarness } from './http-harness';

let h: HttpHarness;
let app: Hono;

beforeEach(async () => {
  h = createHttpHarness();
  app = apiAppFor(h);
  await h.useCases.ingestReport(ENGLISH_REPORT);
  await h.addSubscriber('reader@example.com', 'confirmed');
  await h.sendAndDeliver();
});

function expectSecured(response: Response): void {
  const policy = response.headers.get('content-security-policy') ?? '';
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("base-uri 'none'");
  expect(policy).not.toMatch(/script-src|'unsafe-eval'/u);
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-frame-options')).toBe('DENY');
}

it('secures every kind of answer: a page with a form, an edition page, JSON, and errors', async () => {
  const unsubscribeUrl = h.mailer.sent[0]!.headers!['List-Unsubscribe']!.slice(1, -1);
  const { pathname, search } = new URL(unsubscribeUrl);
  const answers = [
    await app.request(`${pathname.replace(/^\/api/u, '')}${search}`, { headers: browser }),
    await app.request('/archive/1', { headers: browser }),
    await app.request('/health'),
    await app.request('/no/such/page', { headers: browser }),
    await app.request('/subscriptions/confirm?token=v1.abc.def'),
  ];
  expect(answers.map((response) => response.status)).toEqual([200, 200, 200, 404, 400]);
  for (const response of answers) expectSecured(response);
});

it('serves pages that need no script: none is in them', async () => {
  for (const path of ['/archive/1', '/no/such/page']) {
    const html = await (await app.request(path, { headers: browser })).text();
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/iu);
  }
});
