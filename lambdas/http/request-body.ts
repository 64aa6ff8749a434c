// HTTP edge: reading request bodies — media types, size limits, UTF-8, JSON and forms — into plain values.
// What those values must hold is the core's business; this file only knows the wire.
import type { Context, MiddlewareHandler } from 'hono';
import { MAX_PAGE_BYTES, MAX_REPORT_BYTES } from '../core/domain/report-limits';
import type { ReportInput } from '../core/domain/report-submission';
import { HttpProblem } from './http-errors';

/**
 * Body limits, from the core's one report limit: a text/plain body is the report's text, so MAX_REPORT_BYTES;
 * JSON (which may escape every character) and HTML pages (markup around the text) get MAX_PAGE_BYTES, and the
 * text they carry still answers to MAX_REPORT_BYTES. Either way, too large is 413 with reason 'too_large'. A
 * batch is bounded by what one Lambda invocation takes (6 MB, event included).
 */
const BATCH_BODY_LIMIT = 4 * 1_048_576;
/** A subscriber list: 100,000 rows of ~40 bytes fit with room to spare, under Lambda's 6 MB event. */
const CSV_BODY_LIMIT = 5 * 1_048_576;
const SMALL_BODY_LIMIT = 16_384;
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);

/**
 * How much of a body is read, and thrown away, before it is answered. A client still sending when the answer leaves
 * meets a closed connection and loses the answer: so every body is read to its end before an answer is given, up to
 * this (API Gateway takes at most 10 MB and answers a larger one itself; locally, @hono/node-server hands the body
 * over as it comes). Past it, the answer says Connection: close and the rest is never read.
 */
export const MAX_DISCARDED_BYTES = 16 * 1_048_576;

export const smallBody = limitTo(SMALL_BODY_LIMIT, false);
export const batchBody = limitTo(BATCH_BODY_LIMIT, true);
export const csvBody = limitTo(CSV_BODY_LIMIT, false);
/** A console upload of a subscriber list: the list's limit, and room for the multipart envelope and its fields. */
export const csvUploadBody = limitTo(CSV_BODY_LIMIT + 16_384, false);
/** A report pasted in a console form: urlencoding may triple each byte of its text (Arabic is all %XX). */
export const reportFormBody = limitTo(3 * MAX_REPORT_BYTES + SMALL_BODY_LIMIT, true);
const textBody = limitTo(MAX_REPORT_BYTES, true);
const pageBody = limitTo(MAX_PAGE_BYTES, true);
export const reportBody: MiddlewareHandler = (c, next) =>
  (mediaType(c) === 'text/plain' ? textBody : pageBody)(c, next);

/** text/plain in the seed format, an HTML page, or JSON; anything else, or no media type, is 415. */
export async function readReportInput(c: Context): Promise<ReportInput> {
  const type = mediaType(c);
  if (type === 'text/plain') return { plainText: await readUtf8(c) };
  if (type !== undefined && HTML_TYPES.has(type)) return { html: await readUtf8(c) };
  if (type === 'application/json') return { json: await readJson(c) };
  throw unsupportedMediaType(c, 'text/plain, text/html or application/json');
}

export async function readCsv(c: Context): Promise<string> {
  if (mediaType(c) !== 'text/csv') throw unsupportedMediaType(c, 'text/csv');
  return readUtf8(c);
}

export async function readJson(c: Context): Promise<unknown> {
  if (mediaType(c) !== 'application/json') throw unsupportedMediaType(c, 'application/json');
  const text = await readUtf8(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

/** A form (urlencoded or multipart), or JSON; anything else, or no media type, is 415. */
export async function readForm(c: Context): Promise<unknown> {
  if (mediaType(c) === 'application/json') return readJson(c);
  if (!isForm(c)) throw unsupportedMediaType(c, 'application/json or a form (application/x-www-form-urlencoded)');
  try {
    return await c.req.parseBody();
  } catch {
    // A multipart body without its boundary, or cut short: the client's mistake, not ours.
    throw new HttpProblem(400, 'invalid_form', 'The body is not a valid form.');
  }
}

/**
 * The body of a POST to a link from an email (confirm, unsubscribe, resubscribe), which acts on the link's token
 * alone: none at all, our pages' button (an empty form), a mail client's RFC 8058 one-click form
 * (`List-Unsubscribe=One-Click`, urlencoded or multipart), or JSON. A body of any other media type, or of none, is
 * 415, as everywhere.
 */
export async function readLinkPost(c: Context): Promise<{ oneClick: boolean }> {
  if ((await c.req.arrayBuffer()).byteLength === 0) return { oneClick: false };
  if (mediaType(c) === 'application/json') {
    await readJson(c);
    return { oneClick: false };
  }
  const form = await readForm(c);
  return { oneClick: (form as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click' };
}

/** Whether the body is a form (what our own pages post) rather than JSON. */
export function isForm(c: Context): boolean {
  const type = mediaType(c);
  return type !== undefined && FORM_TYPES.has(type);
}

export function wantsHtml(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('text/html');
}

async function readUtf8(c: Context): Promise<string> {
  return decodeUtf8(await c.req.arrayBuffer());
}

/** Bytes as UTF-8 text (a leading BOM dropped); 400 when they are not UTF-8. */
export function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpProblem(400, 'invalid_encoding', 'The body is not UTF-8 text.');
  }
}

/**
 * Whether a browser says this request comes from another site's page: Sec-Fetch-Site, or where a browser sends
 * none, an Origin other than ours. A caller that sends neither is no browser, so no other site's page.
 */
function isCrossSite(c: Context): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site !== undefined) return site !== 'same-origin' && site !== 'none';
  const origin = c.req.header('origin');
  return origin !== undefined && origin !== new URL(c.req.url).origin;
}

