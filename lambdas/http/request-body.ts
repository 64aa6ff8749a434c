// HTTP edge: reading request bodies — media types, size limits, UTF-8, JSON and forms — into plain values.
// What those values must hold is the core's business; this file only knows the wire.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ReportInput } from '../core/domain/report-submission';
import { MAX_PAGE_BYTES, MAX_REPORT_BYTES } from '../core/domain/text-cleaning';
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

export const smallBody = limitTo(SMALL_BODY_LIMIT, false);
export const batchBody = limitTo(BATCH_BODY_LIMIT, true);
export const csvBody = limitTo(CSV_BODY_LIMIT, false);
const textBody = limitTo(MAX_REPORT_BYTES, true);
const pageBody = limitTo(MAX_PAGE_BYTES, true);
export const reportBody: MiddlewareHandler = (c, next) =>
  (mediaType(c) === 'text/plain' ? textBody : pageBody)(c, next);

/** text/plain in the seed format, an HTML page, or JSON; anything else is 415. */
export async function readReportInput(c: Context): Promise<ReportInput> {
  const type = mediaType(c);
  if (type === 'text/plain') return { plainText: await readUtf8(c) };
  if (HTML_TYPES.has(type)) return { html: await readUtf8(c) };
  return { json: await readJson(c) };
}

export async function readCsv(c: Context): Promise<string> {
  if (mediaType(c) !== 'text/csv') throw new HttpProblem(415, 'unsupported_media_type', 'Send the list as text/csv.');
  return readUtf8(c);
}

export async function readJson(c: Context): Promise<unknown> {
  if (mediaType(c) !== 'application/json') {
    throw new HttpProblem(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const text = await readUtf8(c);
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'invalid_json', 'The body is not valid JSON.');
  }
}

/** A form (urlencoded or multipart), or JSON. */
export async function readForm(c: Context): Promise<unknown> {
  if (!isForm(c)) return readJson(c);
  try {
    return await c.req.parseBody();
  } catch {
    // A multipart body without its boundary, or cut short: the client's mistake, not ours.
    throw new HttpProblem(400, 'invalid_form', 'The body is not a valid form.');
  }
}

/** Whether the body is a form (what our own pages post) rather than JSON. */
export function isForm(c: Context): boolean {
  const type = mediaType(c);
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data';
}

export function wantsHtml(c: Context): boolean {
  return (c.req.header('accept') ?? '').includes('text/html');
}

async function readUtf8(c: Context): Promise<string> {
  const bytes = await c.req.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HttpProblem(400, 'invalid_encoding', 'The body is not UTF-8 text.');
  }
}

/**
 * Refuses a form posted to this route from another site — a page elsewhere submitting readers' addresses through
 * their browsers. Browsers say where a form comes from (Sec-Fetch-Site, Origin); a caller that says nothing is no
 * browser, so no other site's page, and JSON is no form a page can post across sites without asking first.
 */
export const sameSiteForms: MiddlewareHandler = async (c, next) => {
  if (FORM_TYPES.has(mediaType(c))) {
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const crossSite =
      site !== undefined
        ? site !== 'same-origin' && site !== 'none'
        : origin !== undefined && origin !== new URL(c.req.url).origin;
    if (crossSite) {
      throw new HttpProblem(403, 'cross_site_form', 'Forms may be posted here only from this site’s own pages.');
    }
  }
  await next();
};

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']);

function mediaType(c: Context): string {
  return (c.req.header('content-type') ?? 'application/json').split(';')[0]!.trim().toLowerCase();
}

function limitTo(maxSize: number, reportTooLarge: boolean): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new HttpProblem(413, 'payload_too_large', `The body is larger than ${maxSize} bytes.`, {
        ...(reportTooLarge ? { reason: 'too_large' as const } : {}),
        // The rest of the body is never read: keeping the connection would leave the next request on it unanswered.
        headers: { connection: 'close' },
      });
    },
  });
}
