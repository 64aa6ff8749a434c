// HTTP edge: one Hono app for the whole public and admin API, served by hono/aws-lambda in Lambda
// and by @hono/node-server locally. Parse, call the use case, map the answer; nothing else lives here.
import { createHash, timingSafeEqual } from 'node:crypto';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { NewsletterIdentity } from '../core/domain/digest';
import { InvalidInputError } from '../core/domain/errors';
import { labelsFor } from '../core/domain/newsletter-labels';
import { parsePlainTextReport, type Report, type ReportSubmission } from '../core/domain/report';
import { MAX_PAGE_BYTES, MAX_REPORT_BYTES } from '../core/domain/text-cleaning';
import type { Mujaz } from '../core/mujaz';
import type { DigestDispatcher } from '../core/ports/digest-dispatcher';
import type { Logger } from '../core/ports/logger';
import { MAX_BATCH_REPORTS } from '../core/use-cases/ingest-report';
import { type ErrorBody, errorResponse, HttpProblem } from './http-errors';
import { renderPage } from './pages';

export interface ApiDependencies {
  mujaz: Mujaz;
  dispatcher: DigestDispatcher;
  adminToken: string;
  newsletter: NewsletterIdentity;
  logger: Logger;
}

/**
 * Body limits of the report routes, from the core's one limit: a text/plain body is the report's text, so
 * MAX_REPORT_BYTES; JSON (which may escape every character) and HTML pages (markup around the text) get
 * MAX_PAGE_BYTES, and the text they carry still answers to MAX_REPORT_BYTES. Either way, too large is 413
 * with reason 'too_large'. A batch is bounded by what one Lambda invocation takes (6 MB, event included).
 */
const TEXT_BODY_LIMIT = MAX_REPORT_BYTES;
const PAGE_BODY_LIMIT = MAX_PAGE_BYTES;
const BATCH_BODY_LIMIT = 4 * 1_048_576;
const SMALL_BODY_LIMIT = 16_384;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

const subscriptionBody = z.object({ email: z.string().max(320) });
const tokenQuery = z.object({ token: z.string().min(1).max(4096) });
/** A report as JSON: exactly one of `text` and `html`; the title may be left to the page's own headline. */
const reportJsonBody = z
  .object({
    title: z.string().max(1000).optional(),
    lede: z.string().max(10_000).optional(),
    text: z.string().optional(),
    html: z.string().optional(),
    url: z
      .url({ protocol: /^https?$/u })
      .max(2048)
      .optional(),
    /** Any ISO 639 code; the core checks it (isLanguageTag). */
    language: z.string().max(35).optional(),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .superRefine((report, context) => {
    if ((report.text === undefined) === (report.html === undefined)) {
      context.addIssue({ code: 'custom', path: ['text'], message: 'give exactly one of text and html' });
    } else if (report.text !== undefined && report.title === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['title'],
        message: 'is required with text (only an html page can name its own)',
      });
    }
  });
const reportBatchBody = z
  .array(z.unknown())
  .max(MAX_BATCH_REPORTS, `a batch holds at most ${MAX_BATCH_REPORTS} reports`);
const week = z
  .string()
  .regex(/^\d{4}-W\d{2}$/u, 'expected an ISO week like 2026-W48')
  .optional();
const digestBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('send'), week }).strict(),
  z.object({ mode: z.literal('preview'), week }).strict(),
  z.object({ mode: z.literal('test'), to: z.string().max(320), week }).strict(),
]);

