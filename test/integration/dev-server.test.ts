// `npm run dev` as a developer runs it, and as a hostile client meets it: every request of a corpus of bad ones
// answered (a 3 MB body's 413 read by fetch), a client leaving midway logged nowhere, every service listening on
// the loopback interface alone, and Ctrl-C stopping it all with no error in its log.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../lambdas/local/local-stack';
import { linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { localServices } from '../support/local-services';

const ROOT = join(__dirname, '..', '..');
const ADMIN_TOKEN = 'dev-server-admin-token-0123456789';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

let dev: ChildProcess;
let output = '';
let exited: Promise<number | null>;
let api: string;
let sesEndpoint: string;

beforeAll(async () => {
  const [apiPort, sesPort] = [await freePort(), await freePort()];
  api = `http://127.0.0.1:${apiPort}`;
  sesEndpoint = `http://127.0.0.1:${sesPort}`;
  // A process group of its own, as a terminal makes of a command it runs: Ctrl-C is a SIGINT to the whole group.
  dev = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'lambdas', 'local', 'dev.ts')], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      PORT: String(apiPort),
      MUJAZ_SES_PORT: String(sesPort),
      // The test run's DynamoDB Local, rather than one keeping its data in the developer's .mujaz/dynamodb.
      MUJAZ_DYNAMODB_ENDPOINT: localServices().dynamoEndpoint,
      MUJAZ_TABLE_NAME: `dev-server-${randomUUID()}`,
      MUJAZ_ADMIN_TOKEN: ADMIN_TOKEN,
      MUJAZ_TOKEN_SECRET: 'dev-server-token-secret-0123456789-0123456789',
      // As a newcomer starts it: no operators chosen.
      MUJAZ_OPERATORS: '',
    },
  });
  dev.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  dev.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  exited = new Promise((resolve) => dev.once('exit', (code) => resolve(code)));
  for (const deadline = Date.now() + 90_000; !output.includes('Press Ctrl-C to stop.'); ) {
    if (Date.now() > deadline || dev.exitCode !== null) throw new Error(`npm run dev did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}, 120_000);

afterAll(async () => {
  if (dev.exitCode === null && dev.signalCode === null) {
    process.kill(-dev.pid!, 'SIGKILL');
    await exited;
  }
});

/** What the developer would read in the terminal: error lines, and stack traces of any kind. */
function troubleIn(log: string): string[] {
  return log.split('\n').filter((line) => /"level":"ERROR"|^\s+at |Error:/u.test(line));
}

/** Raw HTTP on one connection; the first status line that comes back, or undefined if none does within 5 s. */
function rawStatus(request: string | Buffer): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(api).port), '127.0.0.1');
    let text = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3}) /u.exec(text)?.[1];
      resolve(status === undefined ? undefined : Number(status));
    };
    const timer = setTimeout(done, 5_000);
    socket.on('data', (chunk) => {
      text += chunk.toString('latin1');
      if (/^HTTP\/1\.[01] \d{3} /u.test(text)) done();
    });
    socket.on('end', done);
    socket.on('error', done);
    socket.write(request);
  });
}

/**
 * A client on a slow uplink that reads its answer only once it has sent the whole request (as many HTTP clients do):
 * `size` bytes of body in `parts` writes, `gapMs` apart. The status of the answer, or undefined when none came.
 */
function statusAfterSlowUpload(head: string, size: number, parts: number, gapMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const socket = connect(Number(new URL(api).port), '127.0.0.1');
    socket.pause();
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    const finish = () => resolve(Number(/^HTTP\/1\.1 (\d{3}) /u.exec(text)?.[1]) || undefined);
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(head);
    const part = Math.ceil(size / parts);
    let written = 0;
    const next = () => {
      if (socket.destroyed) return;
      if (written >= size) {
        socket.resume();
        setTimeout(() => socket.destroy(), 1_000);
        return;
      }
      const length = Math.min(part, size - written);
      written += length;
      socket.write(Buffer.alloc(length, 0x61), () => setTimeout(next, gapMs));
    };
    next();
  });
}

interface Probe {
  name: string;
  /** Resolves with the status of the answer; rejects when no answer came. */
  send(): Promise<number>;
  /** When our app answers (not Node's HTTP parser), a 4xx must be JSON naming the problem. */
  ours?: boolean;
}

const at = (path: string) => `${api}${path}`;
function viaFetch(name: string, path: string, init: RequestInit = {}): Probe {
  return {
    name,
    ours: true,
    send: async () => {
      const response = await fetch(at(path), { redirect: 'manual', ...init });
      const text = await response.text();
      if (response.status >= 400 && response.status < 500 && init.method !== 'HEAD') {
        const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
        if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string')
          throw new Error(`${name}: a ${response.status} without a JSON error: ${text.slice(0, 200)}`);
      }
      return response.status;
    },
  };
}
function viaSocket(name: string, request: string | Buffer): Probe {
  return {
    name,
    send: async () => {
      const status = await rawStatus(request);
      if (status === undefined) throw new Error(`${name}: no answer`);
      return status;
    },
  };
}

const json = { 'content-type': 'application/json' };
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const bytes = (size: number, fill = 0x61) => new Uint8Array(size).fill(fill);
const slowly = (size: number, chunk: number, pauseMs: number) => {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent >= size) return controller.close();
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
      const next = Math.min(chunk, size - sent);
      sent += next;
      controller.enqueue(bytes(next));
    },
  });
};

function hostileCorpus(): Probe[] {
  const probes: Probe[] = [];
  const routes = [
    '/',
    '/health',
    '/archive',
    '/archive/x',
    '/editions/x',
    '/feed.xml',
    '/subscriptions',
    '/subscriptions/confirm',
    '/unsubscribe',
    '/resubscribe',
    '/reports',
    '/reports/batch',
    '/digests',
    '/digests/x',
    '/digests/x/retry',
    '/subscribers/import',
    '/subscribers.csv',
  ];
  for (const path of routes) {
    for (const method of ['PUT', 'DELETE', 'PATCH']) probes.push(viaFetch(`${method} ${path}`, path, { method }));
  }
  for (const path of ['/?lang=fr', '/archive/..%2f..%2fetc%2fpasswd', '/%zz', '/archive/%E0%A4%A', '/x'.repeat(2_000)])
    probes.push(viaFetch(`GET ${path.slice(0, 40)}`, path));
  probes.push(viaFetch('GET with 1,000 query parameters', `/?${'a=1&'.repeat(1_000)}`));
  probes.push(viaFetch('HEAD /', '/', { method: 'HEAD' }));
  probes.push(viaFetch('OPTIONS /subscriptions', '/subscriptions', { method: 'OPTIONS' }));

  const subscribe = (name: string, init: RequestInit) => viaFetch(name, '/subscriptions', { method: 'POST', ...init });
  const address = new TextEncoder().encode('{"email":"no-reply"}');
  probes.push(
    subscribe('subscribe, no media type', { body: address }),
    subscribe('subscribe, text/plain', { body: '{"email":"x"}' }),
    subscribe('subscribe, no-cors from another site', {
      body: address,
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors', origin: 'https://attacker.example' },
    }),
    subscribe('subscribe, form from another site', {
      body: 'email=x',
      headers: { ...form, origin: 'null' },
    }),
    subscribe('subscribe, broken JSON', { body: '{"email":', headers: json }),
    subscribe('subscribe, JSON array', { body: '[]', headers: json }),
    subscribe('subscribe, JSON number email', { body: '{"email":1}', headers: json }),
    subscribe('subscribe, JSON __proto__', { body: '{"__proto__":{"email":"x"}}', headers: json }),
    subscribe('subscribe, deep JSON', { body: `${'['.repeat(8_000)}${']'.repeat(8_000)}`, headers: json }),
    subscribe('subscribe, 10 kB email', { body: JSON.stringify({ email: `${'a'.repeat(10_000)}@x` }), headers: json }),
    subscribe('subscribe, invalid UTF-8', { body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), headers: json }),
    subscribe('subscribe, NUL bytes', { body: bytes(200, 0), headers: json }),
    subscribe('subscribe, multipart without boundary', {
      body: 'x',
      headers: { 'content-type': 'multipart/form-data' },
    }),
    subscribe('subscribe, form with a bad language', { body: 'email=a%40b.example&language=xx', headers: form }),
    subscribe('subscribe, 3 MB', { body: bytes(3 * 1_048_576), headers: json }),
    subscribe('subscribe, 5 MB sent slowly, chunked', {
      body: slowly(5 * 1_048_576, 262_144, 20),
      headers: json,
      duplex: 'half',
    } as RequestInit),
  );
  for (const token of ['', 'x', 'v1.abc.def', 'A'.repeat(5_000), '%F0%9F%92%A9', '..%2F..']) {
    for (const path of ['/subscriptions/confirm', '/unsubscribe', '/resubscribe']) {
      probes.push(viaFetch(`POST ${path}?token=${token.slice(0, 12)}`, `${path}?token=${token}`, { method: 'POST' }));
    }
    probes.push(viaFetch(`GET /unsubscribe?token=${token.slice(0, 12)}`, `/unsubscribe?token=${token}`));
  }
  probes.push(
    viaFetch('one-click with a forged token, 1 MB', '/unsubscribe?token=v1.a.b', {
      method: 'POST',
      body: `List-Unsubscribe=One-Click&pad=${'x'.repeat(1_048_576)}`,
      headers: form,
    }),
  );

  const adminPost = (name: string, path: string, init: RequestInit, headers: Record<string, string> = admin) =>
    viaFetch(name, path, { method: 'POST', ...init, headers: { ...headers, ...(init.headers as object) } });
  probes.push(
    adminPost('report, no token, 3 MB', '/reports', { body: bytes(3 * 1_048_576) }, {}),
    adminPost('report, wrong token', '/reports', { body: 'x' }, { authorization: 'Bearer nope' }),
    adminPost('report, huge token', '/reports', { body: 'x' }, { authorization: `Bearer ${'t'.repeat(7_000)}` }),
    adminPost('report, no media type', '/reports', { body: address }),
    adminPost('report, binary text', '/reports', { body: bytes(2_000, 0), headers: { 'content-type': 'text/plain' } }),
    adminPost('report, 3 MB page', '/reports', {
      body: bytes(3 * 1_048_576),
      headers: { 'content-type': 'text/html' },
    }),
    adminPost('report, markup only', '/reports', {
      body: '<html><body><div><div><div></div></div></div></body></html>',
      headers: { 'content-type': 'text/html' },
    }),
    adminPost('batch of 101', '/reports/batch', {
      body: JSON.stringify(Array.from({ length: 101 }, () => ({}))),
      headers: json,
    }),
    adminPost('batch not an array', '/reports/batch', { body: '{}', headers: json }),
    adminPost('digest, bad mode', '/digests', { body: '{"mode":"boom"}', headers: json }),
    adminPost('digest, bad period', '/digests', { body: '{"mode":"preview","from":"yesterday"}', headers: json }),
    adminPost('retry of nothing', '/digests/none/retry', { body: '{"include":["failed"]}', headers: json }),
    adminPost('import, not CSV', '/subscribers/import', { body: 'x', headers: json }),
    adminPost('import, bad header', '/subscribers/import', {
      body: 'address\nx',
      headers: { 'content-type': 'text/csv' },
    }),
    adminPost('import, unclosed quote', '/subscribers/import', {
      body: 'email\n"x',
      headers: { 'content-type': 'text/csv' },
    }),
    adminPost('import, 6 MB', '/subscribers/import', {
      body: bytes(6 * 1_048_576),
      headers: { 'content-type': 'text/csv' },
    }),
  );
  probes.push(viaFetch('export, bad status', '/subscribers.csv?status=gone', { headers: admin }));
  probes.push(viaFetch('progress of nothing', '/digests/none', { headers: admin }));

  const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n\r\n`;
  probes.push(
    viaSocket('TRACE', crlf('TRACE / HTTP/1.1', 'Host: x')),
    viaSocket('HTTP/1.0', crlf('GET /health HTTP/1.0')),
    viaSocket('absolute-form target', crlf('GET http://elsewhere.example/health HTTP/1.1', 'Host: x')),
    viaSocket('bad Content-Length', crlf('POST /subscriptions HTTP/1.1', 'Host: x', 'Content-Length: -1')),
    viaSocket(
      'Content-Length and chunked',
      crlf('POST /subscriptions HTTP/1.1', 'Host: x', 'Content-Length: 3', 'Transfer-Encoding: chunked'),
    ),
    viaSocket('a 20 kB header', crlf('GET / HTTP/1.1', 'Host: x', `X-Pad: ${'p'.repeat(20_000)}`)),
    viaSocket('bare LF', 'GET /health HTTP/1.1\nHost: x\n\n'),
    viaSocket('garbage', Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03])),
    viaSocket(
      'a body declared 20 MB',
      `${crlf('POST /subscriptions HTTP/1.1', 'Host: x', 'Content-Type: application/json', 'Content-Length: 20971520')}${'x'.repeat(65_536)}`,
    ),
  );
  return probes;
}

