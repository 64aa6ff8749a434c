// POST /subscribers/import and GET /subscribers.csv: the list in and out as CSV, for operators only.
import type { Hono } from 'hono';
import { MAX_IMPORT_ROWS, MAX_LISTED_REJECTIONS } from '../../../lambdas/core/use-cases/import-subscribers';
import { admin, apiAppFor, createHttpHarness, errorOf, type HttpHarness, importThroughApi } from './http-harness';

let h: HttpHarness;
let app: Hono;

beforeEach(() => {
  h = createHttpHarness();
  app = apiAppFor(h);
});

const csv = { 'content-type': 'text/csv; charset=utf-8' };
const importList = (body: string, headers: Record<string, string> = { ...admin, ...csv }) =>
  app.request('/subscribers/import', { method: 'POST', headers, body });
/** The list uploaded, imported by the worker, and where the import stands then. */
const imported = (body: string) => importThroughApi(app, h, body);

describe('POST /subscribers/import', () => {
  it('imports a list, naming each rejected row by its line in the file', async () => {
    const body = [
      '\uFEFFemail,language,confirmed_at',
      'amal@example.com,ar,2025-03-01T10:00:00Z',
      '',
      '"badr@example.com",en,',
      'not-an-address,ar,2025-03-01T10:00:00Z',
      'carol@example.com,,2025-03-01T10:00:00Z',
    ].join('\r\n');
    expect(await imported(body)).toEqual({
      id: expect.any(String),
      state: 'done',
      rows: 4,
      imported: 3,
      skipped: 0,
      rejected: 1,
      firstRejections: [{ line: 5, reason: 'email is not a valid address' }],
    });
    expect((await h.subscribers.find('amal@example.com'))?.status).toBe('confirmed');
    await h.processSubscriptions();
    expect((await h.subscribers.find('badr@example.com'))?.status).toBe('pending');
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['badr@example.com']);
  });

  it('names each rejected row by the line it starts on, after quoted line breaks and blank lines too', async () => {
    const body = [
      '\uFEFFemail,language,confirmed_at', // 1
      '"قارئ@example.com",ar,', // 2: not ASCII (SES cannot send to it)
      '"first', // 3: a quoted line break, CR LF…
      'half@example.com",en,', // 4
      'd@example.com,e1,', // 5: no language code
      '', // 6
      '   ', // 7
      '"a\nb@example.com",,', // 8 and 9: …and a bare LF inside quotes
      'e@example.com,,soon', // 10
      'ok@example.com,,', // 11
      'f@example.com,,2999-01-01T00:00:00Z', // 12
    ].join('\r\n');
    const { firstRejections } = await imported(body);
    expect(firstRejections.map((row) => row.line)).toEqual([2, 3, 5, 8, 10, 12]);
  });

  it('answers a list of 100,000 bad rows in a small body: the first 1,000 rejections, and the count of all', async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS }, (_, index) => `not-an-address-${index},,`);
    const outcome = await imported(['email,language,confirmed_at', ...rows].join('\n'));
    // Listed in full, the answer was 5.5 MB; Lambda answers at most 6 MB, and DynamoDB keeps 400 KB an item.
    expect(Buffer.byteLength(JSON.stringify(outcome))).toBeLessThan(100_000);
    expect(outcome).toMatchObject({ state: 'done', rows: MAX_IMPORT_ROWS, imported: 0, rejected: MAX_IMPORT_ROWS });
    expect(outcome.firstRejections).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(outcome.firstRejections.at(-1)?.line).toBe(MAX_LISTED_REJECTIONS + 1);
  }, 60_000);

  it(`answers 202 for a list of more than ${MAX_IMPORT_ROWS} rows, then fails the import with the limit's words`, async () => {
    // Rows are counted by reading the whole list (a quoted cell may hold line breaks): the worker's job, not the
    // request's.
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, index) => `reader-${index}@example.com`);
    const outcome = await imported(['email', ...rows].join('\n'));
    expect(outcome).toMatchObject({
      state: 'failed',
      imported: 0,
      problem: `An import takes at most ${MAX_IMPORT_ROWS} rows; split the list.`,
    });
    expect(h.importJobs.chunks.size).toBe(0);
    expect(h.subscriptionQueue.waiting).toEqual([]);
  }, 60_000);

  it('answers 404 for an import nobody started, 400 for what is no import id, 401 without the admin token', async () => {
    expect(
      (await errorOf(await app.request('/subscribers/imports/AAAAAAAAAAAAAAAA', { headers: admin }), 404)).code,
    ).toBe('not_found');
    const bad = await errorOf(await app.request('/subscribers/imports/not-an-id', { headers: admin }), 400);
    expect(bad.problems).toEqual([{ field: 'id', message: 'not an import id' }]);
    expect((await errorOf(await app.request('/subscribers/imports/AAAAAAAAAAAAAAAA'), 401)).code).toBe('unauthorized');
  });

  it('takes the columns in any order, and a list of addresses alone', async () => {
    expect(await imported('confirmed_at,email\n2025-03-01T10:00:00Z,amal@example.com\n')).toMatchObject({
      imported: 1,
    });
    expect(await imported('email\nbadr@example.com\n')).toMatchObject({ imported: 1 });
  });

  it.each([
    ['no email column', 'address,language\na@example.com,ar\n', /must name the columns: email/u],
    ['an unknown column', 'email,name\na@example.com,Amal\n', /not "name"/u],
    ['a column twice', 'email,email\na@example.com,b@example.com\n', /must name the columns/u],
    ['no header line', 'a@example.com,ar\n', /must name the columns: email.*\(not an address, "ar"\)/u],
    ['an unclosed quote in the first line', '"email\na@example.com\n', /not valid CSV \(line \d\)/u],
  ])('answers 400 for %s at once, storing nothing', async (_name, body, message) => {
    const error = await errorOf(await importList(body), 400);
    expect(error.code).toBe('invalid_csv');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('a@example.com');
    expect(h.subscribers.all()).toEqual([]);
    expect(h.importFiles.files.size).toBe(0);
    expect(h.importJobs.jobs.size).toBe(0);
    expect(h.importQueue.waiting).toEqual([]);
  });

  it.each([
    ['an unclosed quote', 'email\nb@example.com\n"a@example.com\n', /^The file is not valid CSV \(line 3\)\.$/u],
    [
      'a row with more fields than the header',
      'email\nb@example.com\na@example.com,extra\n',
      /^The file is not valid CSV \(line 3\)\.$/u,
    ],
  ])(
    'answers 202 for a list with %s below its first line, then fails the import naming the line',
    async (_name, body, problem) => {
      const outcome = await imported(body);
      expect(outcome).toMatchObject({ state: 'failed', imported: 0, problem: expect.stringMatching(problem) });
      expect(JSON.stringify(outcome)).not.toContain('@example.com');
      expect(h.subscribers.all()).toEqual([]);
      expect(h.subscriptionQueue.waiting).toEqual([]);
    },
  );

  it('answers 415 for a list that is not text/csv, and 401 without the admin token', async () => {
    expect(
      (await errorOf(await importList('email\na@example.com\n', { ...admin, 'content-type': 'text/plain' }), 415)).code,
    ).toBe('unsupported_media_type');
    expect((await errorOf(await importList('email\na@example.com\n', csv), 401)).code).toBe('unauthorized');
    expect(h.subscribers.all()).toEqual([]);
  });
});

