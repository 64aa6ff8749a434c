// HTTP edge: one Hono app for the whole public and admin API, served by hono/aws-lambda in Lambda and by
// @hono/node-server locally. Read the body, call the use case, map the answer; nothing else lives here.
import { type Context, Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import * as z from 'zod';
import type { UseCases } from '../core/bind-use-cases';
import type { PublicLinks } from '../core/domain/links';
import {
  labelsFor,
  NEWSLETTER_LANGUAGES,
  type NewsletterIdentity,
  type NewsletterLabels,
  type NewsletterLanguage,
} from '../core/domain/newsletter-labels';
import type { Report } from '../core/domain/report';
import { parseInput } from '../core/domain/validation';
import type { Logger } from '../core/ports/logger';
import { adminGuard } from './admin-guard';
import { atomFeed } from './atom-feed';
import { type ClientAddressReader, clientBucket } from './client-address';
import type { DigestDispatcher } from './digest-dispatcher';
import { errorResponse, HttpProblem } from './http-errors';
import { type PageContent, renderArchivePage, renderPage, renderSubscribePage } from './pages';
import {
  batchBody,
  csvBody,
  isForm,
  readCsv,
  readForm,
  readJson,
  readReportInput,
  reportBody,
  sameSiteForms,
  smallBody,
  wantsHtml,
} from './request-body';
import { API_ROUTES } from './routes';
import { parseSubscriberCsv, subscribersToCsv } from './subscriber-csv';

export interface ApiDependencies {
  /** Everything Mujaz can do (bindUseCases). */
  mujaz: UseCases;
  dispatcher: DigestDispatcher;
  adminToken: string;
  newsletter: NewsletterIdentity;
  logger: Logger;
  /** The client's network address, for the per-client limits (from the server that runs the app). */
  clientAddress: ClientAddressReader;
  /** The public URLs the feed names (built from MUJAZ_PUBLIC_BASE_URL). */
  links: PublicLinks;
}

const subscriptionBody = z.object({ email: z.string().max(320), language: z.enum(NEWSLETTER_LANGUAGES).optional() });
const pageLanguageQuery = z.object({ lang: z.enum(NEWSLETTER_LANGUAGES).optional() });
const exportQuery = z.object({ status: z.enum(['confirmed', 'all']).default('confirmed') }).strict();
const tokenQuery = z.object({ token: z.string().min(1).max(4096) });
/** Whether an instant is one, and the period not empty, is the core's to check (send-digest.ts). */
const instant = z.string().max(40).optional();
const period = { from: instant, until: instant };
const digestBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('send'), ...period }).strict(),
  z.object({ mode: z.literal('preview'), ...period }).strict(),
  z.object({ mode: z.literal('test'), to: z.string().max(320), ...period }).strict(),
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

const CHECK_INBOX = 'If the address can receive mail, a confirmation link is on its way.';

