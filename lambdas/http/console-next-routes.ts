// HTTP edge: the console's editor pages — the overview (/console) and the next edition (/console/next): its preview
// as readers get it, the editor's actions on a waiting report and the send (a test to the signed-in operator, or the
// edition itself after a confirmation). Every action goes through the use case the API's route uses: editReport
// (PATCH /reports/{id}), sendTestDigest and startDigest with the dispatcher (POST /digests).
import type { Hono } from 'hono';
import * as z from 'zod';
import type { AdminUseCases } from '../core/admin-use-cases';
import { operatorActor } from '../core/domain/activity';
import { consoleLabels } from '../core/domain/console-labels';
import { frozenEmailIn } from '../core/domain/edition';
import { InvalidInputError, NotFoundError, ReportInEditionError } from '../core/domain/errors';
import { sitePaths } from '../core/domain/links';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { parseInput } from '../core/domain/validation';
import { fill } from './console-format';
import { type ConsoleEnv, consoleForm, type consoleSession } from './console-guard';
import {
  REPORT_ACTIONS,
  renderNextEditionPage,
  renderNextProblemPage,
  renderSendConfirmPage,
} from './console-next-pages';
import { renderOverviewPage } from './console-overview-pages';
import type { ConsoleShell } from './console-pages';
import { refusalWords } from './console-refusals';
import type { DigestDispatcher } from './digest-dispatcher';
import { smallBody } from './request-body';

export interface EditorPageDeps {
  mujaz: AdminUseCases;
  dispatcher: DigestDispatcher;
  newsletter: NewsletterIdentity;
  /** The newsletter's IANA time zone (MUJAZ_TIME_ZONE): the console shows every time in it. */
  timeZone: string;
}

const reportForm = z.object({ action: z.enum(REPORT_ACTIONS), summary: z.string().max(20_000).optional() });
const sendForm = z.object({ mode: z.enum(['test', 'send']), confirm: z.literal('yes').optional() });
const nextQuery = z.object({ done: z.literal('test').optional() });

/** Registers the overview and the next edition's pages on the console's sub-app, behind `signedIn`. */
export function registerEditorPages(
  console: Hono<ConsoleEnv>,
  signedIn: ReturnType<typeof consoleSession>,
  deps: EditorPageDeps,
): void {
  const { mujaz, newsletter } = deps;
  const shellOf = (session: ConsoleShell['session'], section: string): ConsoleShell => ({
    newsletter,
    timeZone: deps.timeZone,
    session,
    section,
  });

  console.get('/', signedIn, async (c) =>
    c.html(renderOverviewPage(shellOf(c.get('session'), sitePaths.console()), await mujaz.consoleOverview())),
  );

  console.get('/next', signedIn, async (c) => {
    const { done } = parseInput(nextQuery, c.req.query());
    const session = c.get('session');
    const words = consoleLabels(session.language, newsletter.name);
    const notice = done === 'test' ? fill(words.nextTestSent, { email: session.email }) : undefined;
    return c.html(
      renderNextEditionPage(
        shellOf(session, sitePaths.consoleNext()),
        await mujaz.draftNextEdition({ translations: false }),
        notice,
      ),
    );
  });

  // The email exactly as readers of the console's language get it (the newsletter's own words in that language,
  // the reports in theirs). It is our own HTML, under the app's CSP like every page: no script runs in it.
  console.get('/next/preview', signedIn, async (c) => {
    const session = c.get('session');
    const { email } = await mujaz.draftNextEdition();
    if (!email) {
      const words = consoleLabels(session.language, newsletter.name);
      return c.html(renderNextProblemPage(shellOf(session, sitePaths.consoleNext()), words.nextNoReports), 404);
    }
    return c.html(frozenEmailIn(email, session.language).html);
  });

  console.post('/reports/:id', smallBody, signedIn, consoleForm, async (c) => {
    const session = c.get('session');
    const words = consoleLabels(session.language, newsletter.name);
    const { action, summary } = parseInput(reportForm, c.get('form'));
    const id = c.req.param('id');
    const editor = operatorActor(session.email);
    try {
      switch (action) {
        case 'up':
        case 'down':
          await mujaz.moveReport(id, action === 'up' ? 1 : -1, editor);
          break;
        default:
          await mujaz.editReport(id, editFor(action, summary), editor);
      }
    } catch (error) {
      const page = (status: 400 | 404 | 409, message: string) =>
        c.html(renderNextProblemPage(shellOf(session, sitePaths.consoleNext()), message), status);
      if (error instanceof ReportInEditionError) return page(409, fill(words.nextInEdition, { id: error.editionId }));
      if (error instanceof NotFoundError) return page(404, refusalWords(error, words));
      if (error instanceof InvalidInputError) return page(400, refusalWords(error, words));
      throw error;
    }
    return c.redirect(`${sitePaths.consoleNext()}#report-${encodeURIComponent(id)}`, 303);
  });

  console.post('/send', smallBody, signedIn, consoleForm, async (c) => {
    const session = c.get('session');
    const words = consoleLabels(session.language, newsletter.name);
    const shell = shellOf(session, sitePaths.consoleNext());
    const { mode, confirm } = parseInput(sendForm, c.get('form'));
    const draft = await mujaz.draftNextEdition({ translations: false });
    const plan = {
      featured: draft.featured.length,
      headlines: draft.headlines.length,
      unlisted: draft.unlisted.length,
    };
    const reports = plan.featured + plan.headlines + plan.unlisted;
    if (mode === 'test') {
      // An empty digest is no test of anything: say so rather than mail one.
      if (reports === 0) return c.html(renderNextProblemPage(shell, words.nextNoReports), 409);
      await mujaz.sendTestDigest(session.email);
      return c.redirect(`${sitePaths.consoleNext()}?done=test`, 303);
    }
    const { readers } = await mujaz.consoleOverview();
    const confirmPage = renderSendConfirmPage(shell, { readers: readers.confirmed, ...plan });
    if (reports === 0 || readers.confirmed === 0) return c.html(confirmPage, 409);
    if (confirm !== 'yes') return c.html(confirmPage);
    const started = await mujaz.startDigest(undefined, operatorActor(session.email));
    if (!started) return c.html(renderNextProblemPage(shell, words.nextNoReports), 409);
    await deps.dispatcher.dispatchSend({});
    return c.redirect(sitePaths.consoleEdition(started.id), 303);
  });
}

/** The PATCH body each form action stands for (report-edit.ts reads it as the API's). */
function editFor(action: 'exclude' | 'include' | 'save' | 'restore', summary: string | undefined): unknown {
  switch (action) {
    case 'exclude':
      return { hold: true };
    case 'include':
      return { hold: false };
    case 'save':
      return { summary: summary ?? '' };
    case 'restore':
      return { summary: null };
  }
}