describe('GET /subscribers.csv', () => {
  it('exports the confirmed readers only, in the columns an import takes back', async () => {
    await imported('email,language,confirmed_at\namal@example.com,ar,2025-03-01T10:00:00Z\nbadr@example.com,,\n');
    await h.addSubscriber('carol@example.com', 'confirmed');
    await h.addSubscriber('gone@example.com', 'unsubscribed');
    const response = await app.request('/subscribers.csv', { headers: admin });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="subscribers.csv"');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'email,language,confirmed_at,status,subscribed_at,subscribed_via,confirmed_via,left_at,left_via,earlier_subscriptions',
    );
    const now = h.clock.now().toISOString();
    expect(lines.slice(1).sort()).toEqual([
      'amal@example.com,ar,2025-03-01T10:00:00.000Z,confirmed,2025-03-01T10:00:00.000Z,import,import,,,0',
      `carol@example.com,,${now},confirmed,${now},api,,,,0`,
    ]);
  });

  it('exports everyone with ?status=all: the consent record of readers who left or never confirmed too', async () => {
    await imported('email,language,confirmed_at\namal@example.com,ar,2025-03-01T10:00:00Z\nbadr@example.com,,\n');
    await h.processSubscriptions();
    await h.addSubscriber('gone@example.com', 'unsubscribed');
    const response = await app.request('/subscribers.csv?status=all', { headers: admin });
    expect(response.status).toBe(200);
    const now = h.clock.now().toISOString();
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines.slice(1).sort()).toEqual([
      'amal@example.com,ar,2025-03-01T10:00:00.000Z,confirmed,2025-03-01T10:00:00.000Z,import,import,,,0',
      `badr@example.com,,,pending,${now},import,,,,0`,
      `gone@example.com,,,unsubscribed,${now},api,,${now},link,0`,
    ]);
    // Taken back, such a list brings in the confirmed readers only: nobody who left comes back.
    const other = createHttpHarness();
    const takenBack = await importThroughApi(apiAppFor(other), other, lines.join('\r\n'));
    expect(takenBack).toMatchObject({ imported: 1, firstRejections: [{ line: 3 }, { line: 4 }] });
    expect(other.subscribers.all().map((reader) => reader.email)).toEqual(['amal@example.com']);
    expect((await errorOf(await app.request('/subscribers.csv?status=gone', { headers: admin }), 400)).code).toBe(
      'invalid_input',
    );
  });

  it('round-trips: what one instance exports, another imports as the same confirmed list', async () => {
    // A quoted field reads as its content; the addresses themselves never need quoting (no comma is allowed).
    const list = [
      'email,language,confirmed_at',
      'amal@example.com,ar,2025-03-01T10:00:00Z',
      `"o'brien+news@example.com",,2025-01-01T00:00:00Z`,
    ].join('\n');
    expect(await imported(list)).toMatchObject({ imported: 2 });
    const exported = await (await app.request('/subscribers.csv', { headers: admin })).text();
    expect(exported).toContain(`\no'brien+news@example.com,,2025-01-01T00:00:00.000Z`);
    const other = createHttpHarness();
    expect(await importThroughApi(apiAppFor(other), other, exported)).toMatchObject({
      imported: 2,
      skipped: 0,
      rejected: 0,
      firstRejections: [],
    });
    expect(other.subscribers.all()).toEqual(h.subscribers.all());
  });

  it('writes a cell a spreadsheet would run as a formula after a quote, and an import reads it back as it was', async () => {
    // Anyone can plant such an address through the subscribe form, or an operator through an import.
    const planted = [
      '=2+5@example.com',
      '+cmd@example.com',
      '-2+3@example.com',
      "'=quoted@example.com",
      "'plain@example.com",
    ];
    const viaTheForm = await app.request('/subscriptions', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `email=${encodeURIComponent(planted[0]!)}`,
    });
    expect(viaTheForm.status).toBe(202);
    expect(h.subscriptionQueue.waiting.map((request) => request.email)).toEqual([planted[0]]);
    for (const email of planted) await h.addSubscriber(email, 'confirmed');
    const exported = await (await app.request('/subscribers.csv', { headers: admin })).text();
    const emails = exported
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(',')[0])
      .sort();
    expect(emails).toEqual([
      "''=quoted@example.com",
      "'+cmd@example.com",
      "'-2+3@example.com",
      "'=2+5@example.com",
      "'plain@example.com",
    ]);
    for (const line of exported.split('\r\n')) expect(line).not.toMatch(/(^|,)[=+\-@\t\r]/u);

    const other = createHttpHarness();
    expect(await importThroughApi(apiAppFor(other), other, exported)).toMatchObject({
      imported: 5,
      skipped: 0,
      rejected: 0,
      firstRejections: [],
    });
    expect(
      other.subscribers
        .all()
        .map((reader) => reader.email)
        .sort(),
    ).toEqual([...planted].sort());
  });

  it('answers 401 without the admin token', async () => {
    expect((await errorOf(await app.request('/subscribers.csv'), 401)).code).toBe('unauthorized');
  });
});
