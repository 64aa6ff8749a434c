// The app behind @hono/node-server, as `npm run dev` serves it: a body too large is read to its end before its 413,
// so its sender gets the answer and the next request on the connection gets its own; a body too large even to be
// read is answered at once and its connection closed. (A client that leaves midway: test/integration/dev-server.)
import { connect } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { MAX_DISCARDED_BYTES } from '../../../lambdas/http/request-body';
import { apiAppFor, createHttpHarness } from './http-harness';

let server: ServerType;
let port: number;

beforeAll(async () => {
  const app = apiAppFor(createHttpHarness());
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      port = info.port;
      resolve();
    });
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/**
 * Writes raw HTTP on one connection — the parts one after the other, `gapMs` apart, as a slow uplink sends them —
 * and collects what comes back until the server closes it, `enough` says so, or 3 s pass after the last part.
 */
function exchange(
  raw: string | readonly string[],
  enough: (text: string) => boolean = () => false,
  gapMs = 0,
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const parts = typeof raw === 'string' ? [raw] : raw;
    const timer = setTimeout(() => done(false), 3_000 + gapMs * parts.length);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (enough(text)) done(false);
    });
    socket.on('end', () => done(true));
    socket.on('error', () => done(true));
    parts.forEach((part, index) => {
      setTimeout(() => {
        if (!socket.destroyed) socket.write(part);
      }, index * gapMs);
    });
  });
}

const health = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';

it('reads a body over the limit to its end, answers 413 and answers the next request on the connection', async () => {
  const body = JSON.stringify({ email: 'reader@example.com', pad: 'x'.repeat(40_000) });
  const head = [
    'POST /subscriptions HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    'Connection: keep-alive',
    '',
    '',
  ].join('\r\n');
  const parts = [head + body.slice(0, 20_000), body.slice(20_000) + health];
  const { text, closed } = await exchange(parts, (sofar) => sofar.includes('"status":"ok"'), 800);
  expect(text).toMatch(/^HTTP\/1\.1 413 /u);
  expect(text).toContain('"code":"payload_too_large"');
  expect(text).not.toMatch(/\r\nconnection: close\r\n/iu);
  expect(text).toMatch(/HTTP\/1\.1 200 [\s\S]*"status":"ok"/u);
  expect(closed).toBe(false);
});

it('answers a body declared larger than it ever reads at once, with Connection: close, and closes', async () => {
  const declared = MAX_DISCARDED_BYTES + 1;
  const head = [
    'POST /subscriptions HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Content-Length: ${declared}`,
    'Connection: keep-alive',
    '',
    'x'.repeat(1_000),
  ].join('\r\n');
  const { text, closed } = await exchange(head);
  expect(text).toMatch(/^HTTP\/1\.1 413 /u);
  expect(text).toMatch(/\r\nconnection: close\r\n/iu);
  expect(closed).toBe(true);
});

it('reads the body of a request answered before it (401, 404, 405) from a slow client, then answers the next', async () => {
  const pad = 'x'.repeat(200_000);
  for (const [line, status] of [
    ['POST /reports HTTP/1.1', 401],
    ['POST /nowhere HTTP/1.1', 404],
    ['PUT /subscriptions HTTP/1.1', 405],
  ] as const) {
    const head = [line, 'Host: 127.0.0.1', 'Content-Type: text/plain', `Content-Length: ${pad.length}`, '', ''];
    // The second half comes after the half second @hono/node-server alone would wait for it.
    const parts = [head.join('\r\n') + pad.slice(0, 100_000), pad.slice(100_000) + health];
    const { text, closed } = await exchange(parts, (sofar) => sofar.includes('"status":"ok"'), 800);
    expect(text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `, 'u'));
    expect(text).toContain('"status":"ok"');
    expect(closed).toBe(false);
  }
});

it('keeps the connection for the next request after an ordinary answer', async () => {
  const { text, closed } = await exchange(
    health + health,
    (sofar) => (sofar.match(/"status":"ok"/gu) ?? []).length === 2,
  );
  expect(closed).toBe(false);
  expect(text.match(/HTTP\/1\.1 200 /gu)).toHaveLength(2);
});
