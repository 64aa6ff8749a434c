// The route table the CDK stack deploys is the app's own: every path the app answers is in it, with the access the
// app enforces — so API Gateway never hides a route, nor routes one the app does not answer.
import type { Hono } from 'hono';
import { publicLinks } from '../../../lambdas/core/domain/links';
import { createAdminApp } from '../../../lambdas/http/admin-routes';
import { createReaderApp } from '../../../lambdas/http/reader-routes';
import { API_ROUTES, type ApiRoute, apiGatewayPath, routeCovers, servingFunction } from '../../../lambdas/http/routes';
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

/**
 * The paths the table gives an app: each route's own, and for a wildcard (`/console/*`) every path the app registers
 * under it — which must be one at least.
 */
function tablePaths(routes: readonly ApiRoute[], registered: ReadonlySet<string>): string[] {
  return routes.flatMap((route) => {
    if (!route.path.endsWith('/*')) return [route.path];
    const covered = [...registered].filter((path) => routeCovers(route.path, path));
    expect({ wildcard: route.path, covers: covered.length > 0 }).toEqual({ wildcard: route.path, covers: true });
    return covered;
  });
}

it('lists every path the app answers, and only those', () => {
  const answered = new Set(answeredRoutes().map((route) => route.path));
  expect([...answered].sort()).toEqual([...new Set(tablePaths(API_ROUTES, answered))].sort());
});

it('marks admin exactly the paths whose every method asks for the bearer token', async () => {
  for (const { method, path } of answeredRoutes()) {
    const url = path.replace(/:\w+/gu, '2026-11-26');
    const response = await app.request(url, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : '{}',
    });
    const access = API_ROUTES.find((route) => routeCovers(route.path, path))?.access;
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
  expect(apiGatewayPath('/console/*')).toBe('/console/{proxy+}');
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
      timeZone: h.timeZone,
      logger: h.logger,
      console: h.console,
      clientAddress: () => '192.0.2.1',
    }),
    sources: createSourcesApp({
      sources: noSources,
      sessions: h.console,
      adminToken: ADMIN_TOKEN,
      newsletter: h.newsletter,
      timeZone: h.timeZone,
      logger: h.logger,
    }),
  };

  it('sends the source routes and the console pages that reach the web to the sources function, every other admin or console route to the admin function and every public one to the API function', () => {
    const reachesTheWeb = (path: string) =>
      path.startsWith('/sources') || path.startsWith('/console/sources') || path === '/console/reports/by-url';
    for (const route of API_ROUTES)
      expect(servingFunction(route)).toBe(
        reachesTheWeb(route.path) ? 'sources' : route.access === 'public' ? 'api' : 'admin',
      );
    // Only operators' routes may be served elsewhere: a reader's route never reaches a function that holds the admin
    // token.
    for (const route of API_ROUTES.filter((each) => each.servedBy)) expect(route.access).not.toBe('public');
  });

  it.each(Object.entries(apps))('registers in the %s app exactly the paths API Gateway routes to it', (name, app) => {
    const answered = new Set(app.routes.filter((route) => route.method !== 'ALL').map((route) => route.path));
    const routed = tablePaths(
      API_ROUTES.filter((route) => servingFunction(route) === name),
      answered,
    );
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
    // Under the console's wildcard: a page not served (yet) is a 404, a served one asked wrongly a 405.
    expect((await apps.admin.request('/console/no-such-page')).status).toBe(404);
    expect((await apps.admin.request('/console/sign-out')).status).toBe(405);
    // The console's pages that reach the web are the sources function's alone.
    expect((await apps.admin.request('/console/sources')).status).toBe(404);
    expect((await apps.sources.request('/console/reports/by-url')).status).toBe(405);
    expect((await apps.sources.request('/console/reports')).status).toBe(404);
  });
});
