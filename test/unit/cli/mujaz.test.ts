// The `mujaz` command against the real Hono app in process (its fetch is app.request): what operators type, what
// the API receives, and what they read back.
import { type CliEnvironment, runCli } from '../../../cli/mujaz';
import { INSTANT_RULE } from '../../../lambdas/core/domain/instant';
import { ENGLISH_REPORT, SAMPLE_REPORT_AR } from '../../support/use-case-harness';
import { ADMIN_TOKEN, apiAppFor, createHttpHarness, FakeDispatcher, type HttpHarness } from '../http/http-harness';

let h: HttpHarness;
let files: Map<string, string | Buffer>;
let out: string[];
let err: string[];
let io: CliEnvironment;
/** What the progress bar was shown: [done, total] at each update, then 'stop'. */
let bar: Array<[number, number] | 'stop'>;

beforeEach(() => {
  h = createHttpHarness();
  // The send runs as the send function would; each second the CLI waits, the deliver step works the queue.
  const app = apiAppFor(h, { dispatcher: new FakeDispatcher((request) => h.useCases.sendDigest(request)) });
  bar = [];
  files = new Map();
  out = [];
  err = [];
  io = {
    fetch: async (url, init) => app.request(url, init),
    readFile: async (path) => {
      const content = files.get(path);
      if (content === undefined) throw Object.assign(new Error(path), { code: 'ENOENT' });
      return Buffer.from(content);
    },
    writeFile: async (path, content) => {
      files.set(path, content);
    },
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    env: { MUJAZ_ADMIN_TOKEN: ADMIN_TOKEN },
    progressBar: () => ({
      update: (done, total) => bar.push([done, total]),
      stop: () => bar.push('stop'),
    }),
    sleep: async () => {
      await h.deliverQueued();
      await h.processImports();
    },
  };
});

const mujaz = (...argv: string[]) => runCli(argv, io);

describe('mujaz report add', () => {
  it('submits each file in the form its extension names, and says what became of it', async () => {
    files.set('sample.txt', SAMPLE_REPORT_AR);
    files.set('bikes.json', JSON.stringify({ title: ENGLISH_REPORT.title, text: ENGLISH_REPORT.body }));
    expect(await mujaz('report', 'add', 'sample.txt', 'bikes.json', 'sample.txt')).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^sample\.txt: stored [0-9a-f]{24} \(ar\)$/u),
      expect.stringMatching(/^bikes\.json: stored [0-9a-f]{24} \(en\)$/u),
      expect.stringMatching(/^sample\.txt: already stored [0-9a-f]{24} \(ar\)$/u),
    ]);
    expect(h.reports.all()).toHaveLength(2);
  });

  it('goes on past a rejected report, names why, and exits 1', async () => {
    files.set('one.txt', 'Title\nOnly one sentence here.');
    files.set('notes.md', '# no');
    files.set('good.txt', SAMPLE_REPORT_AR);
    expect(await mujaz('report', 'add', 'one.txt', 'notes.md', 'good.txt')).toBe(1);
    expect(err).toEqual([
      'one.txt: invalid_input (single_sentence): The report is a single sentence: there is nothing to summarize.',
      'notes.md: unknown kind of file (use .txt, .html or .json)',
    ]);
    expect(h.reports.all()).toHaveLength(1);
  });
});

