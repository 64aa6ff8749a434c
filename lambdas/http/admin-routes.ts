// HTTP edge: the operator's routes, each behind the admin token — reports in and corrected, the digest previewed,
// tested, sent and retried, the subscriber list imported and exported. The admin function serves them alone
// (handlers/admin.ts), with the console's pages (console-routes.ts), which the token does not open.
import type { Hono } from 'hono';
import * as z from 'zod';
import type { AdminUseCases } from '../core/admin-use-cases';
import { MAX_EMAIL_LENGTH } from '../core/domain/email-address';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import type { Report } from '../core/domain/report';
import { parseInput } from '../core/domain/validation';
import type { ImportUseCases } from '../core/import-use-cases';
import type { Logger } from '../core/ports/logger';
import { subscribersToCsv } from '../formats/subscriber-csv-export';
import { adminGuard } from './admin-guard';
import { createAppBase, type RouteGroup } from './app-base';
import { consoleTimeZone } from './console-format';
import { type ConsoleRouteDeps, consoleRoutes } from './console-routes';
import type { DigestDispatcher } from './digest-dispatcher';
import { errorResponse } from './http-errors';
import { batchBody, csvBody, readCsv, readJson, readReportInput, reportBody, smallBody } from './request-body';
import { subscriberList } from './subscriber-list-upload';

export interface AdminRouteDeps {
  mujaz: AdminUseCases;
  /** Imports as jobs (composeImportUseCases). */
  imports: ImportUseCases;
  dispatcher: DigestDispatcher;
  adminToken: string;
  newsletter: NewsletterIdentity;
  logger: Logger;
}

const exportQuery = z.object({ status: z.enum(['confirmed', 'all']).default('confirmed') }).strict();
/** Whether an instant is one, and the period not empty, is the core's to check (send-digest.ts). */
const instant = z.string().max(40).optional();
const period = { from: instant, until: instant };
const digestBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('send'), ...period }).strict(),
  z.object({ mode: z.literal('preview'), ...period }).strict(),
  z.object({ mode: z.literal('test'), to: z.string().max(MAX_EMAIL_LENGTH), ...period }).strict(),
]);

const retryBody = z
  .object({
    include: z
      .array(z.enum(['failed', 'unknown']))
      .min(1)
      .max(2),
  })
  .strict()
  .refine((body) => new Set(body.include).size === body.include.length, 'include names an outcome twice');

/** The admin function's app: the operator's routes, and the console's pages when it is given the console. */
export function createAdminApp(deps: AdminRouteDeps & Partial<ConsoleRouteDeps>): Hono {
  return createAppBase(deps, [adminRoutes(deps), ...withConsole(deps)]);
}

/** The console's route group, for an app given the console's use cases and the client's address. */
export function withConsole(deps: AdminRouteDeps & Partial<ConsoleRouteDeps>): RouteGroup[] {
  const { console, clientAddress } = deps;
  return console && clientAddress
    ? [consoleRoutes({ ...deps, console, clientAddress, timeZone: consoleTimeZone(deps.timeZone) })]
    : [];
}

export function adminRoutes(deps: AdminRouteDeps): RouteGroup {
  return {
    servedBy: 'admin',
    register: (app) => {
      const requireAdmin = adminGuard(deps.adminToken);

      // The body's size, its encoding and its first line are checked here (a 400 at once); the rows are read,
      // checked and imported by the import worker, and followed at /subscribers/imports/{id}.
      app.post('/subscribers/import', requireAdmin, csvBody, async (c) => {
        const { id } = await deps.imports.startImport(subscriberList(await readCsv(c)));
        c.header('location', `/subscribers/imports/${id}`);
        return c.json({ import: id }, 202);
      });

      app.get('/subscribers/imports/:id', requireAdmin, async (c) =>
        c.json(await deps.imports.importProgress(c.req.param('id'))),
      );

      // Confirmed readers by default (what an import takes back); ?status=all adds everyone else, for audit.
      app.get('/subscribers.csv', requireAdmin, async (c) => {
        const { status } = parseInput(exportQuery, c.req.query());
        const subscribers = [];
        const source = status === 'all' ? deps.mujaz.allSubscribers() : deps.mujaz.confirmedSubscribers();
        for await (const subscriber of source) subscribers.push(subscriber);
        c.header('content-disposition', 'attachment; filename="subscribers.csv"');
        return c.body(subscribersToCsv(subscribers), 200, { 'content-type': 'text/csv; charset=utf-8' });
      });

      app.post('/reports', requireAdmin, reportBody, async (c) => {
        const { report, created } = await deps.mujaz.ingestReport(await readReportInput(c));
        return c.json({ created, report: withoutText(report) }, created ? 201 : 200);
      });

      // One bad report never fails a batch: the core answers each item on its own.
      app.post('/reports/batch', requireAdmin, batchBody, async (c) => {
        const outcome = await deps.mujaz.ingestReportBatch(await readJson(c));
        const results = outcome.results.map((result) =>
          result.status === 'rejected'
            ? {
                index: result.index,
                status: result.status,
                error: errorResponse(result.error, deps.logger).body.error,
              }
            : { index: result.index, status: result.status, report: withoutText(result.report) },
        );
        return c.json({ ...outcome, results });
      });

      // Declared after /reports/batch, which a PATCH never reaches: no report has the id "batch" (a 404).
      app.patch('/reports/:id', requireAdmin, smallBody, async (c) =>
        c.json(withoutText(await deps.mujaz.editReport(c.req.param('id'), await readJson(c)))),
      );

      app.post('/digests', requireAdmin, smallBody, async (c) => {
        const body = parseInput(digestBody, await readJson(c));
        const period = { from: body.from, until: body.until };
        deps.mujaz.checkSendRequest(period);
        switch (body.mode) {
          case 'preview':
            return c.json({ mode: body.mode, ...(await deps.mujaz.previewDigest(period)) });
          case 'test':
            return c.json({ mode: body.mode, to: body.to, ...(await deps.mujaz.sendTestDigest(body.to, period)) });
          case 'send': {
            // The edition opens here, so that its id is in the answer; composing and queuing its readers run
            // elsewhere.
            const started = await deps.mujaz.startDigest(period);
            if (!started) return c.json({ mode: body.mode, status: 'no-reports' });
            await deps.dispatcher.dispatchSend(period);
            return c.json({ mode: body.mode, ...(await deps.mujaz.digestProgress(started.id)) }, 202);
          }
        }
      });

      app.get('/digests/:id', requireAdmin, async (c) => c.json(await deps.mujaz.digestProgress(c.req.param('id'))));

      app.post('/digests/:id/retry', requireAdmin, smallBody, async (c) => {
        const body = parseInput(retryBody, await readJson(c));
        const outcome = await deps.mujaz.retryDigest(c.req.param('id'), body.include);
        return c.json({ ...outcome, ...(await deps.mujaz.digestProgress(outcome.id)) }, 202);
      });
    },
  };
}

/** A stored report as the API answers it: everything but its text (body, and the original as sent). */
function withoutText(report: Report): Omit<Report, 'body' | 'original'> {
  const { body: _body, original: _original, ...rest } = report;
  return rest;
}
