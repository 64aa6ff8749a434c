// The route table the CDK stack deploys is the app's own: every path the app answers is in it, with the access the
// app enforces — so API Gateway never hides a route, nor routes one the app does not answer.
import type { Hono } from 'hono';
import { publicLinks } from '../../../lambdas/core/domain/links';
import { createAdminApp } from '../../../lambdas/http/admin-routes';
import { createReaderApp } from '../../../lambdas/http/reader-routes';
import { API_ROUTES, apiGatewayPath, servingFunction } from '../../../lambdas/http/routes';
import { createSourcesApp } from '../../../lambdas/http/source-routes';
import { PUBLIC_BASE_URL } from '../../support/use-case-harness';
import { ADMIN_TOKEN, admin, apiAppFor, createHttpHarness, FakeDispatcher, noSources } from './http-harness';

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

describe('one app per function: the API function serves the readers’ routes, the admin function the operator’s, the sources function the feed sources’', () => {
  const h = createHttpHarness();
  const apps = {
    api: createReaderApp({
      mujaz: h.useCases,
      newsletter: h.newsletter,
      logger: h.logger,
      clientAddress: () => '192.0.2.1',
      links: publicLinks(PUBLIC_BASE_URL),
    }),
    admin: createAdminApp({
      mujaz: h.useCases,
      imports: h.imports,
      dispatcher: new FakeDispatcher(),
      adminToken: ADMIN_TOKEN,
      newsletter: h.newsletter,
      logger: h.logger,
    }),
    sources: createSourcesApp({
      sources: noSources,
      adminToken: ADMIN_TOKEN,
      newsletter: h.newsletter,
      logger: h.logger,
    }),
  };

  it('sends the source routes to the sources function, every other admin route to the admin function and every public one to the API function', () => {
    for (const route of API_ROUTES)
      expect(servingFunction(route)).toBe(
        route.path.startsWith('/sources') ? 'sources' : route.access === 'admin' ? 'admin' : 'api',
      );
    // Only admin routes may be served elsewhere: a reader's route never reaches a function that holds the admin token.
    for (const route of API_ROUTES.filter((each) => each.servedBy)) expect(route.access).toBe('admin');
  });

  it.each(Object.entries(apps))('registers in the %s app exactly the paths API Gateway routes to it', (name, app) => {
    const routed = API_ROUTES.filter((route) => servingFunction(route) === name).map((route) => route.path);
    const answered = new Set(app.routes.filter((route) => route.method !== 'ALL').map((route) => route.path));
    // Its 405 answers: every path but the middleware's catch-all.
    const refused = new Set(
      app.routes.filter((route) => route.method === 'ALL' && route.path !== '/*').map((route) => route.path),
    );
    expect([...answered].sort()).toEqual([...routed].sort());
    expect([...refused].sort()).toEqual([...routed].sort());
  });

  it('answers a wrong method on its own paths with a 405, and a path of the other function with a 404', async () => {
    expect((await apps.api.request('/subscriptions', { method: 'PUT' })).status).toBe(405);
    expect((await apps.api.request('/reports', { method: 'POST', headers: admin })).status).toBe(404);
    expect((await apps.admin.request('/reports', { method: 'GET', headers: admin })).status).toBe(405);
    expect((await apps.admin.request('/subscriptions', { method: 'POST' })).status).toBe(404);
  });
});