export function createApiApp(deps: ApiDependencies): Hono {
  const app = new Hono();
  const labels = labelsFor(deps.newsletter.language).pages;
  const page = (c: Context, status: 200 | 400 | 404, content: Parameters<typeof renderPage>[1]) =>
    c.html(renderPage(deps.newsletter, content), status);
  const requireAdmin = adminGuard(deps.adminToken);
  const small = bodyLimit({ maxSize: SMALL_BODY_LIMIT, onError: tooLarge(SMALL_BODY_LIMIT) });
  const textLimit = bodyLimit({ maxSize: TEXT_BODY_LIMIT, onError: tooLarge(TEXT_BODY_LIMIT, 'too_large') });
  const pageLimit = bodyLimit({ maxSize: PAGE_BODY_LIMIT, onError: tooLarge(PAGE_BODY_LIMIT, 'too_large') });
  const reportLimit: MiddlewareHandler = (c, next) => (mediaType(c) === 'text/plain' ? textLimit : pageLimit)(c, next);
  const batchLimit = bodyLimit({ maxSize: BATCH_BODY_LIMIT, onError: tooLarge(BATCH_BODY_LIMIT, 'too_large') });

  app.onError((error, c) => {
    const { status, body } = errorResponse(error, deps.logger);
    if (wantsHtml(c) && status < 500) {
      return page(c, status === 404 ? 404 : 400, { title: labels.problemTitle, message: body.error.message });
    }
    return c.json(body, status);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404),
  );

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.post('/subscriptions', small, async (c) => {
    const { email } = parse(subscriptionBody, await readForm(c));
    await deps.mujaz.subscribe(email);
    // The same answer whether the address is new, pending or confirmed: nobody learns who subscribes.
    return c.json(
      { status: 'pending', message: 'If the address can receive mail, a confirmation link is on its way.' },
      202,
    );
  });

  app.get('/subscriptions/confirm', async (c) => {
    const { token } = parse(tokenQuery, c.req.query());
    await deps.mujaz.confirmSubscription(token);
    if (wantsHtml(c))
      return page(c, 200, { title: labels.confirmedTitle, message: labels.confirmedBody(deps.newsletter.name) });
    return c.json({ status: 'confirmed' });
  });

  // GET only asks: link scanners and prefetchers follow GET links, and must not unsubscribe anyone.
  app.get('/unsubscribe', (c) => {
    const { token } = parse(tokenQuery, c.req.query());
    deps.mujaz.verifyUnsubscribeToken(token);
    if (wantsHtml(c)) {
      return page(c, 200, {
        title: labels.unsubscribeTitle,
        message: labels.unsubscribeBody(deps.newsletter.name),
        form: { action: `?token=${encodeURIComponent(token)}`, button: labels.unsubscribeButton },
      });
    }
    return c.json({ status: 'subscribed', unsubscribe: 'POST this URL to unsubscribe (RFC 8058 one-click).' });
  });

  // RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" here; our own page's button does too.
  app.post('/unsubscribe', small, async (c) => {
    const { token } = parse(tokenQuery, c.req.query());
    await deps.mujaz.unsubscribe(token);
    if (wantsHtml(c)) return page(c, 200, { title: labels.unsubscribedTitle, message: labels.unsubscribedBody });
    return c.json({ status: 'unsubscribed' });
  });

  app.post('/reports', requireAdmin, reportLimit, async (c) => {
    const { report, created } = await deps.mujaz.ingestReport(await readReportSubmission(c));
    return c.json({ created, report: reportSummary(report) }, created ? 201 : 200);
  });

  // One bad report never fails a batch: each item is read and ingested on its own, and answered in `results`.
  app.post('/reports/batch', requireAdmin, batchLimit, async (c) => {
    const items = parse(reportBatchBody, await readJson(c));
    const read = items.map((item): ReportSubmission | InvalidInputError => {
      const result = reportJsonBody.safeParse(item);
      return result.success ? submissionFromJson(result.data) : invalidRequest(result.error);
    });
    const outcomes = await deps.mujaz.ingestReports(
      read.filter((entry): entry is ReportSubmission => !(entry instanceof InvalidInputError)),
    );
    let next = 0;
    const results = read.map((entry, index): BatchResult => {
      const outcome =
        entry instanceof InvalidInputError ? { status: 'rejected' as const, error: entry } : outcomes[next++]!;
      return outcome.status === 'rejected'
        ? { index, status: 'rejected', error: errorResponse(outcome.error, deps.logger).body.error }
        : { index, status: outcome.status, report: reportSummary(outcome.report) };
    });
    const count = (status: BatchResult['status']) => results.filter((result) => result.status === status).length;
    return c.json({ results, created: count('created'), existing: count('exists'), rejected: count('rejected') });
  });

  app.post('/digests', requireAdmin, small, async (c) => {
    const request = parse(digestBody, await readJson(c));
    const weekId = deps.mujaz.weekId(request.week);
    switch (request.mode) {
      case 'preview':
        return c.json({ mode: 'preview', ...(await deps.mujaz.previewDigest(weekId)) });
      case 'test':
        return c.json({ mode: 'test', to: request.to, ...(await deps.mujaz.sendTestDigest(request.to, weekId)) });
      case 'send': {
        const outcome = await deps.dispatcher.dispatchSend(weekId);
        return outcome.status === 'completed'
          ? c.json({ mode: 'send', ...outcome.summary })
          : c.json(
              {
                mode: 'send',
                week: weekId,
                status: 'accepted',
                message: 'The send runs in the background; each reader gets the edition once.',
              },
              202,
            );
      }
    }
  });

  for (const path of [
    '/health',
    '/subscriptions',
    '/subscriptions/confirm',
    '/unsubscribe',
    '/reports',
    '/reports/batch',
    '/digests',
  ]) {
    app.all(path, (c) =>
      c.json({ error: { code: 'method_not_allowed', message: `${c.req.method} is not allowed on ${path}.` } }, 405),
    );
  }
  return app;
}

