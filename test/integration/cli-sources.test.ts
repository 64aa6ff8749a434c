// `mujaz sources …` against the app in process (its fetch is app.request) over the local stack: the feeds are
// read by the guarded fetcher from a real HTTP server, polls go through the FIFO poll queue, and what the operator
// reads back — each answer, each refusal — is what the API said.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { type CliEnvironment, runCli, SOURCE_POLL_WAIT_MS } from '../../cli/mujaz';
import type { SourceView } from '../../lambdas/core/domain/source-input';
import { type FeedServer, startFeedServer } from '../support/feed-server';
import { FixedClock } from '../support/fixed-clock';
import {
  apiAppOver,
  createTestFeeds,
  createTestMujaz,
  type TestFeeds,
  type TestMujaz,
} from '../support/local-services';

const ADMIN_TOKEN = 'cli-sources-admin-token';
const SAMPLE_FEED = readFileSync(join(__dirname, '..', '..', 'samples', 'feed-ar.xml'));
const SAMPLE_FEED_NAME = 'صحيفة الواحة';
const FLAKY_FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Flaky Wire</title><link>https://flaky.example/</link><description>News</description></channel></rss>`;

let test: TestMujaz;
let feeds: TestFeeds;
let app: Hono;
let web: FeedServer;
let elsewhere: FeedServer;
let out: string[];
let err: string[];
let io: CliEnvironment;
/** Every request the CLI made, as `METHOD path`. */
let calls: string[];
/**
 * The feeds' clock: each test starts a minute after the last, so that a poll asked for by hand is a new one (the
 * queue keeps one per source a minute) and its lastPolledAt differs from the poll before. It starts an hour ago: the
 * reports the polls store must be received before the digest's "now".
 */
const clock = new FixedClock(new Date(Date.now() - 60 * 60_000));

beforeAll(async () => {
  [web, elsewhere] = await Promise.all([startFeedServer(), startFeedServer()]);
  web.serve('/sample.xml', { body: SAMPLE_FEED, contentType: 'application/rss+xml; charset=utf-8' });
  web.serve('/flaky.xml', { body: FLAKY_FEED, contentType: 'application/rss+xml' });
  elsewhere.serve('/feed.xml', { body: FLAKY_FEED, contentType: 'application/rss+xml' });
  test = await createTestMujaz('cli-sources');
  // Only the first server is allowed: the second stands for a host on a private network.
  feeds = await createTestFeeds(test, { fetchAllow: [web.host], clock });
  app = apiAppOver(test, ADMIN_TOKEN, feeds);
});
afterAll(async () => {
  await test.close();
  await Promise.all([web.close(), elsewhere.close()]);
});

beforeEach(() => {
  clock.advance(60_000);
  out = [];
  err = [];
  calls = [];
  io = {
    fetch: async (url, init) => {
      calls.push(`${init?.method ?? 'GET'} ${new URL(url).pathname}`);
      return app.request(url, init);
    },
    readFile: async () => Buffer.alloc(0),
    writeFile: async () => undefined,
    stdout: (line) => out.push(line),
    stderr: (line) => err.push(line),
    env: { MUJAZ_ADMIN_TOKEN: ADMIN_TOKEN },
    progressBar: () => ({ update: () => undefined, stop: () => undefined }),
    // Each second the CLI waits, the poll function works the queue.
    sleep: async () => {
      await feeds.drainPolls();
    },
  };
});

const mujaz = (...argv: string[]) => runCli(argv, io);

/** The id `sources add` printed. */
function registeredId(line: string | undefined): string {
  const id = /^source (\S+) registered: /u.exec(line ?? '')?.[1];
  if (!id) throw new Error(`no source registered in ${JSON.stringify(line)}`);
  return id;
}

