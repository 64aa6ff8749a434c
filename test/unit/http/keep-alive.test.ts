// The app behind @hono/node-server, as `npm run dev` serves it: after a 413 for an oversized body on a keep-alive
// connection, the client is told to close it and it is closed — the next request is never left without an answer.
import { connect } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
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
 * Writes raw HTTP on one connection and collects what comes back until the server closes it, `enough` says so, or
 * 3 s pass.
 */
function exchange(
  raw: string,
  enough: (text: string) => boolean = () => false,
): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, closed });
    };
    const timer = setTimeout(() => done(false), 3_000);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (enough(text)) done(false);
    });
    socket.on('end', () => done(true));
    socket.on('error', () => done(true));
    socket.write(raw);
  });
}

it('answers 413 with Connection: close and closes, instead of leaving the next request hanging', async () => {
  const body = JSON.stringify({ email: 'reader@example.com', pad: 'x'.repeat(40_000) });
  const oversized = [
    'POST /subscriptions HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    'Connection: keep-alive',
    '',
    body.slice(0, 1_000),
  ].join('\r\n');
  const { text, closed } = await exchange(oversized);
  expect(text).toMatch(/^HTTP\/1\.1 413 /u);
  expect(text).toMatch(/\r\nconnection: close\r\n/iu);
  expect(closed).toBe(true);
});

it('keeps the connection for the next request after an ordinary answer', async () => {
  const request = 'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n';
  const { text, closed } = await exchange(
    request + request,
    (sofar) => (sofar.match(/"status":"ok"/gu) ?? []).length === 2,
  );
  expect(closed).toBe(false);
  expect(text.match(/HTTP\/1\.1 200 /gu)).toHaveLength(2);
});