type BatchResult =
  | { index: number; status: 'created' | 'exists'; report: ReportSummary }
  | { index: number; status: 'rejected'; error: ErrorBody['error'] };

/** A stored report as the API answers it: everything but its text (body, and the original as sent). */
type ReportSummary = Omit<Report, 'body' | 'original'>;

function reportSummary(report: Report): ReportSummary {
  const { body: _body, original: _original, ...summary } = report;
  return summary;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw invalidRequest(result.error);
}

function invalidRequest(error: z.ZodError): InvalidInputError {
  const problems = error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  return new InvalidInputError(
    `The request is not valid: ${problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ')}.`,
    problems,
  );
}

async function readJson(c: Context): Promise<unknown> {
  const type = mediaType(c);
  if (type !== 'application/json')
    throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as application/json.');
  const text = await readUtf8(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

async function readForm(c: Context): Promise<unknown> {
  const type = mediaType(c);
  if (type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data') {
    try {
      return await c.req.parseBody();
    } catch {
      // A multipart body without its boundary, or cut short: the client's mistake, not ours.
      throw new HttpProblem(400, 'invalid_form', 'The body is not a valid form.');
    }
  }
  return readJson(c);
}

/** text/plain in the seed format, an HTML page, or JSON; anything else is 415. */
async function readReportSubmission(c: Context): Promise<ReportSubmission> {
  const type = mediaType(c);
  if (type === 'text/plain') return parsePlainTextReport(await readUtf8(c));
  if (HTML_TYPES.has(type)) return { html: await readUtf8(c) };
  return submissionFromJson(parse(reportJsonBody, await readJson(c)));
}

function submissionFromJson({ title, text, html, ...rest }: z.infer<typeof reportJsonBody>): ReportSubmission {
  if (html !== undefined) return { ...rest, html, ...(title !== undefined ? { title } : {}) };
  // The schema has made sure that text comes with a title.
  return { ...rest, title: title ?? '', body: text ?? '' };
}

async function readUtf8(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpProblem(400, 'invalid_encoding', 'The body is not UTF-8 text.');
  }
}

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
}

function wantsHtml(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('text/html');
}

function tooLarge(limit: number, reason?: 'too_large') {
  return (): never => {
    throw new HttpProblem(413, 'payload_too_large', `The body is larger than ${limit} bytes.`, reason);
  };
}

function adminGuard(adminToken: string): MiddlewareHandler {
  const expected = createHash('sha256').update(adminToken).digest();
  return async (c, next) => {
    const given = /^Bearer\s+(.+)$/iu.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    // Hashing both sides gives equal lengths, so the comparison time reveals nothing.
    if (!given || !timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="mujaz-admin"');
      return c.json(
        { error: { code: 'unauthorized', message: 'This route needs Authorization: Bearer <admin token>.' } },
        401,
      );
    }
    await next();
  };
}
