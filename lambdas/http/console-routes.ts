// HTTP edge: the console's routes — sign-in by email link, sign-out, the language switch, and each section's pages.
// Served by the admin function (routes.ts: /console and /console/*); every page behind consoleSession, every form
// behind consoleForm (console-guard.ts). Later console pages register here, on the same two middlewares.
import { Hono } from 'hono';
import * as z from 'zod';
import type { AdminUseCases } from '../core/admin-use-cases';
import type { ConsoleUseCases } from '../core/console-use-cases';
import { MAX_EMAIL_LENGTH } from '../core/domain/email-address';
import { RateLimitedError, SignInLinkRefusedError } from '../core/domain/errors';
import { sitePaths } from '../core/domain/links';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { NEWSLETTER_LANGUAGES } from '../core/domain/newsletter-languages';
import { parseInput } from '../core/domain/validation';
import type { RouteGroup } from './app-base';
import { type ClientAddressReader, clientBucket } from './client-address';
import { registerEditionRoutes } from './console-editions-routes';
import {
  type ConsoleEnv,
  clearSessionCookie,
  consoleForm,
  consoleSession,
  readConsoleForm,
  requireThisSite,
  setSessionCookie,
} from './console-guard';
import { type EditorPageDeps, registerEditorPages } from './console-next-routes';
import { renderSignInConfirmPage, renderSignInPage, renderSignInRefusedPage } from './console-pages';
import { type ConsoleReportDeps, registerConsoleReportRoutes } from './console-reports-routes';
import { type ConsoleSubscriberDeps, registerConsoleSubscriberRoutes } from './console-subscribers-routes';
import { smallBody } from './request-body';

export interface ConsoleRouteDeps extends EditorPageDeps, ConsoleReportDeps, ConsoleSubscriberDeps {
  console: ConsoleUseCases;
  /** What the operator can do (the same use cases as the API's): the console's pages call them. */
  mujaz: AdminUseCases;
  newsletter: NewsletterIdentity;
  /** The client's network address, for the per-client sign-in limit (from the server that runs the app). */
  clientAddress: ClientAddressReader;
}

const language = z.enum(NEWSLETTER_LANGUAGES);
const pageQuery = z.object({ lang: language.optional() });
const signInForm = z.object({ email: z.string().max(MAX_EMAIL_LENGTH), language: language.optional() });
const tokenQuery = z.object({ token: z.string().min(1).max(512) });
const languageForm = z.object({ language });

export function consoleRoutes(deps: ConsoleRouteDeps): RouteGroup {
  return {
    servedBy: 'admin',
    register: (app) => {
      const { newsletter } = deps;
      const console = new Hono<ConsoleEnv>();
      const signedIn = consoleSession(deps.console);
      const noStore = { 'cache-control': 'no-store' };

      console.get('/sign-in', (c) => {
        const { lang } = parseInput(pageQuery, c.req.query());
        return c.html(renderSignInPage(newsletter, lang ?? newsletter.language, false));
      });

      // One answer, byte for byte, whoever the address is: the link goes out (or not) from the queue. Past either
      // limit, the same page with 429 and Retry-After.
      console.post('/sign-in', smallBody, async (c) => {
        requireThisSite(c);
        const form = parseInput(signInForm, await readConsoleForm(c));
        const pageLanguage = form.language ?? newsletter.language;
        const page = renderSignInPage(newsletter, pageLanguage, true);
        try {
          await deps.console.requestSignIn(form.email, pageLanguage, clientBucket(deps.clientAddress(c)));
        } catch (error) {
          if (!(error instanceof RateLimitedError)) throw error;
          return c.html(page, 429, { 'retry-after': String(error.retryAfterSeconds) });
        }
        return c.html(page);
      });

      // A mailed link, opened: it asks. GET never signs in, so a link scanner cannot spend the link.
      console.get('/sign-in/confirm', async (c) => {
        const { token } = parseInput(tokenQuery, c.req.query());
        try {
          const { language: linkLanguage } = await deps.console.checkSignInLink(token);
          return c.html(renderSignInConfirmPage(newsletter, linkLanguage, token), 200, noStore);
        } catch (error) {
          if (!(error instanceof SignInLinkRefusedError)) throw error;
          return c.html(renderSignInRefusedPage(newsletter, newsletter.language), 404, noStore);
        }
      });

      console.post('/sign-in/confirm', smallBody, async (c) => {
        requireThisSite(c);
        const { token } = parseInput(tokenQuery, c.req.query());
        try {
          const { sessionId } = await deps.console.signIn(token);
          setSessionCookie(c, sessionId);
          return c.redirect(sitePaths.console(), 303);
        } catch (error) {
          if (!(error instanceof SignInLinkRefusedError)) throw error;
          return c.html(renderSignInRefusedPage(newsletter, newsletter.language), 404, noStore);
        }
      });

      console.post('/sign-out', smallBody, signedIn, consoleForm, async (c) => {
        const session = c.get('session');
        await deps.console.signOut(c.get('sessionId'));
        clearSessionCookie(c);
        return c.redirect(sitePaths.consoleSignIn(session.language), 303);
      });

      console.post('/language', smallBody, signedIn, consoleForm, async (c) => {
        const { language: chosen } = parseInput(languageForm, c.get('form'));
        await deps.console.chooseLanguage(c.get('sessionId'), c.get('session'), chosen);
        return c.redirect(sitePaths.console(), 303);
      });

      registerEditorPages(console, signedIn, deps);

      registerEditionRoutes(console, deps, signedIn);

      registerConsoleReportRoutes(console, deps, signedIn);
      registerConsoleSubscriberRoutes(console, deps, signedIn);

      app.route(sitePaths.console(), console);
    },
  };
}
