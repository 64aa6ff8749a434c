// The web fetcher on real sockets: local HTTP and HTTPS servers started here, never a mocked fetch. One server is on
// the allow list (as MUJAZ_FETCH_ALLOW would name it) and answers; another, the "victim", listens on every local
// address of its port and must never see a request, whatever spelling of a local address the URL uses, whatever a
// redirect or a rebinding name tries. Then the limits: redirects, the whole-request deadline, the body cap after
// decompression (bombs included), conditional GET, statuses, and documents in Arabic legacy encodings.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { brotliCompressSync, constants, createBrotliCompress, deflateSync, gzipSync } from 'node:zlib';
import { UndiciWebFetcher, type UndiciWebFetcherOptions } from '../../lambdas/adapters/undici-web-fetcher';
import { WebFetchError } from '../../lambdas/core/domain/errors';
import type { WebRequest, WebResponse } from '../../lambdas/core/ports/web-fetcher';
import { ARABIC_TITLE, ENCODING_FIXTURES, encodingFixture } from '../support/encoding-fixtures';
import { UnconnectableEndpoint } from '../support/unconnectable-endpoint';

const USER_AGENT = 'Mujaz/0.1.0 (+https://news.example)';
const FEED = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${ARABIC_TITLE}</title></channel></rss>`;
const ETAG = '"feed-v1"';
const LAST_MODIFIED = 'Tue, 01 Dec 2026 08:00:00 GMT';
const MB = 1024 * 1024;

/** What got back from one attempt: the answer, or the failure's reason and words. */
type Outcome = { status: number; url: string; text?: string } | { reason: string; message: string; status?: number };
const outcomes: Array<[string, Outcome]> = [];

async function attempt(fetcher: UndiciWebFetcher, request: WebRequest, label = request.url): Promise<Outcome> {
  let outcome: Outcome;
  try {
    const response: WebResponse = await fetcher.get(request);
    outcome = { status: response.status, url: response.url, ...('text' in response ? { text: response.text } : {}) };
  } catch (error) {
    if (!(error instanceof WebFetchError)) throw error;
    outcome = {
      reason: error.reason,
      message: error.message,
      ...(error.status !== undefined ? { status: error.status } : {}),
    };
  }
  outcomes.push([label, 'text' in outcome ? { ...outcome, text: `${outcome.text?.length} characters` } : outcome]);
  return outcome;
}

const feed = (url: string, extra: Partial<WebRequest> = {}): WebRequest => ({ url, expect: 'feed', ...extra });

function listen(server: Server, host: string): Promise<number> {
  return new Promise((resolve) => server.listen(0, host, () => resolve((server.address() as AddressInfo).port)));
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

/** 1 MB of zeros gzipped, this many times over: a valid multi-member gzip body of `megabytes` MB once decoded. */
function gzipBomb(megabytes: number): Buffer {
  const member = gzipSync(Buffer.alloc(MB));
  return Buffer.concat(Array.from({ length: megabytes }, () => member));
}

/** Zeros, brotli-compressed as they are sent, for as long as the client reads: no end of output for a few bytes. */
function endlessBrotliZeros(response: ServerResponse): void {
  const zeros = Readable.from(
    (function* () {
      for (let sent = 0; sent < 4_096; sent += 1) yield Buffer.alloc(MB);
    })(),
  );
  // Quality 1: the server's own compression is not what this measures.
  const compress = createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
  response.on('close', () => {
    zeros.destroy();
    compress.destroy();
  });
  zeros.pipe(compress).pipe(response);
}

const seen: IncomingHttpHeaders[] = [];
let victimRequests = 0;
let downgradeLandings = 0;
const silentResponses: ServerResponse[] = [];

let sitePort = 0;
let victimPort = 0;
let tlsPort = 0;
let site: Server;
let victim: Server;
let tlsSite: Server;
const fetchers: UndiciWebFetcher[] = [];
const bomb = gzipBomb(128);

function makeFetcher(options: Partial<UndiciWebFetcherOptions> = {}): UndiciWebFetcher {
  const fetcher = new UndiciWebFetcher({
    userAgent: USER_AGENT,
    allow: [`127.0.0.1:${sitePort}`, `127.0.0.1:${tlsPort}`],
    ...options,
  });
  fetchers.push(fetcher);
  return fetcher;
}

function siteHandler(url: URL, request: { headers: IncomingHttpHeaders }, response: ServerResponse): void {
  const path = url.pathname;
  seen.push(request.headers);
  const rss = { 'content-type': 'application/rss+xml; charset=utf-8' };
  if (path === '/feed') {
    const current = request.headers['if-none-match'] === ETAG || request.headers['if-modified-since'] === LAST_MODIFIED;
    const caching = { etag: ETAG, 'last-modified': LAST_MODIFIED, 'cache-control': 'max-age=600' };
    if (current) return void response.writeHead(304, caching).end();
    return void response.writeHead(200, { ...rss, ...caching }).end(FEED);
  }
  const redirect = /^\/redirect\/(\d+)$/u.exec(path);
  if (redirect) {
    const left = Number(redirect[1]);
    if (left === 0) return void response.writeHead(200, rss).end(FEED);
    return void response.writeHead(302, { location: `/redirect/${left - 1}` }).end();
  }
  if (path === '/redirect-to') return void response.writeHead(302, { location: url.searchParams.get('to')! }).end();
  if (path === '/downgrade-landing') {
    downgradeLandings += 1;
    return void response.writeHead(200, rss).end(FEED);
  }
  if (path === '/drip') {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const drip = setInterval(() => response.write('.'), 100);
    response.on('close', () => clearInterval(drip));
    return;
  }
  if (path === '/silent') return void silentResponses.push(response);
  if (path === '/gzip-bomb') {
    return void response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(bomb);
  }
  if (path === '/br-bomb') {
    response.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'br' });
    endlessBrotliZeros(response);
    return;
  }
  const plain = /^\/plain\/(\d+)$/u.exec(path);
  if (plain) return void response.writeHead(200, { 'content-type': 'text/plain' }).end('a'.repeat(Number(plain[1])));
  // No Content-Length: the cap can only be found by counting.
  const chunked = /^\/chunked\/(\d+)$/u.exec(path);
  if (chunked) {
    response.writeHead(200, { 'content-type': 'text/plain' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let left = Number(chunked[1]); left > 0; left -= chunk.length) response.write(chunk.subarray(0, left));
    return void response.end();
  }
  if (path === '/compressed') {
    const coding = url.searchParams.get('coding')!;
    const body = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync }[coding]!(Buffer.from(FEED));
    return void response.writeHead(200, { ...rss, 'content-encoding': coding }).end(body);
  }
  if (path === '/unknown-coding') {
    return void response.writeHead(200, { ...rss, 'content-encoding': 'zstd' }).end('(zstd)');
  }
  const status = /^\/status\/(\d+)$/u.exec(path);
  if (status) {
    const code = Number(status[1]);
    const retryAfter = code === 429 ? { 'retry-after': '120' } : code === 503 ? { 'retry-after': LAST_MODIFIED } : {};
    return void response.writeHead(code, { 'content-type': 'text/html', ...retryAfter }).end('<p>no</p>');
  }
  const fixture = ENCODING_FIXTURES.find((candidate) => path === `/encodings/${candidate.file}`);
  if (fixture) {
    return void response.writeHead(200, { 'content-type': fixture.contentType }).end(encodingFixture(fixture.file));
  }
  response.writeHead(404).end();
}

beforeAll(async () => {
  site = createServer((request, response) => siteHandler(new URL(request.url!, 'http://site'), request, response));
  sitePort = await listen(site, '127.0.0.1');
  victim = createServer((_request, response) => {
    victimRequests += 1;
    response.end('the runtime API, the metadata service, an admin page');
  });
  // Every local address, IPv4 and IPv6 (dual stack): whatever spelling of "this machine" got through would land here.
  victimPort = await listen(victim, '::');
  const tls = join(__dirname, '..', 'fixtures', 'tls');
  tlsSite = createTlsServer(
    { cert: readFileSync(join(tls, 'loopback-cert.pem')), key: readFileSync(join(tls, 'loopback-key.pem')) },
    (request, response) => {
      const url = new URL(request.url!, 'https://site');
      if (url.pathname === '/feed') return void response.writeHead(200, { 'content-type': 'text/xml' }).end(FEED);
      if (url.pathname === '/to-https') {
        return void response.writeHead(302, { location: `https://127.0.0.1:${tlsPort}/feed` }).end();
      }
      if (url.pathname === '/to-http') {
        return void response.writeHead(302, { location: `http://127.0.0.1:${sitePort}/downgrade-landing` }).end();
      }
      response.writeHead(404).end();
    },
  );
  tlsPort = await listen(tlsSite, '127.0.0.1');
});