describe('mujaz subscribers', () => {
  it('imports a CSV list, printing the counts and every rejected line', async () => {
    files.set('list.csv', 'email,language,confirmed_at\namal@example.com,ar,2025-01-01T00:00:00Z\nbroken,,\n');
    expect(await mujaz('subscribers', 'import', 'list.csv')).toBe(1);
    expect(out).toEqual([
      expect.stringMatching(/^import [\w-]{16} queued \(GET \/subscribers\/imports\/[\w-]{16}\)$/u),
      'imported 1, skipped 0, rejected 1',
      '  line 3: email is not a valid address',
    ]);
    // Queued, its rows not counted yet, at the first look; every row counted after the worker's turn.
    expect(bar).toEqual([[0, 0], [2, 2], 'stop']);
  });

  it('uploads the list and prints its id alone with --no-wait, following nothing', async () => {
    files.set('list.csv', 'email\namal@example.com\n');
    expect(await mujaz('subscribers', 'import', '--no-wait', 'list.csv')).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^[\w-]{16}$/u)]);
    expect(bar).toEqual([]);
    expect(h.importQueue.waiting).toHaveLength(1);
  });

  it('says so, and why, and exits 1, when the import fails', async () => {
    files.set('list.csv', 'email\namal@example.com\n');
    // The list is gone before the worker reads it (its files expire).
    h.importFiles.saveUpload = async () => undefined;
    expect(await mujaz('subscribers', 'import', 'list.csv')).toBe(1);
    expect(err).toEqual([
      expect.stringMatching(/^import [\w-]{16} failed: The uploaded list is no longer stored; upload it again\.$/u),
    ]);
  });

  it('names the line where a list stops being CSV, once the worker reads that far', async () => {
    files.set('list.csv', 'email\namal@example.com\n"badr@example.com\n');
    expect(await mujaz('subscribers', 'import', 'list.csv')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^import [\w-]{16} failed: The file is not valid CSV \(line 3\)\.$/u)]);
    expect(JSON.stringify(err)).not.toContain('badr');
  });

  it('says how many rows were rejected beyond those the API lists', async () => {
    const bad = Array.from({ length: 1_500 }, (_, index) => `broken-${index},,`);
    files.set('list.csv', ['email,language,confirmed_at', ...bad].join('\n'));
    expect(await mujaz('subscribers', 'import', 'list.csv')).toBe(1);
    expect(out[1]).toBe('imported 0, skipped 0, rejected 1500');
    expect(out.slice(2, -1)).toHaveLength(1_000);
    expect(out[2]).toBe('  line 2: email is not a valid address');
    expect(out.at(-2)).toBe('  line 1001: email is not a valid address');
    expect(out.at(-1)).toBe('  … and 500 more rejected row(s) after line 1001');
  });

  it('exports the confirmed readers to a file', async () => {
    await h.addSubscriber('amal@example.com', 'confirmed');
    expect(await mujaz('subscribers', 'export', '--out', 'readers.csv')).toBe(0);
    expect(String(files.get('readers.csv'))).toMatch(
      /^email,language,confirmed_at,status,[^\r]*\r\namal@example\.com,,/u,
    );
  });
});