it('prints the console and its default operator, whose sign-in link arrives in the local inbox and signs in', async () => {
  const operator = 'editor@example.com';
  expect(output).toContain(`Console:      ${api}/console/sign-in — sign in as ${operator} (set MUJAZ_OPERATORS`);
  const asked = await fetch(at('/console/sign-in'), {
    method: 'POST',
    headers: { origin: api, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: operator }),
  });
  expect(asked.status).toBe(200);
  const [email] = await untilEmailsTo(sesEndpoint, operator);
  const link = new URL(linkIn(email!, '/console/sign-in/confirm')!);
  const confirmed = await fetch(at(`${link.pathname}${link.search}`), {
    method: 'POST',
    headers: { origin: api },
    redirect: 'manual',
  });
  expect([confirmed.status, confirmed.headers.get('location')]).toEqual([303, '/console']);
  const cookie = confirmed.headers.get('set-cookie')!.split(';')[0]!;
  const overview = await fetch(at('/console'), { headers: { cookie }, redirect: 'manual' });
  expect(overview.status).toBe(200);
}, 60_000);

it('answers every request of a hostile corpus, never with a 5xx, and logs no error for any', async () => {
  const corpus = hostileCorpus();
  expect(corpus.length).toBeGreaterThanOrEqual(100);
  const before = output.length;
  const answers: Array<{ name: string; status: number | string }> = [];
  // A few at a time, as a scanner sends them.
  const queue = [...corpus];
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      for (let probe = queue.shift(); probe; probe = queue.shift()) {
        const status = await probe.send().catch((error: unknown) => `no answer: ${String(error)}`);
        answers.push({ name: probe.name, status });
      }
    }),
  );
  expect(answers.filter(({ status }) => typeof status !== 'number')).toEqual([]);
  expect(answers.filter(({ status }) => (status as number) >= 500)).toEqual([]);
  expect(answers).toHaveLength(corpus.length);
  expect(troubleIn(output.slice(before))).toEqual([]);
}, 120_000);