afterAll(async () => {
  for (const response of silentResponses) response.destroy();
  await Promise.all(fetchers.map((fetcher) => fetcher.close()));
  await Promise.all([close(site), close(victim), close(tlsSite)]);
  // The record the issue asks for: what each attempt got back.
  console.log(outcomes.map(([label, outcome]) => `${label}\n  → ${JSON.stringify(outcome)}`).join('\n'));
});

describe('the address guard', () => {
  it('lets the allow-listed server answer', async () => {
    expect(await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/feed`))).toMatchObject({ status: 200 });
  });

  // Each a way of writing "this machine" or a network behind it; the WHATWG URL parser turns some into others.
  const SPELLINGS = [
    'localhost',
    'LOCALHOST',
    '127.0.0.1',
    '127.0.0.2',
    '[::1]',
    '[0:0:0:0:0:0:0:1]',
    '[::ffff:7f00:1]',
    '[::ffff:127.0.0.1]',
    '2130706433',
    '0x7f.1',
    '0x7f000001',
    '0177.0.0.1',
    '127.1',
    '0.0.0.0',
    '0',
    '[::]',
    '[::127.0.0.1]',
    '169.254.169.254',
    '[::ffff:169.254.169.254]',
    '[fe80::1]',
    '10.0.0.1',
    '172.16.0.1',
    '192.168.0.1',
    '100.64.0.1',
    '[fd00::1]',
    '[fc00::1]',
    '[64:ff9b::7f00:1]',
    '[64:ff9b::127.0.0.1]',
    '[2002:7f00:1::]',
    '[2001::1]',
    '224.0.0.1',
    '255.255.255.255',
  ];

  it.each(SPELLINGS)('refuses http://%s: with refused_address, and nothing reaches the local server', async (host) => {
    const outcome = await attempt(makeFetcher(), feed(`http://${host}:${victimPort}/latest.xml`));
    expect(outcome).toMatchObject({ reason: 'refused_address' });
    expect((outcome as { message: string }).message).toMatch(/not on the public internet/u);
    expect(victimRequests).toBe(0);
  });

  it('gets nowhere with localhost. (the root label), refused or not found, as this machine’s resolver has it', async () => {
    const outcome = await attempt(makeFetcher(), feed(`http://localhost.:${victimPort}/`));
    expect(['refused_address', 'unreachable']).toContain((outcome as { reason?: string }).reason);
    expect(victimRequests).toBe(0);
  });

  it('names a host name in its refusal, never the address it resolved to', async () => {
    const outcome = await attempt(makeFetcher(), feed(`http://localhost:${victimPort}/`));
    expect((outcome as { message: string }).message).toContain('localhost');
    expect((outcome as { message: string }).message).not.toMatch(/127\.0\.0\.1|::1/u);
  });

  it('lets the allowed server through by its entry only: another name or spelling of it is refused', async () => {
    const fetcher = makeFetcher();
    for (const host of ['localhost', '[::ffff:7f00:1]', '[::1]']) {
      expect(await attempt(fetcher, feed(`http://${host}:${sitePort}/feed`))).toMatchObject({
        reason: 'refused_address',
      });
    }
    // The allow list names a port too: the allowed host on another port is refused.
    expect(await attempt(fetcher, feed(`http://127.0.0.1:${victimPort}/`))).toMatchObject({
      reason: 'refused_address',
    });
    expect(victimRequests).toBe(0);
  });

  it.each([
    ['file:///etc/passwd'],
    ['ftp://127.0.0.1/feed.xml'],
    ['javascript:alert(1)'],
    ['data:text/xml,<rss/>'],
    ['gopher://127.0.0.1:70/'],
    ['ws://127.0.0.1/'],
    ['/relative/feed.xml'],
    ['not a url'],
  ])('refuses %s with invalid_url', async (url) => {
    expect(await attempt(makeFetcher(), feed(url))).toMatchObject({ reason: 'invalid_url' });
  });

  it('refuses a URL holding credentials, including one that hides its host behind them', async () => {
    for (const url of [
      `http://user:secret@127.0.0.1:${sitePort}/feed`,
      `http://127.0.0.1:${sitePort}@localhost:${victimPort}/`,
    ]) {
      const outcome = await attempt(makeFetcher(), feed(url));
      expect(outcome).toMatchObject({ reason: 'invalid_url' });
      expect((outcome as { message: string }).message).not.toContain('secret');
    }
    expect(victimRequests).toBe(0);
  });

  describe('a name resolved at connect time (DNS rebinding)', () => {
    it('refuses a name that resolves to a private address, naming the name only', async () => {
      const fetcher = makeFetcher({ resolveHost: async () => ['127.0.0.1'] });
      const outcome = await attempt(
        fetcher,
        feed(`http://feeds.rebinding.test:${victimPort}/`),
        'rebinding → 127.0.0.1',
      );
      expect(outcome).toMatchObject({ reason: 'refused_address' });
      expect((outcome as { message: string }).message).toContain('feeds.rebinding.test');
      expect((outcome as { message: string }).message).not.toContain('127.0.0.1');
      expect(victimRequests).toBe(0);
    });

    it('refuses a name when any one of its addresses is private', async () => {
      const fetcher = makeFetcher({ resolveHost: async () => ['93.184.215.14', '::1'] });
      const outcome = await attempt(
        fetcher,
        feed(`http://mixed.rebinding.test:${victimPort}/`),
        'mixed → public + ::1',
      );
      expect(outcome).toMatchObject({ reason: 'refused_address' });
      expect(victimRequests).toBe(0);
    });

    it('checks the very answer it dials: one lookup per connection, so public-then-private gets nowhere', async () => {
      let lookups = 0;
      const fetcher = makeFetcher({
        connectTimeoutMs: 500,
        // A public address first (nothing outside is reachable here), then loopback to every later lookup.
        resolveHost: async () => (++lookups === 1 ? ['93.184.215.14'] : ['127.0.0.1']),
      });
      const url = `http://flip.rebinding.test:${victimPort}/`;
      const first = await attempt(fetcher, feed(url), 'rebinding, 1st lookup public');
      // A check made apart from the connection would have looked up twice and dialled what the second lookup said.
      expect(lookups).toBe(1);
      expect(first).not.toMatchObject({ status: 200 });
      const second = await attempt(fetcher, feed(url), 'rebinding, 2nd lookup loopback');
      expect(second).toMatchObject({ reason: 'refused_address' });
      expect(victimRequests).toBe(0);
    });
  });
});

describe('redirects', () => {
  it('follows 4 redirects, each hop checked, and reports where the document came from', async () => {
    const outcome = await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/redirect/4`));
    expect(outcome).toMatchObject({ status: 200, url: `http://127.0.0.1:${sitePort}/redirect/0` });
  });

  it('asks before each hop a redirect leads to, and gives each hop’s hold back before the next is asked for', async () => {
    const events: string[] = [];
    const outcome = await attempt(
      makeFetcher(),
      feed(`http://127.0.0.1:${sitePort}/redirect/3`, {
        beforeRedirectHop: async (url) => {
          const hop = new URL(url).pathname;
          events.push(`pass ${hop}`);
          return { release: async () => void events.push(`release ${hop}`) };
        },
      }),
    );
    expect(outcome).toMatchObject({ status: 200 });
    expect(events).toEqual([
      'pass /redirect/2',
      'release /redirect/2',
      'pass /redirect/1',
      'release /redirect/1',
      'pass /redirect/0',
      'release /redirect/0',
    ]);
  });

  it('makes no hop it is refused, with host_busy', async () => {
    const outcome = await attempt(
      makeFetcher(),
      feed(`http://127.0.0.1:${sitePort}/redirect/2`, { beforeRedirectHop: async () => 'busy' }),
    );
    expect(outcome).toMatchObject({ reason: 'host_busy' });
    expect((outcome as { message: string }).message).toMatch(/busy with other requests of Mujaz/u);
  });

  it('refuses a 5th with too_many_redirects', async () => {
    expect(await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/redirect/5`))).toMatchObject({
      reason: 'too_many_redirects',
    });
  });

  it.each([
    ['a port not on the allow list', () => `http://127.0.0.1:${victimPort}/`],
    ['another spelling of loopback', () => `http://[::ffff:7f00:1]:${victimPort}/`],
    ['localhost', () => `http://localhost:${victimPort}/`],
    ['the metadata service', () => 'http://169.254.169.254/latest/meta-data/'],
  ])('refuses a redirect from the allowed server to %s', async (_, target) => {
    const url = `http://127.0.0.1:${sitePort}/redirect-to?to=${encodeURIComponent(target())}`;
    const outcome = await attempt(makeFetcher(), feed(url), `redirect to ${target()}`);
    expect(outcome).toMatchObject({ reason: 'refused_address' });
    expect((outcome as { message: string }).message).toMatch(/reached by a redirect/u);
    expect(victimRequests).toBe(0);
  });

  it.each([['file:///etc/passwd'], ['ftp://127.0.0.1/'], ['javascript:alert(1)']])(
    'refuses a redirect to %s with refused_redirect',
    async (target) => {
      const url = `http://127.0.0.1:${sitePort}/redirect-to?to=${encodeURIComponent(target)}`;
      expect(await attempt(makeFetcher(), feed(url), `redirect to ${target}`)).toMatchObject({
        reason: 'refused_redirect',
      });
    },
  );

  describe('from https (a local TLS server, its certificate trusted by this fetcher alone)', () => {
    const tlsFetcher = () =>
      makeFetcher({
        trustedCertificates: [readFileSync(join(__dirname, '..', 'fixtures', 'tls', 'loopback-cert.pem'), 'utf8')],
      });

    it('follows a redirect to https', async () => {
      expect(await attempt(tlsFetcher(), feed(`https://127.0.0.1:${tlsPort}/to-https`))).toMatchObject({
        status: 200,
        url: `https://127.0.0.1:${tlsPort}/feed`,
      });
    });

    it('refuses a redirect down to http with refused_redirect, before any request goes out in the clear', async () => {
      expect(await attempt(tlsFetcher(), feed(`https://127.0.0.1:${tlsPort}/to-http`))).toMatchObject({
        reason: 'refused_redirect',
      });
      expect(downgradeLandings).toBe(0);
    });

    it('refuses a server whose certificate it does not trust, as unreachable', async () => {
      const outcome = await attempt(makeFetcher(), feed(`https://127.0.0.1:${tlsPort}/feed`), 'untrusted certificate');
      expect(outcome).toMatchObject({ reason: 'unreachable' });
      expect((outcome as { message: string }).message).toMatch(/certificate/u);
    });
  });
});

describe('time', () => {
  it('gives up on a host that never accepts the connection at the connect timeout, naming no address', async () => {
    // A listener whose accept queue is full: the kernel drops every further SYN, so connect() hangs.
    const unconnectable = await UnconnectableEndpoint.start();
    try {
      const { port } = new URL(unconnectable.endpoint);
      // By name, so that the words can be seen to carry no address the name resolved to.
      const fetcher = makeFetcher({ allow: [`localhost:${port}`], connectTimeoutMs: 800, requestTimeoutMs: 10_000 });
      const started = performance.now();
      const outcome = await attempt(fetcher, feed(`http://localhost:${port}/feed`), 'a connect that hangs');
      const elapsed = Math.round(performance.now() - started);
      console.log(`connect that hangs given up after ${elapsed} ms (connect limit 800, whole request 10,000)`);
      // The connect limit's own words: the whole request's 10 s would have said "did not send the whole document".
      // No bound on the time itself (tests assert no timings; undici may split the limit between a name's addresses).
      expect(outcome).toEqual({
        reason: 'timeout',
        message: `localhost:${port} did not accept a connection within 0.8 s.`,
      });
    } finally {
      unconnectable.stop();
    }
  });

  it('cuts off a server that drips its body at the whole-request deadline', async () => {
    const started = performance.now();
    const outcome = await attempt(makeFetcher({ requestTimeoutMs: 1_000 }), feed(`http://127.0.0.1:${sitePort}/drip`));
    console.log(`drip (a byte every 100 ms) cut off after ${Math.round(performance.now() - started)} ms (limit 1,000)`);
    expect(outcome).toMatchObject({ reason: 'timeout' });
  });

  it('times out a server that never sends its headers', async () => {
    const started = performance.now();
    const outcome = await attempt(
      makeFetcher({ requestTimeoutMs: 1_000 }),
      feed(`http://127.0.0.1:${sitePort}/silent`),
    );
    console.log(`silent server given up after ${Math.round(performance.now() - started)} ms (limit 1,000)`);
    expect(outcome).toMatchObject({ reason: 'timeout' });
  });

  it('counts redirects into the same deadline', async () => {
    const url = `http://127.0.0.1:${sitePort}/redirect-to?to=${encodeURIComponent('/silent')}`;
    expect(await attempt(makeFetcher({ requestTimeoutMs: 800 }), feed(url), 'redirect to /silent')).toMatchObject({
      reason: 'timeout',
    });
  });
});

describe('size, counted after decompression', () => {
  const memory = () => process.memoryUsage();

  it('aborts a gzip bomb (128 MB of zeros in 128 KB) at the 5 MB cap, memory flat', async () => {
    const before = memory();
    const started = performance.now();
    const outcome = await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/gzip-bomb`));
    const after = memory();
    console.log(
      `gzip bomb (${bomb.length} bytes on the wire) aborted after ${Math.round(performance.now() - started)} ms; ` +
        `rss ${Math.round(before.rss / MB)} → ${Math.round(after.rss / MB)} MB, ` +
        `heap ${Math.round(before.heapUsed / MB)} → ${Math.round(after.heapUsed / MB)} MB`,
    );
    expect(outcome).toMatchObject({ reason: 'too_large' });
    expect((outcome as { message: string }).message).toMatch(/larger than 5 MB/u);
  });

  it('aborts an endless brotli stream of zeros at the cap', async () => {
    const started = performance.now();
    const outcome = await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/br-bomb`));
    console.log(`brotli bomb aborted after ${Math.round(performance.now() - started)} ms`);
    expect(outcome).toMatchObject({ reason: 'too_large' });
  });

  it('refuses a plain 6 MB body sent without a length with too_large, counting as it comes', async () => {
    const started = performance.now();
    const outcome = await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/chunked/${6 * MB}`));
    console.log(
      `plain 6 MB body (chunked) refused at the 5 MB cap after ${Math.round(performance.now() - started)} ms`,
    );
    expect(outcome).toMatchObject({ reason: 'too_large' });
  });

  it('refuses a plain 6 MB body that declares its Content-Length', async () => {
    const started = performance.now();
    const outcome = await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/plain/${6 * MB}`));
    console.log(`plain 6 MB body (Content-Length) refused after ${Math.round(performance.now() - started)} ms`);
    expect(outcome).toMatchObject({ reason: 'too_large' });
  });

  it.each([['plain'], ['chunked']])('takes a %s body of exactly the cap, and refuses one byte more', async (kind) => {
    const fetcher = makeFetcher({ maxBodyBytes: 100_000 });
    expect(await attempt(fetcher, feed(`http://127.0.0.1:${sitePort}/${kind}/100000`))).toMatchObject({
      status: 200,
    });
    expect(await attempt(fetcher, feed(`http://127.0.0.1:${sitePort}/${kind}/100001`))).toMatchObject({
      reason: 'too_large',
    });
  });

  it.each([['gzip'], ['deflate'], ['br']])(
    'decodes a %s body to the same text and the same hash as the plain one',
    async (coding) => {
      const fetcher = makeFetcher();
      const plain = await fetcher.get(feed(`http://127.0.0.1:${sitePort}/feed`));
      const compressed = await fetcher.get(feed(`http://127.0.0.1:${sitePort}/compressed?coding=${coding}`));
      expect(compressed).toMatchObject({ status: 200, text: FEED });
      expect(compressed.status === 200 && plain.status === 200 && compressed.bodySha256).toBe(
        createHash('sha256').update(FEED).digest('hex'),
      );
    },
  );

  it('gives up on a Content-Encoding it does not decode, as unreachable', async () => {
    const outcome = await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/unknown-coding`));
    expect(outcome).toMatchObject({ reason: 'unreachable' });
    expect((outcome as { message: string }).message).toMatch(/compressed/u);
  });
});

describe('caching and headers', () => {
  it('answers 200 with the document, its media type, its hash and its caching headers', async () => {
    const response = await makeFetcher().get(feed(`http://127.0.0.1:${sitePort}/feed`));
    expect(response).toEqual({
      status: 200,
      url: `http://127.0.0.1:${sitePort}/feed`,
      text: FEED,
      bodySha256: createHash('sha256').update(FEED).digest('hex'),
      mediaType: 'application/rss+xml',
      headers: {
        etag: ETAG,
        lastModified: LAST_MODIFIED,
        cacheControl: 'max-age=600',
        date: expect.any(String),
      },
    });
  });

  it('sends the validators it is given, and answers the 304 as such', async () => {
    seen.length = 0;
    const response = await makeFetcher().get(
      feed(`http://127.0.0.1:${sitePort}/feed`, { etag: ETAG, lastModified: LAST_MODIFIED }),
    );
    expect(response).toEqual({
      status: 304,
      url: `http://127.0.0.1:${sitePort}/feed`,
      headers: expect.objectContaining({ etag: ETAG, lastModified: LAST_MODIFIED }),
    });
    expect(seen[0]).toMatchObject({ 'if-none-match': ETAG, 'if-modified-since': LAST_MODIFIED });
  });

  it('asks unconditionally without validators, with the User-Agent it was given and Accept for what it expects', async () => {
    seen.length = 0;
    const fetcher = makeFetcher();
    await fetcher.get(feed(`http://127.0.0.1:${sitePort}/feed`));
    await fetcher.get({ url: `http://127.0.0.1:${sitePort}/feed`, expect: 'page' });
    expect(seen[0]).not.toHaveProperty('if-none-match');
    expect(seen[0]).not.toHaveProperty('if-modified-since');
    expect(seen[0]).toMatchObject({ 'user-agent': USER_AGENT, 'accept-encoding': 'gzip, deflate, br' });
    expect(seen[0]!.accept).toMatch(/^application\/rss\+xml, application\/atom\+xml/u);
    expect(seen[1]!.accept).toMatch(/^text\/html/u);
  });
});