export function createApiApp(deps: ApiDependencies): Hono {
  const app = new Hono();
  const labels = labelsFor(deps.newsletter).pages;
  const wordsIn = (language: NewsletterLanguage) => labelsFor(deps.newsletter, language);
  const page = (c: Context, content: PageContent, language?: NewsletterLanguage) =>
    c.html(renderPage(deps.newsletter, content, language));
  const requireAdmin = adminGuard(deps.adminToken);

  /** Every failure leaves through here: JSON, or for a browser and anything but our own fault, a small page. */
  const replyWithError = (c: Context, error: unknown) => {
    const { status, body, headers } = errorResponse(error, deps.logger);
    for (const [name, value] of Object.entries(headers ?? {})) c.header(name, value);
    if (wantsHtml(c) && status !== 500) {
      return c.html(renderPage(deps.newsletter, { title: labels.problemTitle, message: body.error.message }), status);
    }
    return c.json(body, status);
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
  app.onError((error, c) => replyWithError(c, error));
  app.notFound((c) =>
    replyWithError(c, new HttpProblem(404, 'not_found', `No route for ${c.req.method} ${c.req.path}.`)),
  );

  app.get('/health', (c) => c.json({ status: 'ok' }));

  // The subscribe page, in the newsletter's language or the one asked for (?lang=en).
  app.get('/', (c) => {
    const { lang } = parseInput(pageLanguageQuery, c.req.query());
    return c.html(renderSubscribePage(deps.newsletter, lang ?? deps.newsletter.language));
  });

  app.get('/archive', async (c) => c.html(renderArchivePage(deps.newsletter, await deps.mujaz.listArchive())));

  // Every edition's web page, which the digest's "view in browser" link and headlines point to: public.
  app.get('/archive/:id', async (c) => {
    const page = await deps.mujaz.renderEditionPage(c.req.param('id'));
    return c.html(page.html);
  });

  // Where editions lived before the archive: links in emails already sent keep working.
  app.get('/editions/:id', (c) => c.redirect(`/archive/${encodeURIComponent(c.req.param('id'))}`, 301));

  app.get('/feed.xml', async (c) => {
    const xml = atomFeed(deps.newsletter, deps.links, await deps.mujaz.listArchive());
    return c.body(xml, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });

  app.post('/subscriptions', sameSiteForms, smallBody, async (c) => {
    const via = isForm(c) ? 'form' : 'api';
    const { email, language } = parseInput(subscriptionBody, await readForm(c));
    const client = clientBucket(deps.clientAddress(c));
    await deps.mujaz.requestSubscription(email, { via, ...(language ? { language } : {}) }, client);
    if (wantsHtml(c)) {
      const { pages } = wordsIn(language ?? deps.newsletter.language);
      return c.html(
        renderPage(deps.newsletter, { title: pages.checkInboxTitle, message: pages.checkInboxBody }, language),
        202,
      );
    }
    // The same answer whether the address is new, pending or confirmed: nobody learns who subscribes.
    return c.json({ status: 'pending', message: CHECK_INBOX }, 202);
  });

  /**
   * A link from an email, opened (GET or HEAD): it only checks the token and asks. Mail scanners and prefetchers
   * open every link in a message, so acting waits for the page's button, a POST of the same URL.
   */
  const askFirst = (
    check: (token: string) => Promise<{ language: NewsletterLanguage }>,
    question: (words: NewsletterLabels) => { title: string; message: string; button: string },
    answer: Record<string, string>,
  ) => {
    return async (c: Context) => {
      const { token } = parseInput(tokenQuery, c.req.query());
      const { language } = await check(token);
      if (!wantsHtml(c)) return c.json(answer);
      const { button, ...text } = question(wordsIn(language));
      return page(c, { ...text, form: { action: `?token=${encodeURIComponent(token)}`, button } }, language);
    };
  };

  app.get(
    '/subscriptions/confirm',
    askFirst(
      (token) => deps.mujaz.checkConfirmationLink(token),
      (words) => ({ title: words.confirmHeading, message: words.confirmBody, button: words.confirmButton }),
      { status: 'pending', confirm: 'POST this URL to confirm the subscription.' },
    ),
  );
  app.post('/subscriptions/confirm', smallBody, async (c) => {
    const { token } = parseInput(tokenQuery, c.req.query());
    const { language } = await deps.mujaz.confirmSubscription(token);
    const { pages } = wordsIn(language);
    if (wantsHtml(c)) return page(c, { title: pages.confirmedTitle, message: pages.confirmedBody }, language);
    return c.json({ status: 'confirmed' });
  });

  app.get(
    '/unsubscribe',
    askFirst(
      (token) => deps.mujaz.checkUnsubscribeLink(token),
      ({ pages }) => ({
        title: pages.unsubscribeTitle,
        message: pages.unsubscribeBody,
        button: pages.unsubscribeButton,
      }),
      { status: 'subscribed', unsubscribe: 'POST this URL to unsubscribe (RFC 8058 one-click).' },
    ),
  );

  // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" here; our own page's button does too.
  app.post('/unsubscribe', smallBody, async (c) => {
    const { token } = parseInput(tokenQuery, c.req.query());
    const { language } = await deps.mujaz.unsubscribe(token);
    const { pages } = wordsIn(language);
    if (!wantsHtml(c)) return c.json({ status: 'unsubscribed' });
    // The goodbye page offers the way back: a button that starts a new subscription, confirmed by a fresh link.
    const resubscribe = { action: `/resubscribe?token=${encodeURIComponent(token)}`, button: pages.resubscribeButton };
    return page(c, { title: pages.unsubscribedTitle, message: pages.unsubscribedBody, form: resubscribe }, language);
  });

  app.post('/resubscribe', smallBody, async (c) => {
    const { token } = parseInput(tokenQuery, c.req.query());
    const { language } = await deps.mujaz.resubscribe(token);
    const { pages } = wordsIn(language);
    if (!wantsHtml(c)) return c.json({ status: 'pending', message: CHECK_INBOX }, 202);
    return page(c, { title: pages.checkInboxTitle, message: pages.checkInboxBody }, language);
  });

  app.post('/subscribers/import', requireAdmin, csvBody, async (c) => {
    return c.json(await deps.mujaz.importSubscribers(parseSubscriberCsv(await readCsv(c))));
  });

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
        ? { index: result.index, status: result.status, error: errorResponse(result.error, deps.logger).body.error }
        : { index: result.index, status: result.status, report: withoutText(result.report) },
    );
    return c.json({ ...outcome, results });
  });

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
        // The edition opens here, so that its id is in the answer; composing and queuing its readers run elsewhere.
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

  for (const { path } of API_ROUTES) {
    app.all(path, (c) =>
      replyWithError(c, new HttpProblem(405, 'method_not_allowed', `${c.req.method} is not allowed on ${path}.`)),
    );
  }
  return app;
}

/** A stored report as the API answers it: everything but its text (body, and the original as sent). */
function withoutText(report: Report): Omit<Report, 'body' | 'original'> {
  const { body: _body, original: _original, ...rest } = report;
  return rest;
}
