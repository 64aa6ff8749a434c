// The API app as a whole: the admin guard, routing (404, 405), and how every failure is answered — JSON, or for
// a browser a page with the same status, except our own failures (500), which are always JSON.
import type { Hono } from 'hono';
import type { UseCases } from '../../../lambdas/composition/compose-use-cases';
import { API_ROUTES, routeCovers } from '../../../lambdas/http/routes';
import {
  ADMIN_TOKEN,
  admin,
  apiAppFor,
  browser,
  createHttpHarness,
  errorOf,
  FakeDispatcher,
  form,
  type HttpHarness,
  json,
  problemPageOf,
} from './http-harness';

let h: HttpHarness;
let dispatcher: FakeDispatcher;
let app: Hono;

beforeEach(() => {
  h = createHttpHarness();
  dispatcher = new FakeDispatcher();
  app = apiAppFor(h, { dispatcher });
});

describe('admin routes need the bearer token', () => {
  const wrongLastCharacter = `${ADMIN_TOKEN.slice(0, -1)}x`;

  it.each([
    ['POST /reports', '/reports'],
    ['POST /reports/batch', '/reports/batch'],
    ['POST /digests', '/digests'],
  ])('%s answers 401 with WWW-Authenticate without a token or with a wrong one', async (_name, path) => {
    for (const headers of [
      json,
      { ...json, authorization: 'Bearer wrong-token' },
      { ...json, authorization: `Bearer ${wrongLastCharacter}` },
      { ...json, authorization: ADMIN_TOKEN },
      { ...json, authorization: `Basic ${ADMIN_TOKEN}` },
      { ...json, authorization: 'Bearer ' },
    ]) {
      const response = await app.request(path, { method: 'POST', headers, body: JSON.stringify({ mode: 'preview' }) });
      const error = await errorOf(response, 401);
      expect(error.code).toBe('unauthorized');
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/u);
    }
    expect(h.reports.all()).toEqual([]);
    expect(dispatcher.requests).toEqual([]);
  });

  it('lets the right token through, whatever the case of the scheme', async () => {
    for (const authorization of [`Bearer ${ADMIN_TOKEN}`, `bearer ${ADMIN_TOKEN}`]) {
      const response = await app.request('/digests', {
        method: 'POST',
        headers: { ...json, authorization },
        body: JSON.stringify({ mode: 'preview' }),
      });
      expect(response.status).toBe(200);
    }
  });

  it('checks the token before reading the body, however large', async () => {
    const report = await app.request('/reports', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(2_000_000),
    });
    expect((await errorOf(report, 401)).code).toBe('unauthorized');
    const batch = await app.request('/reports/batch', { method: 'POST', headers: json, body: 'x'.repeat(5_000_000) });
    expect((await errorOf(batch, 401)).code).toBe('unauthorized');
  });
});