describe('statuses', () => {
  it.each([
    [429, '120'],
    [503, LAST_MODIFIED],
  ])('turns %i into http_status with its Retry-After as sent', async (status, retryAfter) => {
    const failure = await makeFetcher()
      .get(feed(`http://127.0.0.1:${sitePort}/status/${status}`))
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WebFetchError);
    expect(failure).toMatchObject({ reason: 'http_status', status, retryAfter });
    await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/status/${status}`));
  });

  it.each([
    [410, /gone for good/u],
    [404, /nothing at this address/u],
    [403, /does not let Mujaz read/u],
    [500, /failed to answer/u],
    [204, /instead of a document/u],
  ])('turns %i into http_status in words an editor reads', async (status, words) => {
    const outcome = await attempt(makeFetcher(), feed(`http://127.0.0.1:${sitePort}/status/${status}`));
    expect(outcome).toMatchObject({ reason: 'http_status', status });
    expect((outcome as { message: string }).message).toMatch(words);
  });

  it('says unreachable when nothing listens', async () => {
    const closed = createServer();
    const port = await listen(closed, '127.0.0.1');
    await close(closed);
    const outcome = await attempt(makeFetcher({ allow: [`127.0.0.1:${port}`] }), feed(`http://127.0.0.1:${port}/`));
    expect(outcome).toMatchObject({ reason: 'unreachable' });
    expect((outcome as { message: string }).message).toMatch(/refused the connection/u);
  });
});

describe('documents in Arabic legacy encodings, decoded by the rules of their format', () => {
  it.each(ENCODING_FIXTURES.map((fixture) => [fixture.file, fixture.contentType, fixture] as const))(
    '%s served as %s decodes to the exact Arabic text, with no U+FFFD',
    async (file, _contentType, fixture) => {
      const response = await makeFetcher().get({
        url: `http://127.0.0.1:${sitePort}/encodings/${file}`,
        expect: file.endsWith('.html') ? 'page' : 'feed',
      });
      expect(response.status === 200 && response.text).toBe(fixture.source.replace(/^\uFEFF/u, ''));
      expect(response.status === 200 && response.text.includes('\uFFFD')).toBe(false);
    },
  );
});
