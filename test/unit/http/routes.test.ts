// The route table the CDK stack deploys is the app's own: every path the app answers is in it, with the access the
// app enforces — so API Gateway never hides a route, nor routes one the app does not answer.
import type { Hono } from 'hono';
import { API_ROUTES, apiGatewayPath } from '../../../lambdas/http/routes';
import { apiAppFor, createHttpHarness, FakeDispatcher } from './http-harness';

let app: Hono;

beforeAll(() => {
  app = apiAppFor(createHttpHarness(), { dispatcher: new FakeDispatcher() });
});

/** method → path of every handler the app registers, without its catch-all 405 answers and middleware. */
function answeredRoutes(): Array<{ method: string; path: string }> {
  return app.routes.filter((route) => route.method !== 'ALL').map(({ method, path }) => ({ method, path }));
}

it('lists every path the app answers, and only those', () => {
  const answered = new Set(answeredRoutes().map((route) => route.path));
  expect([...answered].sort()).toEqual(API_ROUTES.map((route) => route.path).sort());
});

it('marks admin exactly the paths whose every method asks for the bearer token', async () => {
  for (const { method, path } of answeredRoutes()) {
    const url = path.replace(/:\w+/gu, '2026-11-26');
    const response = await app.request(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    const access = API_ROUTES.find((route) => route.path === path)?.access;
    expect({ method, path, unauthorized: response.status === 401 }).toEqual({
      method,
      path,
      unauthorized: access === 'admin',
    });
  }
});

it('spells paths with parameters the API Gateway way', () => {
  expect(apiGatewayPath('/digests/:id/retry')).toBe('/digests/{id}/retry');
  expect(apiGatewayPath('/feed.xml')).toBe('/feed.xml');
});