describe('mujaz send and preview', () => {
  beforeEach(async () => {
    await h.useCases.ingestReport(ENGLISH_REPORT);
    await h.addSubscriber('amal@example.com', 'confirmed');
  });

  it('says what a send would carry with --dry-run, and sends nothing', async () => {
    expect(await mujaz('send', '--dry-run')).toBe(0);
    expect(out).toEqual([
      expect.stringMatching(/^the next edition: ".+", 1 report\(s\) \(1 in full, 0 as headlines\), 1 reader\(s\)$/u),
    ]);
    expect(h.mailer.sent).toEqual([]);
  });

  it('sends one test copy with --test', async () => {
    expect(await mujaz('send', '--test', 'editor@example.com')).toBe(0);
    expect(out).toEqual(['test copy sent (message recorded-1)']);
    expect(h.mailer.sent.map((mail) => mail.to)).toEqual(['editor@example.com']);
  });

  it('starts a send and follows it with a progress bar until every reader has it', async () => {
    await h.addSubscriber('badr@example.com', 'confirmed');
    expect(await mujaz('send')).toBe(0);
    expect(out).toEqual([
      'edition 1: 1 report(s); sending (GET /digests/1)',
      'edition 1 done: 2 reader(s); sent 2, pending 0, failed 0, unknown 0, skipped 0',
    ]);
    expect(bar).toEqual([[0, 2], [2, 2], 'stop']);
    expect(h.mailer.sent.map((mail) => mail.to).sort()).toEqual(['amal@example.com', 'badr@example.com']);
  });

  it('starts a send without following it with --no-wait, and says when there is nothing to send', async () => {
    expect(await mujaz('send', '--no-wait')).toBe(0);
    expect(bar).toEqual([]);
    expect(h.mailer.sent).toEqual([]);
    await h.deliverQueued();
    out.length = 0;
    expect(await mujaz('send')).toBe(0);
    expect(out).toEqual(['nothing to send: no report came in since the last edition']);
  });

  it('exits 1 when readers were dead-lettered, and retries exactly them with `mujaz retry`', async () => {
    await h.addSubscriber('badr@example.com', 'confirmed');
    h.mailer.failFor('badr@example.com');
    expect(await mujaz('send')).toBe(1);
    expect(out.at(-1)).toBe(
      'edition 1 done: 2 reader(s); sent 1, pending 0, failed 1, unknown 0, skipped 0\n`mujaz retry 1` sends the failed ones again',
    );
    h.mailer.stopFailing();
    out.length = 0;
    expect(await mujaz('retry', '1')).toBe(0);
    expect(out).toEqual([
      'edition 1: 1 reader(s) queued again (failed)',
      'edition 1 done: 2 reader(s); sent 2, pending 0, failed 0, unknown 0, skipped 0',
    ]);
    expect(h.mailer.sentTo('badr@example.com')).toHaveLength(1);
    expect(h.mailer.sentTo('amal@example.com')).toHaveLength(1);
    out.length = 0;
    expect(await mujaz('status', '1')).toBe(0);
    expect(out).toEqual(['edition 1 done: 2 reader(s); sent 2, pending 0, failed 0, unknown 0, skipped 0']);
  });

  it('asks for the unknown ones too only with --include-unknown, and reports a digest that does not exist', async () => {
    await mujaz('send', '--no-wait');
    expect(await mujaz('retry', '1', '--include-unknown', '--no-wait')).toBe(0);
    expect(out.at(-1)).toBe('edition 1: 0 reader(s) queued again (failed and unknown)');
    expect(await mujaz('status', '9')).toBe(1);
    expect(err).toEqual(['mujaz: not_found: There is no such digest.']);
  });

  it('writes the preview to an HTML file', async () => {
    expect(await mujaz('preview', '--out', 'next.html')).toBe(0);
    expect(String(files.get('next.html'))).toContain(ENGLISH_REPORT.title);
    expect(out).toEqual([expect.stringMatching(/^the next edition: .+\nwritten to next\.html$/u)]);
  });

  it('passes a period on, and reports the API refusing it', async () => {
    const bodies: unknown[] = [];
    const fetch = io.fetch;
    io.fetch = async (url, init) => {
      bodies.push(JSON.parse(String(init?.body)));
      return fetch(url, init);
    };
    expect(await mujaz('send', '--dry-run', '--until', '2026-11-01T00:00:00+03:00')).toBe(0);
    expect(bodies).toEqual([{ mode: 'preview', until: '2026-11-01T00:00:00+03:00' }]);
    expect(await mujaz('send', '--dry-run', '--from', '2099-01-01T00:00:00Z')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^mujaz: invalid_input: The period is empty/u)]);
  });

  it.each([
    ['--until', 'tomorrow-ish'],
    ['--from', '2026-11-01'],
    ['--until', '2026-11-01T00:00:00'],
    ['--from', '2026-02-29T00:00:00Z'],
  ])('refuses %s %j by the instant rule before calling the API: a usage error naming the flag', async (flag, given) => {
    let calls = 0;
    io.fetch = async () => {
      calls += 1;
      return new Response('{}');
    };
    expect(await mujaz('send', flag, given)).toBe(2);
    expect(calls).toBe(0);
    expect(err).toEqual([`error: option '${flag} <instant>' argument '${given}' is invalid. It ${INSTANT_RULE}.`]);
  });
});

describe('mujaz itself', () => {
  it('needs the admin token from the environment, and never takes it as a flag', async () => {
    io.env = {};
    expect(await mujaz('send', '--dry-run')).toBe(1);
    expect(err).toEqual(['mujaz: set MUJAZ_ADMIN_TOKEN to the admin token of the API']);
    expect(await mujaz('send', '--token', 'x')).toBe(2);
  });

  it('says so when the API does not answer, naming where it looked', async () => {
    io.fetch = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await mujaz('--api', 'http://127.0.0.1:9/', 'send', '--dry-run')).toBe(1);
    expect(err).toEqual(['mujaz: the API at http://127.0.0.1:9 did not answer (is it running? see --api)']);
  });

  it('reports a wrong token as the API says it', async () => {
    io.env = { MUJAZ_ADMIN_TOKEN: 'wrong-token-wrong-token' };
    expect(await mujaz('send', '--dry-run')).toBe(1);
    expect(err[0]).toMatch(/^mujaz: unauthorized: /u);
    expect(err.join('\n')).not.toContain('wrong-token');
  });

  it('names a missing file', async () => {
    expect(await mujaz('subscribers', 'import', 'missing.csv')).toBe(1);
    expect(err).toEqual(['mujaz: no such file: missing.csv']);
  });
});
