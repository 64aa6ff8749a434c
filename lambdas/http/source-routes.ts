// HTTP edge: the operator's routes for feed sources — register, list, show, pause or rename, delete, poll now —
// behind the admin token. The sources function serves them (handlers/sources.ts), with the console's pages that
// reach the web (console-sources-routes.ts): a registration reads the feed, which no other API function does.
import type { Hono } from 'hono';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { sourceView } from '../core/domain/source-input';
import type { Logger } from '../core/ports/logger';
import type { SourceUseCases } from '../core/source-use-cases';
import { adminGuard } from './admin-guard';
import { createAppBase, type RouteGroup } from './app-base';
import { consoleTimeZone } from './console-format';
import { type ConsoleSourceDeps, consoleSourceRoutes } from './console-sources-routes';
import { readJson, smallBody } from './request-body';

export interface SourceRouteDeps {
  sources: SourceUseCases;
  adminToken: string;
  newsletter: NewsletterIdentity;
  logger: Logger;
  /** The console's sessions: with them, the console's pages that reach the web are served here too. */
  sessions?: ConsoleSourceDeps['sessions'];
  /** The newsletter's IANA time zone, for the console's pages (required with `sessions`). */
  timeZone?: string;
}

/** The sources function's app: the source routes, and the console's sources and report-by-address pages. */
export function createSourcesApp(deps: SourceRouteDeps): Hono {
  const { sessions } = deps;
  return createAppBase(deps, [
    sourceRoutes(deps),
    ...(sessions ? [consoleSourceRoutes({ ...deps, sessions, timeZone: consoleTimeZone(deps.timeZone) })] : []),
  ]);
}

export function sourceRoutes(deps: SourceRouteDeps): RouteGroup {
  return {
    servedBy: 'sources',
    register: (app) => {
      const requireAdmin = adminGuard(deps.adminToken);

      app.post('/sources', requireAdmin, smallBody, async (c) =>
        c.json(sourceView(await deps.sources.registerSource(await readJson(c))), 201),
      );

      app.get('/sources', requireAdmin, async (c) =>
        c.json({ sources: (await deps.sources.listSources()).map(sourceView) }),
      );

      app.get('/sources/:id', requireAdmin, async (c) =>
        c.json(sourceView(await deps.sources.getSource(c.req.param('id')))),
      );

      app.patch('/sources/:id', requireAdmin, smallBody, async (c) =>
        c.json(sourceView(await deps.sources.editSource(c.req.param('id'), await readJson(c)))),
      );

      app.delete('/sources/:id', requireAdmin, async (c) => {
        await deps.sources.deleteSource(c.req.param('id'));
        return c.body(null, 204);
      });

      app.post('/sources/:id/poll', requireAdmin, smallBody, async (c) => {
        await deps.sources.requestPoll(c.req.param('id'));
        return c.json({ status: 'queued' }, 202);
      });
    },
  };
}