/**
 * Refuses a request that changes something when a page of another site made it: a page elsewhere could otherwise
 * have its visitors' browsers subscribe addresses (each one a confirmation email, from as many networks as it has
 * visitors). Whatever the media type: a body with none, which a page may send anywhere without asking (no-cors),
 * is refused here before it is refused as unreadable.
 */
export function refuseCrossSite(c: Context): void {
  if (isCrossSite(c)) {
    throw new HttpProblem(403, 'cross_site_request', 'This request is taken only from this site’s own pages.');
  }
}

export const sameSiteOnly: MiddlewareHandler = async (c, next) => {
  refuseCrossSite(c);
  await next();
};

/** The body's media type, lower-cased without parameters; undefined when the request names none. */
function mediaType(c: Context): string | undefined {
  const header = c.req.header('content-type');
  if (header === undefined) return undefined;
  return header.split(';')[0]!.trim().toLowerCase();
}

function unsupportedMediaType(c: Context, expected: string): HttpProblem {
  const problem =
    mediaType(c) === undefined ? 'The request names no media type (Content-Type)' : 'This media type is not read here';
  return new HttpProblem(415, 'unsupported_media_type', `${problem}: send ${expected}.`);
}

/**
 * Reads the whole body (see MAX_DISCARDED_BYTES) and keeps it for the route when it is at most `maxSize` bytes;
 * a larger one is 413, answered once it has arrived.
 */
function limitTo(maxSize: number, reportTooLarge: boolean): MiddlewareHandler {
  const tooLarge = (whole: boolean) =>
    new HttpProblem(413, 'payload_too_large', `The body is larger than ${maxSize} bytes.`, {
      ...(reportTooLarge ? { reason: 'too_large' as const } : {}),
      // The rest was not read: the next request on this connection would be read from the middle of this body.
      ...(whole ? {} : { headers: { connection: 'close' } }),
    });
  return async (c, next) => {
    const body = c.req.raw.body;
    if (body === null) return next();
    if (declaredLength(c.req.raw) > MAX_DISCARDED_BYTES) throw tooLarge(false);
    const read = await readBody(body, maxSize);
    if (read.kept === undefined) throw tooLarge(read.whole);
    c.req.raw = new Request(c.req.raw, { body: read.kept });
    await next();
  };
}

/**
 * Reads and throws away a body no route read (the answer came first: a 401, 404, 405), so that its sender still
 * gets the answer; true when it was read to its end.
 */
export async function discardUnreadBody(request: Request): Promise<boolean> {
  if (request.body === null || request.body.locked || request.bodyUsed) return true;
  if (declaredLength(request) > MAX_DISCARDED_BYTES) return false;
  try {
    return (await readBody(request.body, 0)).whole;
  } catch {
    // The client left before the end of its body: it waits for no answer.
    return false;
  }
}

function declaredLength(request: Request): number {
  return Number(request.headers.get('content-length') ?? 0) || 0;
}

/**
 * The body's bytes when it is at most `keepUpTo` long, read to the end or to MAX_DISCARDED_BYTES. A body its
 * client stopped sending midway is the client's failure: 400, and nothing logged.
 */
async function readBody(
  stream: ReadableStream<Uint8Array>,
  keepUpTo: number,
): Promise<{ kept: Uint8Array | undefined; whole: boolean }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size <= keepUpTo) chunks.push(value);
      if (size > MAX_DISCARDED_BYTES) return { kept: undefined, whole: false };
    }
  } catch {
    throw new HttpProblem(400, 'incomplete_body', 'The body ended before it was complete.');
  } finally {
    reader.releaseLock();
  }
  if (size > keepUpTo) return { kept: undefined, whole: true };
  const kept = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    kept.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { kept, whole: true };
}
