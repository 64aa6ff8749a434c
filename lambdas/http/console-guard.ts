// HTTP edge: what stands before every console page — the operator's session cookie (`__Host-mujaz_session`), and for
// every state-changing form the session's `_csrf` and a request from this site. One middleware each, which every
// console route goes through; the admin bearer token opens none of them.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ConsoleUseCases } from '../core/console-use-cases';
import { type ConsoleSession, SESSION_LIFETIME_MS } from '../core/domain/console-access';
import { sitePaths } from '../core/domain/links';
import { CSRF_FIELD } from './console-pages';
import { HttpProblem } from './http-errors';
import { isForm } from './request-body';

/** The cookie's name without its prefix: hono/cookie adds `__Host-`, which needs Secure and Path=/ and no Domain. */
const SESSION_COOKIE = 'mujaz_session';

/** What the console's middleware leaves for its routes. */
export interface ConsoleEnv {
  Variables: {
    session: ConsoleSession;
    sessionId: string;
    /** A console form's fields, read once by consoleForm (the body is read only once). */
    form: Record<string, string>;
  };
}

/** Sets the session cookie: HttpOnly, Secure, SameSite=Strict, Path=/, for the session's 12 hours. */
export function setSessionCookie(c: Context, sessionId: string): void {
  setCookie(c, SESSION_COOKIE, sessionId, {
    prefix: 'host',
    httpOnly: true,
    secure: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: SESSION_LIFETIME_MS / 1000,
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { prefix: 'host', secure: true, path: '/' });
}

export function sessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE, 'host');
}

/**
 * The signed-in operator, or the sign-in page: a request without a live session of a current operator (no cookie,
 * a forged, expired or signed-out one, a removed operator's) is sent there, and a stale cookie is cleared. Every
 * answer behind it is private: no cache keeps it.
 */
export function consoleSession(console: Pick<ConsoleUseCases, 'currentSession'>): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    c.header('cache-control', 'no-store');
    const sessionId = sessionCookie(c);
    const session = sessionId ? await console.currentSession(sessionId) : undefined;
    if (!sessionId || !session) {
      if (sessionId) clearSessionCookie(c);
      return c.redirect(sitePaths.consoleSignIn(), 303);
    }
    c.set('session', session);
    c.set('sessionId', sessionId);
    await next();
  };
}

/**
 * Every state-changing console form, after consoleSession: a request from this site (Origin or Sec-Fetch-Site: a
 * browser sends one of them with every POST, and a request with neither is refused too) carrying the session's
 * `_csrf`, compared in constant time. Otherwise 403. The form's fields are left in `form`.
 */
export const consoleForm: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  requireThisSite(c);
  const form = await readConsoleForm(c);
  requireSessionSecret(c.get('session'), form);
  c.set('form', form);
  await next();
};

/**
 * A console form that uploads one file (multipart) in `field`, after consoleSession: checked as consoleForm checks
 * a form (this site, the session's `_csrf`); 400 without the file. Returns the file.
 */
export async function readConsoleUpload(c: Context<ConsoleEnv>, field: string): Promise<File> {
  requireThisSite(c);
  const body = await formBody(c);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string') fields[name] = value;
  requireSessionSecret(c.get('session'), fields);
  const upload = body[field];
  if (!(upload instanceof File)) throw new HttpProblem(400, 'invalid_form', `Choose a file to send as ${field}.`);
  return upload;
}

function requireSessionSecret(session: ConsoleSession, form: Record<string, string>): void {
  const given = form[CSRF_FIELD];
  if (given === undefined || !sameSecret(given, session.csrfSecret)) {
    throw new HttpProblem(403, 'csrf_refused', 'This form is not from this console session; reload the page.');
  }
}

/**
 * A POST that needs no session but must come from this site's own page (the sign-in form, a link's button): its
 * Sec-Fetch-Site, or where a browser sends none its Origin, must name this site; with neither, 403 too — unlike the
 * readers' routes, the console is for browsers alone.
 */
export function requireThisSite(c: Context): void {
  const site = c.req.header('sec-fetch-site');
  const origin = c.req.header('origin');
  const fromHere =
    site !== undefined ? site === 'same-origin' : origin !== undefined && origin === new URL(c.req.url).origin;
  if (!fromHere) {
    throw new HttpProblem(403, 'cross_site_request', 'This request is taken only from this site’s own pages.');
  }
}

/** A form's body, urlencoded or multipart: anything else is 415, a body that is no valid form 400. */
async function formBody(c: Context): Promise<Record<string, unknown>> {
  if (!isForm(c)) throw new HttpProblem(415, 'unsupported_media_type', 'Send the console’s own form.');
  try {
    return await c.req.parseBody();
  } catch {
    throw new HttpProblem(400, 'invalid_form', 'The body is not a valid form.');
  }
}

/** A console form's text fields: urlencoded or multipart; anything else is 415, a field given twice 400. */
export async function readConsoleForm(c: Context): Promise<Record<string, string>> {
  const body = await formBody(c);
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (typeof value !== 'string') throw new HttpProblem(400, 'invalid_form', `The field ${name} is not text.`);
    fields[name] = value;
  }
  return fields;
}

/** Hashing both sides gives equal lengths, so the comparison's time says nothing of the secret. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
