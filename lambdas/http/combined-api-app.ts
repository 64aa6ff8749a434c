// HTTP edge: the whole public and admin API as one Hono app — the readers' routes (reader-routes.ts), the
// operator's (admin-routes.ts) and the feed sources' (source-routes.ts) side by side. The local runtime and the tests serve it; in Lambda each group runs in
// a function of its own (the API function and the admin function), and API Gateway routes each path to its
// function (routes.ts).
import type { Hono } from 'hono';
import type { ConsoleUseCases } from '../core/console-use-cases';
import type { SourceUseCases } from '../core/source-use-cases';
import { type AdminRouteDeps, adminRoutes, withConsole } from './admin-routes';
import { createAppBase } from './app-base';
import { consoleTimeZone } from './console-format';
import { consoleSourceRoutes } from './console-sources-routes';
import { type ReaderRouteDeps, readerRoutes } from './reader-routes';
import { sourceRoutes } from './source-routes';

export interface CombinedApiDeps extends Omit<ReaderRouteDeps, 'mujaz'>, Omit<AdminRouteDeps, 'mujaz'> {
  /** What readers and the operator can do (composeReaderUseCases, composeAdminUseCases; composeUseCases has both). */
  mujaz: ReaderRouteDeps['mujaz'] & AdminRouteDeps['mujaz'];
  /** The operator's feed sources (composeSourceUseCases); without them, /sources is no route of this app. */
  sources?: SourceUseCases;
  /** The console's sign-in and sessions (composeConsoleUseCases); without them, /console is no route of this app. */
  console?: ConsoleUseCases;
  /** The newsletter's IANA time zone, for the console's pages (required with `console`). */
  timeZone?: string;
}

export function createCombinedApiApp(deps: CombinedApiDeps): Hono {
  const { sources, console } = deps;
  return createAppBase(deps, [
    readerRoutes(deps),
    adminRoutes(deps),
    ...(sources ? [sourceRoutes({ ...deps, sources })] : []),
    // Before the admin function's console: POST /console/reports/by-url is the sources function's, as API Gateway
    // gives the most specific route, and not a report action of /console/reports/{id}.
    ...(sources && console
      ? [consoleSourceRoutes({ ...deps, sources, sessions: console, timeZone: consoleTimeZone(deps.timeZone) })]
      : []),
    ...withConsole(deps),
  ]);
}