it('answers a 3 MB body with a 413 that fetch reads, JSON naming the limit', async () => {
  for (const init of [
    { method: 'POST', headers: json, body: bytes(3 * 1_048_576) },
    { method: 'POST', headers: json, body: slowly(3 * 1_048_576, 65_536, 5), duplex: 'half' },
  ] as RequestInit[]) {
    const response = await fetch(at('/subscriptions'), init);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: { code: 'payload_too_large', message: 'The body is larger than 16384 bytes.' },
    });
  }
}, 60_000);

it('answers a client that reads only after sending, on a slow uplink, a body over the limit or before the body', async () => {
  const size = 1_048_576;
  const post = (path: string, headers: string[]) =>
    `${[`POST ${path} HTTP/1.1`, 'Host: x', ...headers, `Content-Length: ${size}`].join('\r\n')}\r\n\r\n`;
  expect(await statusAfterSlowUpload(post('/subscriptions', ['Content-Type: application/json']), size, 8, 150)).toBe(
    413,
  );
  expect(await statusAfterSlowUpload(post('/reports', ['Content-Type: text/plain']), size, 8, 150)).toBe(401);
}, 30_000);

it('logs nothing when a client leaves in the middle of its body', async () => {
  const before = output.length;
  await new Promise<void>((resolve) => {
    const socket = connect(Number(new URL(api).port), '127.0.0.1', () => {
      socket.write(
        'POST /subscriptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"em',
      );
      setTimeout(() => socket.destroy(), 200);
    });
    socket.on('close', () => resolve());
  });
  // The answer to what is left is a health check on a fresh connection, after the server is done with the other.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect((await fetch(at('/health'))).status).toBe(200);
  expect(troubleIn(output.slice(before))).toEqual([]);
});

