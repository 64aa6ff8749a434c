// HTTP edge: what every Mujaz app shares, whichever routes it serves — security headers, the one way failures
// leave, the 404 and the 405s of the paths it serves. The reader and admin route groups register on it; the API
// function serves the first, the admin function the second, the local runtime both (combined-api-app.ts).
import { type Context, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { labelsFor, type NewsletterIdentity, type NewsletterLabels } from '../core/domain/newsletter-labels';
import type { NewsletterLanguage } from '../core/domain/newsletter-languages';
import type { Logger } from '../core/ports/logger';
import { errorResponse, HttpProblem } from './http-errors';
import { type PageContent, renderPage } from './pages';
import { discardUnreadBody, wantsHtml } from './request-body';
import { API_ROUTES, type RouteFunction, routeCovers, servingFunction } from './routes';

export interface AppBaseDeps {
  newsletter: NewsletterIdentity;
  logger: Logger;
}

/** What a route group's handlers share: the small pages and the newsletter's words. */
export interface RouteKit {
  page(c: Context, content: PageContent, language?: NewsletterLanguage): Response | Promise<Response>;
  wordsIn(language: NewsletterLanguage): NewsletterLabels;
}

/** The routes one Lambda function serves, registered on the app. */
export interface RouteGroup {
  servedBy: RouteFunction;
  register(app: Hono, kit: RouteKit): void;
}

export function createAppBase(deps: AppBaseDeps, groups: readonly RouteGroup[]): Hono {
  const app = new Hono();
  const labels = labelsFor(deps.newsletter).pages;
  /** Every failure leaves through here: JSON, or for a browser and anything but our own fault, a small page. */
  const replyWithError = (c: Context, error: unknown) => {
    const { status, body, headers } = errorResponse(error, deps.logger);
    for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
    if (wantsHtml(c) && status !== 500) {
      return c.html(renderPage(deps.newsletter, { title: labels.problemTitle, message: body.error.message }), status);
    }
    return c.json(body, status);
  };
  const kit: RouteKit = {
    page: (c, content, language) => c.html(renderPage(deps.newsletter, content, language)),
    wordsIn: (language) => labelsFor(deps.newsletter, language),
  };
  // Every answer, pages above all: no script runs, no other site frames them, and no link leaks where it came from
  // (confirmation and unsubscribe URLs carry tokens). Styles are inline in our pages and the edition's MJML.
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'unsafe-inline'"],
        imgSrc: ['https:', 'data:'],
        formAction: ["'self'"],
        baseUri: ["'none'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      strictTransportSecurity: 'max-age=31536000; includeSubDomains',
    }),
  );
  // An answer given before the body was read (401, 404, 405) waits for the body: see MAX_DISCARDED_BYTES.
  app.use(async (c, next) => {
    const request = c.req.raw;
    await next();
    if (!(await discardUnreadBody(request))) c.header('connection', 'close');
  });
  app.onError((error, c) => replyWithError(c, error));
  app.notFound((c) =>
    replyWithError(c, new HttpProblem(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`)),
  );

  for (const group of groups) group.register(app, kit);

  // After every route: a path this app serves, asked with a method none of its routes takes. Allow names those
  // that it takes (RFC 9110), HEAD wherever GET is: Hono answers it with the GET route.
  // A wildcard route of the table (`/console/*`) stands for every path the app registers under it: each gets its
  // own 405, and any other path under it stays a 404.
  const served = new Set(groups.map((group) => group.servedBy));
  const registered = [...new Set(app.routes.filter((each) => each.method !== 'ALL').map((each) => each.path))];
  const paths = API_ROUTES.filter((route) => served.has(servingFunction(route))).flatMap((route) =>
    route.path.endsWith('/*') ? registered.filter((path) => routeCovers(route.path, path)) : [route.path],
  );
  for (const path of paths) {
    const methods = new Set(
      app.routes.filter((each) => each.path === path && each.method !== 'ALL').map((each) => each.method),
    );
    if (methods.has('GET')) methods.add('HEAD');
    const allow = [...methods].join(', ');
    app.all(path, (c) =>
      replyWithError(
        c,
        new HttpProblem(405, 'method_not_allowed', `${c.req.method} is not allowed on ${path}.`, {
          headers: { allow },
        }),
      ),
    );
  }
  return app;
}
