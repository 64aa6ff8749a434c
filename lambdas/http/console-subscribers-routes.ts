// HTTP edge: the console's readers in the admin function — one address looked up (a POST: an address never goes in
// a URL, where logs and histories keep it), a CSV uploaded and imported as a job through the same use case as
// POST /subscribers/import and followed on its own page, and the exports of GET /subscribers.csv behind the
// console session instead of the admin token.
import type { Hono, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import type { AdminUseCases } from '../core/admin-use-cases';
import { operatorActor } from '../core/domain/activity';
import { consoleLabels } from '../core/domain/console-labels';
import { MAX_EMAIL_LENGTH } from '../core/domain/email-address';
import { sitePaths } from '../core/domain/links';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import type { Subscriber } from '../core/domain/subscriber';
import { parseInput } from '../core/domain/validation';
import type { ImportUseCases } from '../core/import-use-cases';
import type { Logger } from '../core/ports/logger';
import { subscribersToCsv } from '../formats/subscriber-csv-export';
import { type ConsoleEnv, consoleForm, readConsoleUpload } from './console-guard';
import { formRefusal } from './console-page-parts';
import { followQuery } from './console-pages';
import { renderImportPage, renderSubscribersPage } from './console-subscribers-pages';
import { csvUploadBody, decodeUtf8, smallBody } from './request-body';
import { subscriberList } from './subscriber-list-upload';

export interface ConsoleSubscriberDeps {
  mujaz: AdminUseCases;
  imports: ImportUseCases;
  newsletter: NewsletterIdentity;
  /** The newsletter's IANA time zone (MUJAZ_TIME_ZONE): the console shows every time in it. */
  timeZone: string;
  logger: Logger;
}

const lookUpForm = z.object({ email: z.string().max(MAX_EMAIL_LENGTH) });
const importQuery = z.object({ follow: followQuery });
const exportQuery = z.object({ status: z.enum(['confirmed', 'all']).default('confirmed') }).strict();

export function registerConsoleSubscriberRoutes(
  console: Hono<ConsoleEnv>,
  deps: ConsoleSubscriberDeps,
  signedIn: MiddlewareHandler<ConsoleEnv>,
): void {
  const { newsletter } = deps;
  const shellOf = (session: ConsoleEnv['Variables']['session']) => ({
    newsletter,
    timeZone: deps.timeZone,
    session,
    section: sitePaths.consoleSubscribers(),
  });

  console.get('/subscribers', signedIn, (c) => c.html(renderSubscribersPage(shellOf(c.get('session')))));

  // Changes nothing, but is a POST so that the address stays out of the URL; its answer is the page itself.
  console.post('/subscribers/lookup', smallBody, signedIn, consoleForm, async (c) => {
    const { email } = parseInput(lookUpForm, c.get('form'));
    const shell = shellOf(c.get('session'));
    try {
      return c.html(renderSubscribersPage(shell, { record: await deps.mujaz.lookUpReader(email) }));
    } catch (error) {
      const refusal = formRefusal(error, deps.logger, consoleLabels(c.get('session').language, deps.newsletter.name));
      if (!refusal) throw error;
      return c.html(renderSubscribersPage(shell, { asked: email, problem: refusal.message }), refusal.status);
    }
  });

  console.post('/subscribers/import', csvUploadBody, signedIn, async (c) => {
    const upload = await readConsoleUpload(c, 'file');
    try {
      const list = subscriberList(decodeUtf8(await upload.arrayBuffer()));
      const { id } = await deps.imports.startImport(list, operatorActor(c.get('session').email));
      return c.redirect(sitePaths.consoleSubscriberImportProgress(id), 303);
    } catch (error) {
      const refusal = formRefusal(error, deps.logger, consoleLabels(c.get('session').language, deps.newsletter.name));
      if (!refusal) throw error;
      return c.html(
        renderSubscribersPage(shellOf(c.get('session')), { importProblem: refusal.message }),
        refusal.status,
      );
    }
  });

  console.get('/subscribers/imports/:id', signedIn, async (c) => {
    const { follow } = parseInput(importQuery, c.req.query());
    const progress = await deps.imports.importProgress(c.req.param('id'));
    return c.html(renderImportPage(shellOf(c.get('session')), progress, { following: follow !== undefined }));
  });

  // The export the API gives, behind the session instead of the token: confirmed readers, or everyone for audit.
  console.get('/subscribers.csv', signedIn, async (c) => {
    const { status } = parseInput(exportQuery, c.req.query());
    const subscribers: Subscriber[] = [];
    const source = status === 'all' ? deps.mujaz.allSubscribers() : deps.mujaz.confirmedSubscribers();
    for await (const subscriber of source) subscribers.push(subscriber);
    c.header('content-disposition', 'attachment; filename="subscribers.csv"');
    return c.body(subscribersToCsv(subscribers), 200, { 'content-type': 'text/csv; charset=utf-8' });
  });
}