it('listens on the loopback interface alone: the API, DynamoDB Local, the SES and the SQS endpoints', async () => {
  // Every address of this machine but loopback's own, and on Linux 127.0.0.2, which a socket bound to every
  // interface answers too: none may reach a local service.
  const elsewhere = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')
    .map((entry) => entry!.address);
  if (process.platform === 'linux') elsewhere.push('127.0.0.2');
  expect(elsewhere.length).toBeGreaterThan(0);
  const { dynamoEndpoint, sesEndpoint: stackSes, sqsEndpoint } = localServices();
  const ports = [api, sesEndpoint, dynamoEndpoint, stackSes, sqsEndpoint].map((url) => Number(new URL(url).port));
  const reaches = (host: string, port: number) =>
    new Promise<boolean>((resolve) => {
      const socket = connect(port, host);
      socket.setTimeout(2_000, () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
  for (const port of ports) {
    expect({ port, host: '127.0.0.1', reached: await reaches('127.0.0.1', port) }).toEqual({
      port,
      host: '127.0.0.1',
      reached: true,
    });
    for (const host of elsewhere) {
      expect({ port, host, reached: await reaches(host, port) }).toEqual({ port, host, reached: false });
    }
  }
});

it('stops on Ctrl-C — its pollers first, then its services — with no error in its log', async () => {
  const before = output.length;
  // A request still arriving when Ctrl-C comes: the server waits for it, and the pollers keep polling meanwhile.
  const body = JSON.stringify({ email: 'not-an-address' });
  const slow = new Promise<number | undefined>((resolve) => {
    const socket = connect(Number(new URL(api).port), '127.0.0.1');
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/u.exec(text)?.[1]) || undefined));
    socket.write(
      `POST /subscriptions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
    );
    setTimeout(() => socket.write(body.slice(5)), 2_500);
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  process.kill(-dev.pid!, 'SIGINT');
  expect(await slow).toBe(400);
  expect(await exited).toBe(0);
  const log = output.slice(before);
  expect(log).toContain('Stopping…');
  expect(troubleIn(log)).toEqual([]);
}, 60_000);
