// Shared by the HTTP tests: the API app over the use-case harness, with the real renderer and article extractor
// (pages and previews are checked as readers get them), a dispatcher that records what it was handed, and the
// checks every error answer must pass.

import type { Hono } from 'hono';
import { ReadabilityArticleExtractor } from '../../../lambdas/adapters/readability-article-extractor';
import type { UseCases } from '../../../lambdas/composition/compose-use-cases';
import { InvalidInputError, NotFoundError } from '../../../lambdas/core/domain/errors';
import { escapeHtml } from '../../../lambdas/core/domain/html';
import { publicLinks } from '../../../lambdas/core/domain/links';
import { labelsFor } from '../../../lambdas/core/domain/newsletter-labels';
import type { EmailRenderer } from '../../../lambdas/core/ports/email-renderer';
import type { SourceUseCases } from '../../../lambdas/core/source-use-cases';
import type { SendRequest } from '../../../lambdas/core/use-cases/send-digest';
import { createCombinedApiApp } from '../../../lambdas/http/combined-api-app';
import type { DigestDispatcher } from '../../../lambdas/http/digest-dispatcher';
import { realRenderer } from '../../support/real-renderer';
import { createHarness, type Harness, PUBLIC_BASE_URL } from '../../support/use-case-harness';

export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';
export const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
export const json = { 'content-type': 'application/json' };
export const form = { 'content-type': 'application/x-www-form-urlencoded' };
/** What a browser sends. */
export const browser = { accept: 'text/html,application/xhtml+xml' };

export type HttpHarness = Harness<EmailRenderer, ReadabilityArticleExtractor>;

export function createHttpHarness(): HttpHarness {
  return createHarness({ renderer: realRenderer(), extractor: new ReadabilityArticleExtractor() });
}

/** Records every request it is handed; the send itself runs elsewhere (or, when given, as told). */
export class FakeDispatcher implements DigestDispatcher {
  readonly requests: SendRequest[] = [];
  constructor(private readonly run: (request: SendRequest) => Promise<unknown> = async () => undefined) {}
  async dispatchSend(request: SendRequest): Promise<void> {
    this.requests.push(request);
    await this.run(request);
  }
}

/**
 * The source routes' use cases at the HTTP edge's unit tests: no source exists, and none can be registered (the
 * registration itself is proven on real sockets, test/integration/feed-flow.test.ts).
 */
export const noSources: SourceUseCases = {
  registerSource: async () => {
    throw new InvalidInputError('The source cannot be registered here.', [{ field: 'url', message: 'not here' }]);
  },
  listSources: async () => [],
  getSource: async () => {
    throw new NotFoundError('No source has this id.');
  },
  editSource: async () => {
    throw new NotFoundError('No source has this id.');
  },
  deleteSource: async () => {
    throw new NotFoundError('No source has this id.');
  },
  ingestReportFromUrl: async () => {
    throw new InvalidInputError('No report is fetched here.', [{ field: 'url', message: 'not here' }]);
  },
  requestPoll: async () => {
    throw new NotFoundError('No source has this id.');
  },
};

export function apiAppFor(
  h: HttpHarness,
  {
    useCases = h.useCases,
    dispatcher = new FakeDispatcher(),
  }: { useCases?: UseCases; dispatcher?: DigestDispatcher } = {},
): Hono {
  return createCombinedApiApp({
    mujaz: useCases,
    imports: h.imports,
    dispatcher,
    adminToken: ADMIN_TOKEN,
    newsletter: h.newsletter,
    timeZone: h.timeZone,
    logger: h.logger,
    // app.request has no socket: tests say which client they are, as the server would.
    clientAddress: (c) => c.req.header(TEST_CLIENT_HEADER) ?? '192.0.2.1',
    links: publicLinks(PUBLIC_BASE_URL),
    sources: noSources,
    console: h.console,
  });
}

/** Which client a test request comes from (the per-client limits count by it); 192.0.2.1 when absent. */
export const TEST_CLIENT_HEADER = 'x-test-client';

export interface ErrorJson {
  error: { code: string; message: string; problems?: { field: string; message: string }[]; reason?: string };
}

/** The error of a JSON error answer, after checking its status, its media type and its shape. */
export async function errorOf(response: Response, status: number): Promise<ErrorJson['error']> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/u);
  const body = (await response.json()) as ErrorJson;
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  return body.error;
}

/**
 * The page a browser gets for a failure, after checking its status, its media type, the newsletter's language and
 * direction (the harness's newsletter is Arabic), the problem title, and that it says what the JSON answer says
 * (`message`, escaped).
 */
export async function problemPageOf(
  h: HttpHarness,
  response: Response,
  status: number,
  message: string,
): Promise<string> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^text\/html/u);
  const page = await response.text();
  expect(page).toContain('<html lang="ar" dir="rtl">');
  expect(page).toContain(escapeHtml(labelsFor(h.newsletter).pages.problemTitle));
  expect(page).toContain(`<p>${escapeHtml(message)}</p>`);
  return page;
}

/** The error entries the app logged: none for anything but our own fault. */
export function loggedErrors(h: HttpHarness): unknown[] {
  return h.logger.entries.filter((entry) => entry.level === 'error');
}

/** Where an import stands, as GET /subscribers/imports/{id} answers. */
export interface ImportProgressJson {
  id: string;
  state: string;
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
  firstRejections: Array<{ line: number; reason: string }>;
  problem?: string;
}

/**
 * Uploads a list as the operator does (a 202 naming the import), lets the harness's import worker run every step,
 * and answers what GET /subscribers/imports/{id} says then.
 */
export async function importThroughApi(app: Hono, h: HttpHarness, body: string): Promise<ImportProgressJson> {
  const upload = await app.request('/subscribers/import', {
    method: 'POST',
    headers: { ...admin, 'content-type': 'text/csv; charset=utf-8' },
    body,
  });
  expect(upload.status).toBe(202);
  const { import: id } = (await upload.json()) as { import: string };
  expect(upload.headers.get('location')).toBe(`/subscribers/imports/${id}`);
  await h.processImports();
  const progress = await app.request(`/subscribers/imports/${id}`, { headers: admin });
  expect(progress.status).toBe(200);
  return (await progress.json()) as ImportProgressJson;
}
