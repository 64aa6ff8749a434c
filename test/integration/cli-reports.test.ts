// `mujaz report hold|include|edit` against the app in process (its fetch is app.request) over the local stack: what
// the operator types, the PATCH the API receives, what the operator reads back, and what the next edition then
// carries to a reader's inbox.
import type { Hono } from 'hono';
import { type CliEnvironment, runCli } from '../../cli/mujaz';
import { emailsTo, linkIn } from '../../lambdas/local/ses-inbox';
import { apiAppOver, createTestMujaz, localServices, type TestMujaz, uniqueAddress } from '../support/local-services';

const ADMIN_TOKEN = 'cli-reports-admin-token';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const json = { 'content-type': 'application/json' };
const { sesEndpoint } = localServices();
const FERRY = {
  title: 'Ferry timetable changes for the winter',
  text: 'The ferry will run every two hours from November. The last crossing leaves at nine. Tickets bought earlier stay valid.',
};
const TRAMS = {
  title: 'Tram line extended to the airport',
  text: 'The tram line reaches the airport from June. A trip takes twenty minutes. Fares stay the same for now.',
};

let test: TestMujaz;
let app: Hono;
let out: string[];
let err: string[];
let io: CliEnvironment;
/** Every request the CLI made, as `METHOD path body`. */
let calls: string[];
let ferry: { id: string; summary: string[] };
let trams: { id: string; summary: string[] };
const reader = uniqueAddress('cli-reports-reader');

beforeAll(async () => {
  test = await createTestMujaz('cli-reports');
  app = apiAppOver(test, ADMIN_TOKEN);
  await test.mujaz.subscribe(reader, { via: 'api' });
  const [confirmation] = await emailsTo(sesEndpoint, reader);
  const link = new URL(linkIn(confirmation!, '/subscriptions/confirm')!);
  expect((await app.request(`${link.pathname}${link.search}`, { method: 'POST' })).status).toBe(200);
  const store = async (report: object) =>
    (
      (await (
        await app.request('/reports', { method: 'POST', headers: { ...admin, ...json }, body: JSON.stringify(report) })
      ).json()) as { report: { id: string; summary: string[] } }
    ).report;
  ferry = await store(FERRY);
  trams = await store(TRAMS);
}, 60_000);
afterAll(async () => test.close());

beforeEach(() => {
  out = [];
  err = [];
  calls = [];
  io = {
    fetch: async (url, init) => {
      calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname} ${init?.body ?? ''}`.trim());
      return app.request(url, init);
    },
    readFile: async () => Buffer.alloc(0),
    writeFile: async () => undefined,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    env: { MUJAZ_ADMIN_TOKEN: ADMIN_TOKEN },
    progressBar: () => ({ update: () => undefined, stop: () => undefined }),
    sleep: async () => undefined,
  };
});

const mujaz = (...argv: string[]) => runCli(argv, io);

/** What the next edition would carry, as the API previews it. */
async function preview(): Promise<{ reports: number; html: string }> {
  const response = await app.request('/digests', {
    method: 'POST',
    headers: { ...admin, ...json },
    body: JSON.stringify({ mode: 'preview' }),
  });
  return (await response.json()) as { reports: number; html: string };
}

describe('mujaz report hold and include', () => {
  it('holds a report out of the next edition, and says so', async () => {
    expect(await mujaz('report', 'hold', trams.id)).toBe(0);
    expect(calls).toEqual([`PATCH /reports/${trams.id} {"hold":true}`]);
    expect(out).toEqual([
      `report ${trams.id} held (\`mujaz report include\` releases it), priority 0, the machine's summary: ${TRAMS.title}`,
    ]);
    const next = await preview();
    expect(next.reports).toBe(1);
    expect(next.html).not.toContain(TRAMS.title);
  });

  it('includes it again', async () => {
    expect(await mujaz('report', 'include', trams.id)).toBe(0);
    expect(calls).toEqual([`PATCH /reports/${trams.id} {"hold":false}`]);
    expect(out).toEqual([
      `report ${trams.id} goes into the next edition, priority 0, the machine's summary: ${TRAMS.title}`,
    ]);
    expect((await preview()).reports).toBe(2);
  });

  it('prints what the API refuses, and exits 1: an unknown report', async () => {
    expect(await mujaz('report', 'hold', '0123456789abcdef01234567')).toBe(1);
    expect(err).toEqual(['mujaz: not_found: No report has this id.']);
    expect(out).toEqual([]);
  });
});