describe('routing', () => {
  it('answers GET /health', async () => {
    const response = await app.request('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 404 JSON for an unknown route', async () => {
    const error = await errorOf(await app.request('/no/such/route'), 404);
    expect(error.code).toBe('not_found');
    expect(error.message).toContain('/no/such/route');
  });

  it.each([
    ['GET', '/reports', 'POST'],
    ['GET', '/reports/batch', 'POST'],
    ['GET', '/digests', 'POST'],
    ['GET', '/subscriptions', 'POST'],
    ['DELETE', '/unsubscribe', 'GET, POST, HEAD'],
    ['POST', '/health', 'GET, HEAD'],
    ['PUT', '/subscriptions/confirm', 'GET, POST, HEAD'],
    ['POST', '/subscribers.csv', 'GET, HEAD'],
    ['DELETE', '/digests/:id', 'GET, HEAD'],
  ])('answers 405 JSON for %s %s, with Allow: %s', async (method, route, allow) => {
    const path = route.replace(':id', 'some-edition');
    const response = await app.request(path, { method });
    expect(response.headers.get('allow')).toBe(allow);
    const error = await errorOf(response, 405);
    expect(error.code).toBe('method_not_allowed');
    expect(error.message).toContain(method);
  });

  it('names in Allow exactly the methods each route of the table answers', async () => {
    const registered = new Set(app.routes.filter((route) => route.method !== 'ALL').map((route) => route.path));
    // A wildcard of the table (`/console/*`) stands for every path the app serves under it.
    const paths = API_ROUTES.flatMap((route) =>
      route.path.endsWith('/*') ? [...registered].filter((path) => routeCovers(route.path, path)) : [route.path],
    );
    for (const routePath of paths) {
      const path = routePath.replace(':id', 'some-edition');
      // PUT: a method no route takes (PATCH edits a source).
      const allowed = (await app.request(path, { method: 'PUT' })).headers.get('allow')?.split(', ') ?? [];
      expect({ path, allowed: allowed.length > 0 }).toEqual({ path, allowed: true });
      for (const method of allowed) {
        const answer = await app.request(path, { method, headers: admin });
        expect({ path, method, status: answer.status }).not.toEqual({ path, method, status: 405 });
      }
    }
  });
});

describe('failures, for a browser', () => {
  // Each request fresh each time: a body can be read once.
  it.each<[string, number, string, () => RequestInit]>([
    ['a bad confirmation token', 400, '/subscriptions/confirm?token=v1.abc.def', () => ({})],
    [
      'a missing admin token',
      401,
      '/digests',
      () => ({ method: 'POST', headers: json, body: JSON.stringify({ mode: 'preview' }) }),
    ],
    ['an unknown route', 404, '/no/such/route', () => ({})],
    ['a wrong method', 405, '/reports', () => ({})],
    [
      'a body over the small limit',
      413,
      '/subscriptions',
      () => ({
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'a@example.com', pad: 'x'.repeat(20_000) }),
      }),
    ],
    [
      'a body that is not JSON',
      415,
      '/digests',
      () => ({ method: 'POST', headers: { ...admin, ...form }, body: 'mode=preview' }),
    ],
  ])(
    'answer %s with a page of the same status (%s) as the JSON, saying the same',
    async (_name, status, path, init) => {
      const asJson = await errorOf(await app.request(path, init()), status);
      const request = init();
      const response = await app.request(path, { ...request, headers: { ...request.headers, ...browser } });
      await problemPageOf(h, response, status, asJson.message);
    },
  );

  it('keep the WWW-Authenticate header on the 401 page', async () => {
    const response = await app.request('/reports', {
      method: 'POST',
      headers: { ...json, ...browser },
      body: JSON.stringify({ title: 'T', text: 'One. Two.' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/u);
  });
});

describe('our own failures (500)', () => {
  it('answers 500 with a generic body when a use case throws a plain Error, and logs it', async () => {
    const secret = 'connection to db-internal.example:5432 refused for user admin';
    const broken: UseCases = {
      ...h.useCases,
      ingestReport: async () => {
        throw new Error(secret);
      },
    };
    app = apiAppFor(h, { useCases: broken });
    const response = await app.request('/reports', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify({ title: 'T', text: 'Body.' }),
    });
    const error = await errorOf(response, 500);
    expect(error.code).toBe('internal');
    const raw = JSON.stringify(error);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain('db-internal');
    expect(raw).not.toMatch(/\bat \S+ \(|\.ts:\d+/u); // no stack frames
    expect(
      h.logger.entries.some((entry) => entry.level === 'error' && JSON.stringify(entry.attributes).includes(secret)),
    ).toBe(true);
  });

  it('answers 500 JSON (not a page) to a browser when a GET fails unexpectedly', async () => {
    const broken: UseCases = {
      ...h.useCases,
      checkConfirmationLink: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    app = apiAppFor(h, { useCases: broken });
    const response = await app.request('/subscriptions/confirm?token=x', { headers: browser });
    const error = await errorOf(response, 500);
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('undefined');
  });
});
