// Test support: a real HTTP server on 127.0.0.1 standing in for the web — feeds and article pages at paths the test
// sets, answered with the status, headers and body it chooses (after a delay, if asked), conditional GETs honoured by
// ETag, every request counted, and the most ever in flight at once. Never a mocked fetch: the fetcher under test dials this socket (allowed through MUJAZ_FETCH_ALLOW).
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeedServerResource {
  /** A function answers each request anew (a page that changes between two fetches). */
  body: string | Buffer | (() => string);
  contentType?: string;
  status?: number;
  /** Sent as they are; an ETag (the body's hash) is added unless `etag: false`. */
  headers?: Record<string, string>;
  etag?: false;
  /** The answer waits this long: a slow page, so that requests in flight at once can be seen. */
  delayMs?: number;
}

export interface FeedServer {
  /** `127.0.0.1:<port>`: what MUJAZ_FETCH_ALLOW names. */
  host: string;
  url(path: string): string;
  /** Sets (or replaces) what a path answers. */
  serve(path: string, resource: FeedServerResource): void;
  /** The requests each path received, in order, with the headers that matter here. */
  requests(path: string): { ifNoneMatch?: string; ifModifiedSince?: string; userAgent?: string }[];
  /** The most requests this server (one host) had in flight at once: from received until answered or dropped. */
  maxInFlight(): number;
  /** Starts counting maxInFlight afresh, from what is in flight now. */
  resetMaxInFlight(): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const resources = new Map<string, FeedServerResource>();
  const seen = new Map<string, { ifNoneMatch?: string; ifModifiedSince?: string; userAgent?: string }[]>();
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer(async (request: IncomingMessage, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.once('close', () => {
      inFlight -= 1;
    });
    const path = decodeURI(new URL(request.url ?? '/', 'http://localhost').pathname);
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const log = seen.get(path) ?? [];
    log.push({
      ...(header('if-none-match') ? { ifNoneMatch: header('if-none-match') } : {}),
      ...(header('if-modified-since') ? { ifModifiedSince: header('if-modified-since') } : {}),
      ...(header('user-agent') ? { userAgent: header('user-agent') } : {}),
    });
    seen.set(path, log);
    const resource = resources.get(path);
    if (resource?.delayMs) await new Promise((resolve) => setTimeout(resolve, resource.delayMs));
    if (!resource) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = typeof resource.body === 'function' ? resource.body() : resource.body;
    const etag =
      resource.etag === false ? undefined : `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    const headers: Record<string, string> = {
      ...(resource.contentType ? { 'content-type': resource.contentType } : {}),
      ...(etag ? { etag } : {}),
      ...resource.headers,
    };
    if (etag && header('if-none-match') === etag) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(resource.status ?? 200, headers).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = `127.0.0.1:${port}`;
  return {
    host,
    url: (path) => `http://${host}${path}`,
    serve: (path, resource) => {
      resources.set(path, resource);
    },
    requests: (path) => seen.get(path) ?? [],
    maxInFlight: () => maxInFlight,
    resetMaxInFlight: () => {
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