async function shown(id: string): Promise<SourceView> {
  const response = await app.request(`/sources/${id}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return (await response.json()) as SourceView;
}

describe('mujaz sources', () => {
  let sampleId: string;
  let flakyId: string;

  it('adds a feed with the name, language and full-text policy given, or named after its feed', async () => {
    expect(await mujaz('sources', 'add', web.url('/sample.xml'), '--language', 'AR', '--full-text', 'never')).toBe(0);
    sampleId = registeredId(out[0]);
    expect(out).toEqual([
      `source ${sampleId} registered: ${SAMPLE_FEED_NAME} (${web.url('/sample.xml')}); its first poll is queued`,
    ]);
    expect(await shown(sampleId)).toMatchObject({ name: SAMPLE_FEED_NAME, language: 'ar', fullText: 'never' });

    out.length = 0;
    expect(await mujaz('sources', 'add', web.url('/flaky.xml'), '--name', 'The Wire')).toBe(0);
    flakyId = registeredId(out[0]);
    expect(out).toEqual([
      `source ${flakyId} registered: The Wire (${web.url('/flaky.xml')}); its first poll is queued`,
    ]);
    expect(await shown(flakyId)).toMatchObject({ name: 'The Wire', fullText: 'auto' });
    expect(err).toEqual([]);
  });

  it('prints what the API refuses plainly, and exits 1: the same feed, a private address, a bad URL', async () => {
    expect(await mujaz('sources', 'add', web.url('/sample.xml'))).toBe(1);
    expect(err).toEqual([`mujaz: conflict: This feed is registered already. (id ${sampleId})`]);

    err.length = 0;
    expect(await mujaz('sources', 'add', elsewhere.url('/feed.xml'))).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^mujaz: refused_address: \S.*$/u)]);
    expect(elsewhere.requests('/feed.xml')).toHaveLength(0);

    err.length = 0;
    expect(await mujaz('sources', 'add', 'ftp://example.com/feed')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^mujaz: invalid_input: The request is not valid: url: /u)]);

    err.length = 0;
    expect(await mujaz('sources', 'add', web.url('/flaky.xml'), '--language', 'arabic')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^mujaz: invalid_input: .*language: must be an ISO 639/u)]);
    expect(out).toEqual([]);
  });

  it('refuses a full-text policy it does not know as a usage error, before calling the API', async () => {
    expect(await mujaz('sources', 'add', web.url('/other.xml'), '--full-text', 'sometimes')).toBe(2);
    expect(calls).toEqual([]);
    expect(err).toEqual([
      "error: option '--full-text <policy>' argument 'sometimes' is invalid. Allowed choices are auto, always, never.",
    ]);
  });

  it('lists each source on one line: not polled yet, then what its last poll did', async () => {
    expect(await mujaz('sources', 'list')).toBe(0);
    const due = (await shown(sampleId)).nextPollAt;
    expect(out.sort()).toEqual(
      [
        `  ${flakyId}  active    The Wire  ${web.url('/flaky.xml')}  not polled yet (due ${due})`,
        `  ${sampleId}  active    ${SAMPLE_FEED_NAME}  ${web.url('/sample.xml')}  not polled yet (due ${due})`,
        '2 source(s)',
      ].sort(),
    );

    // Registration queued a first poll of each.
    expect(await feeds.drainPolls()).toBe(2);
    out.length = 0;
    expect(await mujaz('sources', 'list')).toBe(0);
    const { lastPoll } = await shown(sampleId);
    expect(out).toContain(
      `  ${sampleId}  active    ${SAMPLE_FEED_NAME}  ${web.url('/sample.xml')}  last poll ${lastPoll!.at}: 3 item(s): 3 new, 0 seen before, 0 skipped; 3 report(s) in all`,
    );
  });

  it('polls a source now through the queue, waits for it, and says what it did', async () => {
    expect(await mujaz('sources', 'poll', sampleId)).toBe(0);
    const { lastPoll } = await shown(sampleId);
    expect(lastPoll).toMatchObject({ status: 'not-modified' });
    expect(out).toEqual([
      `  ${sampleId}  active    ${SAMPLE_FEED_NAME}  ${web.url('/sample.xml')}  last poll ${lastPoll!.at}: not modified; 3 report(s) in all`,
    ]);
    expect(calls).toEqual([`GET /sources/${sampleId}`, `POST /sources/${sampleId}/poll`, `GET /sources/${sampleId}`]);
  });

  it('only queues the poll with --no-wait', async () => {
    expect(await mujaz('sources', 'poll', flakyId, '--no-wait')).toBe(0);
    expect(out).toEqual([`source ${flakyId}: poll queued (\`mujaz sources show ${flakyId}\` shows it once done)`]);
    expect(await feeds.drainPolls()).toBe(1);
  });

  it('says so, and exits 1, when the poll it asked for has not run in time', async () => {
    const slept: number[] = [];
    io.sleep = async (ms) => {
      slept.push(ms);
    };
    expect(await mujaz('sources', 'poll', sampleId)).toBe(1);
    // A second, then longer and longer, up to 10 s: five minutes in all, for a few dozen looks.
    expect(slept.slice(0, 6)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(slept.reduce((sum, ms) => sum + ms, 0)).toBe(SOURCE_POLL_WAIT_MS);
    expect(calls.filter((call) => call === `GET /sources/${sampleId}`)).toHaveLength(slept.length + 1);
    expect(err).toEqual([
      `source ${sampleId}: not polled after 5 minutes; the poll may still run (\`mujaz sources show ${sampleId}\`)`,
    ]);
    // It was queued all the same, and runs when a poller comes.
    expect(await feeds.drainPolls()).toBe(1);
  });

  it('makes a failing source stand out in the list, with its last error, and exits 1', async () => {
    web.serve('/flaky.xml', { body: 'down for maintenance', status: 503, contentType: 'text/plain' });
    for (let poll = 0; poll < 3; poll += 1) await feeds.poller.pollSource(flakyId);
    const flaky = await shown(flakyId);
    expect(flaky).toMatchObject({ state: 'failing', consecutiveFailures: 3 });

    expect(await mujaz('sources', 'list')).toBe(1);
    expect(out).toHaveLength(3);
    expect(out).toContain(
      `! ${flakyId}  FAILING   The Wire  ${web.url('/flaky.xml')}  last poll ${flaky.lastPoll!.at}: failed (3 in a row); 0 report(s) in all\n    last error: ${flaky.lastError}`,
    );
    expect(flaky.lastError).toMatch(/503/u);
    expect(out.find((line) => line.includes(sampleId))).toMatch(new RegExp(`^  ${sampleId}  active  `, 'u'));
    expect(out.at(-1)).toBe('2 source(s); 1 failing or disabled (marked !): see the last error of each');

    // A poll asked for by hand that fails says so too.
    clock.advance(60_000);
    out.length = 0;
    expect(await mujaz('sources', 'poll', flakyId)).toBe(1);
    expect(out).toEqual([expect.stringMatching(/failed \(4 in a row\); 0 report\(s\) in all\n {4}last error: \S/u)]);
  });

  it('shows one source as the API does (JSON)', async () => {
    expect(await mujaz('sources', 'show', sampleId)).toBe(0);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toEqual(await shown(sampleId));
    expect(out[0]).toContain('\n  "id": ');
  });

  it('pauses, resumes and renames a source, saying what it is now', async () => {
    expect(await mujaz('sources', 'pause', flakyId)).toBe(0);
    expect(await shown(flakyId)).toMatchObject({ state: 'paused', nextPollAt: null });
    // A paused source is not polled: the API says so, and the CLI passes it on.
    expect(await mujaz('sources', 'poll', flakyId)).toBe(1);
    expect(err).toEqual(['mujaz: source_not_active: The source is paused: resume it before polling it.']);

    expect(await mujaz('sources', 'resume', flakyId)).toBe(0);
    const resumed = await shown(flakyId);
    expect(resumed).toMatchObject({ state: 'active', consecutiveFailures: 0 });
    expect(await mujaz('sources', 'rename', flakyId, 'سلك الأخبار')).toBe(0);
    expect(out).toEqual([
      `source ${flakyId} paused: The Wire`,
      `source ${flakyId} active: The Wire; next poll ${resumed.nextPollAt}`,
      `source ${flakyId} renamed: سلك الأخبار`,
    ]);
    expect(await shown(flakyId)).toMatchObject({ name: 'سلك الأخبار' });
  });

  it('refuses a rename the name rule refuses, as the API words it', async () => {
    expect(await mujaz('sources', 'rename', flakyId, 'two\nlines')).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^mujaz: invalid_input: The request is not valid: name: /u)]);
  });

  it('removes a source, keeping its reports; a source that is not there is a 404, printed plainly', async () => {
    expect(await mujaz('sources', 'remove', sampleId)).toBe(0);
    expect(out).toEqual([`source ${sampleId} removed; the reports it brought stay`]);
    expect(calls).toEqual([`DELETE /sources/${sampleId}`]);
    expect((await test.mujaz.previewDigest()).reports).toBe(3);

    for (const command of [
      ['show', sampleId],
      ['remove', sampleId],
      ['pause', sampleId],
      ['poll', 'no-such-source'],
      // One id in 64 starts with a dash: it is an id all the same, not an option.
      ['show', '-no-such-source'],
      ['rename', '-no-such-source', '-a name'],
    ]) {
      err.length = 0;
      expect(await mujaz('sources', ...command)).toBe(1);
      expect(err).toEqual(['mujaz: not_found: No source has this id.']);
    }
  });

  it('says when no source is registered', async () => {
    await mujaz('sources', 'remove', flakyId);
    out.length = 0;
    expect(await mujaz('sources', 'list')).toBe(0);
    expect(out).toEqual(['no source registered (`mujaz sources add <url>` adds one)']);
  });
});
