// HTTP edge: the console's editions and activity pages — the list, one edition (its state and counts from the same
// use case as GET /digests/{id}), its retry (the same use case as POST /digests/{id}/retry, as the signed-in
// operator), and the activity log. Registered on the console's sub-app (console-routes.ts), behind its session and
// form middlewares.
import type { Hono, MiddlewareHandler } from 'hono';
import * as z from 'zod';
import type { AdminUseCases } from '../core/admin-use-cases';
import { operatorActor } from '../core/domain/activity';
import type { RetriableOutcome } from '../core/domain/delivery';
import { NotFoundError } from '../core/domain/errors';
import { sitePaths } from '../core/domain/links';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { parseInput } from '../core/domain/validation';
import { renderActivityPage } from './console-activity-pages';
import { renderEditionNotFoundPage, renderEditionPage, renderEditionsPage } from './console-editions-pages';
import { type ConsoleEnv, consoleForm } from './console-guard';
import { followQuery } from './console-pages';
import { smallBody } from './request-body';

export interface ConsoleEditionRouteDeps {
  mujaz: Pick<AdminUseCases, 'digestProgress' | 'retryDigest' | 'listEditions' | 'activity'>;
  newsletter: NewsletterIdentity;
  /** The newsletter's IANA time zone (MUJAZ_TIME_ZONE): the console shows every time in it. */
  timeZone: string;
}

const editionsQuery = z.object({ before: z.coerce.number().int().min(2).max(999_999_999).optional() });
const editionQuery = z.object({
  requeued: z.coerce.number().int().min(0).max(1_000_000_000).optional(),
  follow: followQuery,
});
const activityQuery = z.object({ before: z.string().max(100).optional() });
/** The two choices the page offers; the unknown are retried only with the failed, as the page explains. */
const retryForm = z.object({ include: z.enum(['failed', 'failed,unknown']) });

export function registerEditionRoutes(
  console: Hono<ConsoleEnv>,
  deps: ConsoleEditionRouteDeps,
  signedIn: MiddlewareHandler<ConsoleEnv>,
): void {
  const shellOf = (c: { get(key: 'session'): ConsoleEnv['Variables']['session'] }) => ({
    newsletter: deps.newsletter,
    timeZone: deps.timeZone,
    session: c.get('session'),
    section: sitePaths.consoleEditions(),
  });

  console.get('/editions', signedIn, async (c) => {
    const { before } = parseInput(editionsQuery, c.req.query());
    return c.html(renderEditionsPage(shellOf(c), await deps.mujaz.listEditions(before), before === undefined));
  });

  console.get('/editions/:id', signedIn, async (c) => {
    const { requeued, follow } = parseInput(editionQuery, c.req.query());
    try {
      const progress = await deps.mujaz.digestProgress(c.req.param('id'));
      return c.html(renderEditionPage(shellOf(c), progress, { requeued, following: follow !== undefined }));
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return c.html(renderEditionNotFoundPage(shellOf(c)), 404);
    }
  });

  console.post('/editions/:id/retry', smallBody, signedIn, consoleForm, async (c) => {
    const { include } = parseInput(retryForm, c.get('form'));
    const outcomes = include.split(',') as RetriableOutcome[];
    try {
      const { id, requeued } = await deps.mujaz.retryDigest(
        c.req.param('id'),
        outcomes,
        operatorActor(c.get('session').email),
      );
      return c.redirect(`${sitePaths.consoleEdition(id)}?requeued=${requeued}`, 303);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      return c.html(renderEditionNotFoundPage(shellOf(c)), 404);
    }
  });

  console.get('/activity', signedIn, async (c) => {
    const { before } = parseInput(activityQuery, c.req.query());
    return c.html(renderActivityPage(shellOf(c), await deps.mujaz.activity(before), before === undefined));
  });
}