describe('mujaz report edit', () => {
  it('replaces the summary, moves the report up, and restores the machine summary', async () => {
    expect(await mujaz('report', 'edit', ferry.id, '--summary', 'Fewer crossings <this> winter.')).toBe(0);
    expect(calls).toEqual([`PATCH /reports/${ferry.id} {"summary":"Fewer crossings <this> winter."}`]);
    expect(out).toEqual([
      `report ${ferry.id} goes into the next edition, priority 0, the editor's summary: ${FERRY.title}`,
    ]);
    expect((await preview()).html).toContain('Fewer crossings &lt;this&gt; winter.');

    out.length = 0;
    expect(await mujaz('report', 'edit', trams.id, '--priority', '-3')).toBe(0);
    expect(out).toEqual([
      `report ${trams.id} goes into the next edition, priority -3, the machine's summary: ${TRAMS.title}`,
    ]);

    out.length = 0;
    calls.length = 0;
    expect(await mujaz('report', 'edit', ferry.id, '--restore', '--priority', '2')).toBe(0);
    expect(calls).toEqual([`PATCH /reports/${ferry.id} {"summary":null,"priority":2}`]);
    expect(out).toEqual([
      `report ${ferry.id} goes into the next edition, priority 2, the machine's summary: ${FERRY.title}`,
    ]);
    const html = (await preview()).html;
    expect(html).not.toContain('Fewer crossings');
  });

  it('refuses, before calling the API, an edit that names nothing, a summary with --restore, and no number', async () => {
    expect(await mujaz('report', 'edit', ferry.id)).toBe(1);
    expect(err).toEqual(['mujaz: say what to change: --summary <text>, --restore or --priority <n>']);
    err.length = 0;
    expect(await mujaz('report', 'edit', ferry.id, '--summary', 'New.', '--restore')).toBe(2);
    expect(err).toEqual([expect.stringContaining("option '--restore' cannot be used with option '--summary <text>'")]);
    err.length = 0;
    expect(await mujaz('report', 'edit', ferry.id, '--priority', 'high')).toBe(2);
    expect(err).toEqual([expect.stringContaining('It must be a whole number.')]);
    expect(calls).toEqual([]);
  });

  it('prints the problem the API names, and exits 1: a priority out of range, an empty summary', async () => {
    expect(await mujaz('report', 'edit', ferry.id, '--priority', '11')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^mujaz: invalid_input: The request is not valid: priority: /u)]);
    err.length = 0;
    expect(await mujaz('report', 'edit', ferry.id, '--summary', ' ')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^mujaz: invalid_input: .*summary: must hold some text/u)]);
  });

  it('edits what the next edition sends; once sent, a report refuses edits, naming its edition', async () => {
    expect(await mujaz('report', 'edit', trams.id, '--summary', 'Airport by tram from June.')).toBe(0);
    const sent = await app.request('/digests', {
      method: 'POST',
      headers: { ...admin, ...json },
      body: JSON.stringify({ mode: 'send' }),
    });
    const { id } = (await sent.json()) as { id: string };
    expect(await test.untilDone(id, 120_000)).toMatchObject({ state: 'done', reports: 2, counts: { sent: 1 } });
    const [digest] = (await emailsTo(sesEndpoint, reader)).filter((email) => email.body.html?.includes('/unsubscribe'));
    expect(digest!.body.html).toContain('Airport by tram from June.');
    expect(digest!.body.text).toContain('Airport by tram from June.');
    // Priority 2 before −3.
    expect(digest!.body.html!.lastIndexOf(FERRY.title)).toBeLessThan(digest!.body.html!.lastIndexOf(TRAMS.title));

    err.length = 0;
    expect(await mujaz('report', 'hold', trams.id)).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(/^mujaz: in_edition: The report is in edition 1 already.* \(edition 1\)$/u),
    ]);
  }, 150_000);
});
