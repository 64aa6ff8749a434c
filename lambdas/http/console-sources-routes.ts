// HTTP edge: the console's pages that reach the web, served by the sources function (it alone carries the guarded
// fetcher; the admin function's bundle has no room for it: docs/CONSOLE.md) — the feed sources with their health,
// added, paused, resumed and polled now through the same use cases as the /sources routes, and a report added from
// its web address. Behind the same session cookie and `_csrf` as every console page (console-guard.ts).
import { type Context, Hono } from 'hono';
import * as z from 'zod';
import type { ConsoleUseCases } from '../core/console-use-cases';
import { type Actor, operatorActor } from '../core/domain/activity';
import { consoleLabels } from '../core/domain/console-labels';
import { sitePaths } from '../core/domain/links';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { MAX_LINK_LENGTH } from '../core/domain/report-submission';
import { sourceView } from '../core/domain/source-input';
import { parseInput } from '../core/domain/validation';
import type { Logger } from '../core/ports/logger';
import type { SourceUseCases } from '../core/source-use-cases';
import type { RouteGroup } from './app-base';
import { type ConsoleEnv, consoleForm, consoleSession } from './console-guard';
import { formRefusal } from './console-page-parts';
import { renderReportByUrlRefusedPage } from './console-reports-pages';
import { renderSourcesPage } from './console-sources-pages';
import { smallBody } from './request-body';

export interface ConsoleSourceDeps {
  sources: SourceUseCases;
  /** The console's sessions: only the check of a cookie (sign-in itself is the admin function's). */
  sessions: Pick<ConsoleUseCases, 'currentSession'>;
  newsletter: NewsletterIdentity;
  /** The newsletter's IANA time zone (MUJAZ_TIME_ZONE): the console shows every time in it. */
  timeZone: string;
  logger: Logger;
}

const urlForm = z.object({ url: z.string().max(MAX_LINK_LENGTH) });
const pageQuery = z.object({ polled: z.literal('1').optional() });

export function consoleSourceRoutes(deps: ConsoleSourceDeps): RouteGroup {
  return {
    servedBy: 'sources',
    register: (app) => {
      const { newsletter } = deps;
      const console = new Hono<ConsoleEnv>();
      const signedIn = consoleSession(deps.sessions);
      const shellOf = (c: Context<ConsoleEnv>) => ({
        newsletter,
        timeZone: deps.timeZone,
        session: c.get('session'),
        section: sitePaths.consoleSources(),
      });
      const listed = async () => (await deps.sources.listSources()).map(sourceView);

      console.get('/sources', signedIn, async (c) => {
        const { polled } = parseInput(pageQuery, c.req.query());
        return c.html(renderSourcesPage(shellOf(c), { sources: await listed(), pollQueued: polled === '1' }));
      });

      // A refusal (no feed there, an address that is not public, one registered already…) is the page with why.
      const refused = async (c: Context<ConsoleEnv>, error: unknown, url?: string) => {
        const refusal = formRefusal(error, deps.logger, consoleLabels(c.get('session').language, deps.newsletter.name));
        if (!refusal) throw error;
        const view = { sources: await listed(), problem: refusal.message, ...(url !== undefined ? { url } : {}) };
        return c.html(renderSourcesPage(shellOf(c), view), refusal.status);
      };

      console.post('/sources', smallBody, signedIn, consoleForm, async (c) => {
        const { url } = parseInput(urlForm, c.get('form'));
        try {
          await deps.sources.registerSource({ url }, operatorOf(c));
          return c.redirect(sitePaths.consoleSources(), 303);
        } catch (error) {
          return refused(c, error, url);
        }
      });

      for (const [action, state] of [
        ['pause', 'paused'],
        ['resume', 'active'],
      ] as const) {
        console.post(`/sources/:id/${action}`, smallBody, signedIn, consoleForm, async (c) => {
          try {
            await deps.sources.editSource(c.req.param('id'), { state }, operatorOf(c));
            return c.redirect(sitePaths.consoleSources(), 303);
          } catch (error) {
            return refused(c, error);
          }
        });
      }

      console.post('/sources/:id/poll', smallBody, signedIn, consoleForm, async (c) => {
        try {
          await deps.sources.requestPoll(c.req.param('id'), operatorOf(c));
          return c.redirect(`${sitePaths.consoleSources()}?polled=1`, 303);
        } catch (error) {
          return refused(c, error);
        }
      });

      // The page is fetched as a feed is (the same guard and limits); a refusal says why, on a page of its own.
      console.post('/reports/by-url', smallBody, signedIn, consoleForm, async (c) => {
        const { url } = parseInput(urlForm, c.get('form'));
        try {
          const { report, created } = await deps.sources.ingestReportFromUrl(url);
          const page = sitePaths.consoleReport(report.id);
          return c.redirect(created ? page : `${page}?added=existing`, 303);
        } catch (error) {
          const refusal = formRefusal(
            error,
            deps.logger,
            consoleLabels(c.get('session').language, deps.newsletter.name),
          );
          if (!refusal) throw error;
          const shell = { ...shellOf(c), section: sitePaths.consoleReports() };
          return c.html(renderReportByUrlRefusedPage(shell, url, refusal.message), refusal.status);
        }
      });

      app.route(sitePaths.console(), console);
    },
  };
}

/** The signed-in operator, as the activity log names them. */
function operatorOf(c: Context<ConsoleEnv>): Actor {
  return operatorActor(c.get('session').email);
}
