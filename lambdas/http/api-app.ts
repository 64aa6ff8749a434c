// HTTP edge: one Hono app for the whole public and admin API, served by hono/aws-lambda in Lambda
// and by @hono/node-server locally. Parse, call the use case, map the answer; nothing else lives here.
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { NewsletterIdentity } from '../core/domain/digest';
import { InvalidInputError } from '../core/domain/errors';
import { labelsFor } from '../core/domain/newsletter-labels';
import { parsePlainTextReport, type ReportSubmission } from '../core/domain/report';
import type { DigestDispatcher } from '../core/ports/digest-dispatcher';
import type { Logger } from '../core/ports/logger';
import type { Mujaz } from '../core/mujaz';
import { errorResponse, HttpProblem } from './http-errors';
import { renderPage } from './pages';

export interface ApiDependencies {
  mujaz: Mujaz;
  dispatcher: DigestDispatcher;
  adminToken: string;
  newsletter: NewsletterIdentity;
  logger: Logger;
}

const REPORT_BODY_LIMIT = 1_500_000;
const SMALL_BODY_LIMIT = 16_384;

const subscriptionBody = z.object({ email: z.string().max(320) });
const tokenQuery = z.object({ token: z.string().min(1).max(4096) });
const reportJsonBody = z
  .object({
    title: z.string().max(1000),
    lede: z.string().max(10_000).optional(),
    text: z.string(),
    url: z.url({ protocol: /^https?$/u }).max(2048).optional(),
    language: z.enum(['ar', 'en', 'und']).optional(),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
const week = z.string().regex(/^\d{4}-W\d{2}$/u, 'expected an ISO week like 2026-W48').optional();
const digestBody = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('send'), week }).strict(),
  z.object({ mode: z.literal('preview'), week }).strict(),
  z.object({ mode: z.literal('test'), to: z.string().max(320), week }).strict(),
]);

export function createApiApp(deps: ApiDependencies): Hono {
  const app = new Hono();
  const labels = labelsFor(deps.newsletter.language).pages;
  const page = (c: Context, status: 200 | 400 | 404, content: Parameters<typeof renderPage>[1]) => c.html(renderPage(deps.newsletter, content), status);
  const requireAdmin = adminGuard(deps.adminToken);
  const small = bodyLimit({ maxSize: SMALL_BODY_LIMIT, onError: tooLarge(SMALL_BODY_LIMIT) });

  app.onError((error, c) => {
    const { status, body } = errorResponse(error, deps.logger);
    if (wantsHtml(c) && status < 500) {
      return page(c, status === 404 ? 404 : 400, { title: labels.problemTitle, message: body.error.message });
    }
    return c.json(body, status);
  });
  app.notFound((c) => c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404));

  app.get('/health', (c) => c.json({ status: 'ok' }));

  app.post('/subscriptions', small, async (c) => {
    const { email } = parse(subscriptionBody, await readForm(c));
    await deps.mujaz.subscribe(email);
    // The same answer whether the address is new, pending or confirmed: nobody learns who subscribes.
    return c.json({ status: 'pending', message: 'If the address can receive mail, a confirmation link is on its way.' }, 202);
  });

  app.get('/subscriptions/confirm', async (c) => {
    const { token } = parse(tokenQuery, c.req.query());
    await deps.mujaz.confirmSubscription(token);
    if (wantsHtml(c)) return page(c, 200, { title: labels.confirmedTitle, message: labels.confirmedBody(deps.newsletter.name) });
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

  app.post('/reports', requireAdmin, bodyLimit({ maxSize: REPORT_BODY_LIMIT, onError: tooLarge(REPORT_BODY_LIMIT) }), async (c) => {
    const { report, created } = await deps.mujaz.ingestReport(await readReportSubmission(c));
    const { body: _body, ...summary } = report;
    return c.json({ created, report: summary }, created ? 201 : 200);
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
          : c.json({ mode: 'send', week: weekId, status: 'accepted', message: 'The send runs in the background; each reader gets the edition once.' }, 202);
      }
    }
  });

  for (const path of ['/health', '/subscriptions', '/subscriptions/confirm', '/unsubscribe', '/reports', '/digests']) {
    app.all(path, (c) => c.json({ error: { code: 'method_not_allowed', message: `${c.req.method} is not allowed on ${path}.` } }, 405));
  }
  return app;
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
  throw new InvalidInputError(`The request is not valid: ${problems.map((p) => (p.field ? `${p.field}: ${p.message}` : p.message)).join('; ')}.`, problems);
}

async function readJson(c: Context): Promise<unknown> {
  const type = mediaType(c);
  if (type !== 'application/json') throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as application/json.');
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

async function readReportSubmission(c: Context): Promise<ReportSubmission> {
  if (mediaType(c) === 'text/plain') return parsePlainTextReport(await readUtf8(c));
  const { text, ...rest } = parse(reportJsonBody, await readJson(c));
  return { ...rest, body: text };
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

function tooLarge(limit: number) {
  return (): never => {
    throw new HttpProblem(413, 'payload_too_large', `The body is larger than ${limit} bytes.`);
  };
}

function adminGuard(adminToken: string): MiddlewareHandler {
  const expected = createHash('sha256').update(adminToken).digest();
  return async (c, next) => {
    const given = /^Bearer\s+(.+)$/iu.exec(c.req.header('authorization') ?? '')?.[1]?.trim();
    // Hashing both sides gives equal lengths, so the comparison time reveals nothing.
    if (!given || !timingSafeEqual(createHash('sha256').update(given).digest(), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="mujaz-admin"');
      return c.json({ error: { code: 'unauthorized', message: 'This route needs Authorization: Bearer <admin token>.' } }, 401);
    }
    await next();
  };
}

