// HTTP edge: the console's reports in the admin function — the list (newest first, or searched by title), one
// report's page, and a report added from pasted text through the same use case as POST /reports. A report from its
// web address is the sources function's (console-sources-routes.ts): only it carries the web fetcher.
import type { Hono, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import type { AdminUseCases } from '../core/admin-use-cases';
import { consoleLabels } from '../core/domain/console-labels';
import { sitePaths } from '../core/domain/links';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { parseInput } from '../core/domain/validation';
import type { Logger } from '../core/ports/logger';
import { MAX_REPORT_SEARCH_LENGTH } from '../core/use-cases/console-lists';
import { type ConsoleEnv, consoleForm } from './console-guard';
import { formRefusal } from './console-page-parts';
import { renderReportPage, renderReportsPage } from './console-reports-pages';
import { reportFormBody } from './request-body';

export interface ConsoleReportDeps {
  mujaz: AdminUseCases;
  newsletter: NewsletterIdentity;
  /** The newsletter's IANA time zone (MUJAZ_TIME_ZONE): the console shows every time in it. */
  timeZone: string;
  logger: Logger;
}

/** The list's query: a search and a page's position, each bounded (the position's form is the adapter's to check). */
const listQuery = z.object({
  title: z.string().max(MAX_REPORT_SEARCH_LENGTH).optional(),
  after: z.string().max(200).optional(),
  added: z.literal('existing').optional(),
});
const textForm = z.object({ text: z.string() });

export function registerConsoleReportRoutes(
  console: Hono<ConsoleEnv>,
  deps: ConsoleReportDeps,
  signedIn: MiddlewareHandler<ConsoleEnv>,
): void {
  const { newsletter } = deps;

  console.get('/reports', signedIn, async (c) => {
    const { title, after } = parseInput(listQuery, c.req.query());
    const shell = {
      newsletter,
      timeZone: deps.timeZone,
      session: c.get('session'),
      section: sitePaths.consoleReports(),
    };
    const list = await deps.mujaz.listReports({
      ...(title !== undefined ? { title } : {}),
      ...(after ? { after } : {}),
    });
    return c.html(
      renderReportsPage(shell, { list, ...(title !== undefined ? { title } : {}), paged: after !== undefined }),
    );
  });

  // The same rule as POST /reports with text/plain: title line, lede line, paragraphs (report-submission.ts).
  console.post('/reports', reportFormBody, signedIn, consoleForm, async (c) => {
    const { text } = parseInput(textForm, c.get('form'));
    try {
      const { report, created } = await deps.mujaz.ingestReport({ plainText: text });
      const page = sitePaths.consoleReport(report.id);
      return c.redirect(created ? page : `${page}?added=existing`, 303);
    } catch (error) {
      const refusal = formRefusal(error, deps.logger, consoleLabels(c.get('session').language, deps.newsletter.name));
      if (!refusal) throw error;
      const shell = {
        newsletter,
        timeZone: deps.timeZone,
        session: c.get('session'),
        section: sitePaths.consoleReports(),
      };
      const list = await deps.mujaz.listReports({});
      return c.html(renderReportsPage(shell, { list, paged: false, problem: refusal.message, text }), refusal.status);
    }
  });

  console.get('/reports/:id', signedIn, async (c) => {
    const { added } = parseInput(listQuery, c.req.query());
    const report = await deps.mujaz.findReport(c.req.param('id'));
    const shell = {
      newsletter,
      timeZone: deps.timeZone,
      session: c.get('session'),
      section: sitePaths.consoleReports(),
    };
    return c.html(renderReportPage(shell, report, added === 'existing'));
  });
}
