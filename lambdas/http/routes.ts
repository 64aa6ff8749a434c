// HTTP adapter: every path the API answers, who may call it, which function serves it, and how many requests a
// second its route takes at the edge. Each app registers its 405 answers from it and the CDK stack routes exactly
// these paths, each to its function, so API Gateway answers an unknown path without waking Lambda, and each path's
// throttle protects what is behind it.

/**
 * public: readers and their mail clients.
 * admin: a bearer token, checked in the app (docs/ARCHITECTURE.md, "Admin routes").
 * console: the console's pages, behind an operator's session cookie (docs/ARCHITECTURE.md, "Admin routes"); the bearer
 * token opens none of them, and the cookie no admin route.
 */
export type RouteAccess = 'public' | 'admin' | 'console';

/**
 * The Lambda function that serves a route: `api` the readers' routes, `admin` the operator's, `sources` the
 * operator's feed sources. Split by who calls and what each needs: the public function holds no admin token and
 * loads no report intake (Readability, linkedom, stop words), no mailer and no CSV; the admin function carries
 * them, for a few calls a week; only the sources function reaches the web (a guarded HTTP client, feed parsing).
 */
export type RouteFunction = 'api' | 'admin' | 'sources';

/** A route's own function when it names one; else every admin route runs in the admin function, every public one in the API function. */
export function servingFunction(route: Pick<ApiRoute, 'access' | 'servedBy'>): RouteFunction {
  return route.servedBy ?? (route.access === 'admin' ? 'admin' : 'api');
}

export interface RouteThrottle {
  /** Steady requests per second for the route, across all clients. */
  rateLimit: number;
  /** Requests above that rate it takes in a burst. */
  burstLimit: number;
}

/** Pages and feeds: a crawler or a shared link may bring many at once. */
const PAGES: RouteThrottle = { rateLimit: 20, burstLimit: 40 };
/** Links in emails: right after a send, one-click unsubscribes arrive from mail providers in waves. */
const EMAIL_LINKS: RouteThrottle = { rateLimit: 20, burstLimit: 50 };
/** The subscribe form: each request may cost a confirmation email, so the edge takes few (and limits per client after). */
const SUBSCRIBE: RouteThrottle = { rateLimit: 5, burstLimit: 10 };
/** Operators and their scripts: a handful of calls; a token guesser gets no more. */
const ADMIN: RouteThrottle = { rateLimit: 5, burstLimit: 10 };
/** An editor in a browser: a page and its form posts a few times a minute (the sign-in form is limited per client after). */
const CONSOLE: RouteThrottle = { rateLimit: 10, burstLimit: 20 };

export interface ApiRoute {
  /** Hono's spelling (`/archive/:id`); `/console/*` is every path under /console (API Gateway's `{proxy+}`). */
  path: string;
  access: RouteAccess;
  throttle: RouteThrottle;
  /** The function that serves it, when not the one its access implies (servingFunction). */
  servedBy?: RouteFunction;
}

export const API_ROUTES: readonly ApiRoute[] = [
  { path: '/', access: 'public', throttle: PAGES },
  { path: '/health', access: 'public', throttle: PAGES },
  { path: '/archive', access: 'public', throttle: PAGES },
  { path: '/archive/:id', access: 'public', throttle: PAGES },
  { path: '/editions/:id', access: 'public', throttle: PAGES },
  { path: '/feed.xml', access: 'public', throttle: PAGES },
  { path: '/subscriptions', access: 'public', throttle: SUBSCRIBE },
  { path: '/subscriptions/confirm', access: 'public', throttle: EMAIL_LINKS },
  { path: '/unsubscribe', access: 'public', throttle: EMAIL_LINKS },
  { path: '/resubscribe', access: 'public', throttle: EMAIL_LINKS },
  { path: '/reports', access: 'admin', throttle: ADMIN },
  { path: '/reports/batch', access: 'admin', throttle: ADMIN },
  { path: '/reports/:id', access: 'admin', throttle: ADMIN },
  { path: '/digests', access: 'admin', throttle: ADMIN },
  { path: '/digests/:id', access: 'admin', throttle: ADMIN },
  { path: '/digests/:id/retry', access: 'admin', throttle: ADMIN },
  { path: '/subscribers/import', access: 'admin', throttle: ADMIN },
  { path: '/subscribers/imports/:id', access: 'admin', throttle: ADMIN },
  { path: '/subscribers.csv', access: 'admin', throttle: ADMIN },
  { path: '/sources', access: 'admin', throttle: ADMIN, servedBy: 'sources' },
  { path: '/sources/:id', access: 'admin', throttle: ADMIN, servedBy: 'sources' },
  { path: '/sources/:id/poll', access: 'admin', throttle: ADMIN, servedBy: 'sources' },
  // The console's pages, each added under /console without a change here (http/console-routes.ts).
  { path: '/console', access: 'console', throttle: CONSOLE, servedBy: 'admin' },
  { path: '/console/*', access: 'console', throttle: CONSOLE, servedBy: 'admin' },
  // The console's pages that reach the web, in the function that carries the fetcher (http/console-sources-routes.ts).
  // API Gateway takes the most specific route: these before /console/{proxy+}.
  { path: '/console/sources', access: 'console', throttle: CONSOLE, servedBy: 'sources' },
  { path: '/console/sources/*', access: 'console', throttle: CONSOLE, servedBy: 'sources' },
  { path: '/console/reports/by-url', access: 'console', throttle: CONSOLE, servedBy: 'sources' },
];

/** Whether `path` (Hono's spelling, as an app registers it) is one the route `pattern` of the table covers. */
export function routeCovers(pattern: string, path: string): boolean {
  return pattern.endsWith('/*') ? path.startsWith(pattern.slice(0, -1)) : pattern === path;
}

/** API Gateway's spelling of a path: `{id}` for `:id`, `{proxy+}` for a trailing `*`. */
export function apiGatewayPath(path: string): string {
  return path.replace(/:(\w+)/gu, '{$1}').replace(/\/\*$/u, '/{proxy+}');
}
