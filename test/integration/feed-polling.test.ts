// Feed polling on real sockets and DynamoDB Local: what a poll does with failures (back-off, failing after three,
// 410 disables), with entries whose guid or title changed (never stored again), with two polls of one source at
// once (each entry stored once), and with short entries (the page's article, or the feed's text when the page fails).
import { DynamoReportRepository } from '../../lambdas/adapters/dynamo-report-repository';
import { composeSourcePoller } from '../../lambdas/composition/compose-source-poller';
import type { Source } from '../../lambdas/core/domain/source';
import { type FeedServer, startFeedServer } from '../support/feed-server';
import { createTestFeeds, createTestMujaz, type TestFeeds, type TestMujaz } from '../support/local-services';

let test: TestMujaz;
let feeds: TestFeeds;
let web: FeedServer;
let reports: DynamoReportRepository;

beforeAll(async () => {
  web = await startFeedServer();
  test = await createTestMujaz('polling', { deliveryWorkers: 0 });
  feeds = await createTestFeeds(test, { fetchAllow: [web.host] });
  reports = new DynamoReportRepository(test.clients.dynamo, test.tableName);
});
afterAll(async () => {
  await test.close();
  await web.close();
});

const sentences = (topic: string) =>
  `The council met on Monday to discuss ${topic}. Members agreed on a plan after a long debate. ` +
  `Residents will hear more about ${topic} at a public meeting next week.`;

interface Item {
  guid?: string;
  title: string;
  link?: string;
  text?: string;
}

function rss(items: Item[]): string {
  const item = (each: Item) =>
    `<item>${each.guid ? `<guid isPermaLink="false">${each.guid}</guid>` : ''}<title>${each.title}</title>` +
    `${each.link ? `<link>${each.link}</link>` : ''}${each.text ? `<description>${each.text}</description>` : ''}</item>`;
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Council</title>${items.map(item).join('')}</channel></rss>`;
}

let feedCount = 0;
/** A feed served at a fresh path: its URL. */
async function served(body: string): Promise<string> {
  feedCount += 1;
  const path = `/feed-${feedCount}.xml`;
  web.serve(path, { body, contentType: 'application/rss+xml' });
  return web.url(path);
}

/** Registers a feed served at a fresh path, and runs the first poll that registration queued. */
async function register(body: string, fullText: Source['fullText'] = 'never'): Promise<{ path: string; id: string }> {
  feedCount += 1;
  const path = `/feed-${feedCount}.xml`;
  web.serve(path, { body, contentType: 'application/rss+xml' });
  const source = await feeds.sources.registerSource({ url: web.url(path), fullText });
  await feeds.drainPolls();
  return { path, id: source.id };
}

describe('failures', () => {
  it('back off, turn the source failing after three in a row with why in words, and one success resets it', async () => {
    const { path, id } = await register(rss([{ guid: 'a', title: 'Council meets', text: sentences('roads') }]));
    web.serve(path, { body: 'down for maintenance', status: 503, headers: { 'retry-after': '120' }, etag: false });
    const states: Array<Pick<Source, 'state' | 'consecutiveFailures'> & { delayMs: number }> = [];
    for (let poll = 0; poll < 3; poll += 1) {
      const before = Date.now();
      await feeds.poller.pollSource(id);
      const source = await feeds.sources.getSource(id);
      states.push({
        state: source.state,
        consecutiveFailures: source.consecutiveFailures,
        delayMs: Date.parse(source.nextPollAt!) - before,
      });
    }
    expect(states.map(({ state, consecutiveFailures }) => [state, consecutiveFailures])).toEqual([
      ['active', 1],
      ['active', 2],
      ['failing', 3],
    ]);
    // Each failure waits longer than the last.
    expect(states[1]!.delayMs).toBeGreaterThan(states[0]!.delayMs);
    expect(states[2]!.delayMs).toBeGreaterThan(states[1]!.delayMs);
    const failing = await feeds.sources.getSource(id);
    expect(failing.lastPoll).toMatchObject({ status: 'failed' });
    expect(failing.lastError).toMatch(/503/u);
    expect(failing.lastError).not.toMatch(/127\.0\.0\.1|at .*\.ts/u);

    web.serve(path, { body: rss([{ guid: 'a', title: 'Council meets', text: sentences('roads') }]) });
    await feeds.poller.pollSource(id);
    expect(await feeds.sources.getSource(id)).toMatchObject({ state: 'active', consecutiveFailures: 0 });
  });

  it('disable a source whose feed is gone (410): nothing is due for it any more', async () => {
    const { path, id } = await register(rss([{ guid: 'g', title: 'Gone soon', text: sentences('parks') }]));
    web.serve(path, { body: 'gone', status: 410, etag: false });
    await feeds.poller.pollSource(id);
    const source = await feeds.sources.getSource(id);
    expect(source.state).toBe('disabled');
    expect(source.nextPollAt).toBeUndefined();
    const due = await feeds.finder.queueDueSources();
    expect(await feeds.drainPolls()).toBe(due.queued);
    // Registration read it, its first poll, the 410: and no poll since.
    expect(web.requests(path)).toHaveLength(3);
  });
});

describe('entries seen before', () => {
  it('are never stored again, when their guid changes or their title is edited', async () => {
    const first = [
      { guid: 'one', title: 'Bridge reopens', link: 'https://council.example/bridge', text: sentences('the bridge') },
      { guid: 'two', title: 'Library hours', link: 'https://council.example/library', text: sentences('the library') },
    ];
    const { path, id } = await register(rss(first));
    expect((await feeds.sources.getSource(id)).lastPoll).toMatchObject({ created: 2, duplicates: 0 });
    // The first entry's guid changes (its link stays); the second's title is edited (its guid stays).
    web.serve(path, {
      body: rss([
        { ...first[0]!, guid: 'one-renamed' },
        { ...first[1]!, title: 'Library hours change' },
      ]),
    });
    await feeds.poller.pollSource(id);
    expect(await feeds.sources.getSource(id)).toMatchObject({
      reportsCreated: 2,
      lastPoll: { status: 'modified', items: 2, created: 0, duplicates: 2 },
    });
  });

  it('are stored once when two polls of one source run at once, even when each would read a different page', async () => {
    // Each fetch of an article gives another text: without the claim, each poll would store its own report.
    let fetches = 0;
    const items = Array.from({ length: 4 }, (_, index) => {
      web.serve(`/changing/${index}`, {
        contentType: 'text/html',
        body: () => {
          fetches += 1;
          return `<html><body><article><h1>Story ${index}</h1><p>${sentences(`story ${index}, version ${fetches}`)}</p><p>${sentences(`more of story ${index}`)}</p></article></body></html>`;
        },
      });
      return { guid: `c${index}`, title: `Story ${index}`, link: web.url(`/changing/${index}`), text: 'Short.' };
    });
    const { id } = await feeds.sources.registerSource({ url: await served(rss(items)), fullText: 'always' });
    // Not through the queue (which runs a host's polls one after another): three polls at once.
    await Promise.all([feeds.poller.pollSource(id), feeds.poller.pollSource(id), feeds.poller.pollSource(id)]);
    const until = new Date(Date.now() + 60_000).toISOString();
    const stored = (await reports.listUntaken({ until })).filter((entry) => /^Story \d$/u.test(entry.title));
    expect(stored.map((entry) => entry.title).sort()).toEqual(['Story 0', 'Story 1', 'Story 2', 'Story 3']);
    expect((await feeds.sources.getSource(id)).reportsCreated).toBe(4);
    await feeds.drainPolls();
  });
});

describe('a poll queued with its source as read then', () => {
  /** A poller over the same adapters whose source reads are counted. */
  function countingPoller() {
    const reads = { count: 0 };
    const sources = feeds.deps.sources;
    const poller = composeSourcePoller({
      ...feeds.deps,
      sources: Object.assign(Object.create(sources), {
        findById: (id: string) => {
          reads.count += 1;
          return sources.findById(id);
        },
      }),
    });
    return { poller, reads };
  }

  it('reads nothing when the feed is unchanged, and keeps an edit made after the poll was queued', async () => {
    const { id } = await register(rss([{ guid: 'q1', title: 'Quiet week', text: sentences('the quiet week') }]));
    const { poller, reads } = countingPoller();
    await poller.pollSource(id, undefined, await feeds.sources.getSource(id));
    expect(reads.count).toBe(0);
    expect((await feeds.sources.getSource(id)).lastPoll).toMatchObject({ status: 'not-modified' });

    const queued = await feeds.sources.getSource(id);
    await feeds.sources.editSource(id, { name: 'Renamed meanwhile' });
    await poller.pollSource(id, undefined, queued);
    // The write found the source moved and brought it back: the poll re-applied to it, with no read.
    expect(reads.count).toBe(0);
    const after = await feeds.sources.getSource(id);
    expect(after.name).toBe('Renamed meanwhile');
    expect(after.lastPoll!.at > queued.lastPoll!.at).toBe(true);
  });

  it('takes nothing from a source paused or deleted after its poll was queued', async () => {
    const { path, id } = await register(rss([{ guid: 'p1', title: 'Before the pause', text: sentences('a pause') }]));
    const queued = await feeds.sources.getSource(id);
    const paused = await feeds.sources.editSource(id, { state: 'paused' });
    // Unchanged (a 304): nothing of the paused source is written.
    await feeds.poller.pollSource(id, undefined, queued);
    expect(await feeds.sources.getSource(id)).toEqual(paused);
    web.serve(path, {
      body: rss([
        { guid: 'p2', title: 'After the pause', text: sentences('what came after') },
        { guid: 'p1', title: 'Before the pause', text: sentences('a pause') },
      ]),
    });
    expect(await feeds.poller.pollSource(id, undefined, queued)).toBeUndefined();
    expect(await feeds.sources.getSource(id)).toEqual(paused);

    await feeds.sources.editSource(id, { state: 'active' });
    await feeds.sources.deleteSource(id);
    expect(await feeds.poller.pollSource(id, undefined, queued)).toBeUndefined();
    const until = new Date(Date.now() + 60_000).toISOString();
    expect((await reports.listUntaken({ until })).map((entry) => entry.title)).not.toContain('After the pause');
  });
});

describe('a feed’s archive', () => {
  it('is not news: the first poll takes the 10 newest, and no later poll takes the older ones', async () => {
    // Undated, so the feed's own order (newest first) ranks them.
    const note = (index: number) => ({
      guid: `arch${index}`,
      title: `Council note ${index}`,
      text: sentences(`note ${index}`),
    });
    const items = Array.from({ length: 15 }, (_, index) => note(15 - index));
    const { path, id } = await register(rss(items));
    expect(await feeds.sources.getSource(id)).toMatchObject({
      reportsCreated: 10,
      lastPoll: { items: 10, created: 10 },
    });
    web.serve(path, { body: rss([note(16), ...items]) });
    await feeds.poller.pollSource(id);
    expect(await feeds.sources.getSource(id)).toMatchObject({
      reportsCreated: 11,
      lastPoll: { status: 'modified', items: 16, created: 1, duplicates: 15 },
    });
  });
});

describe('full text', () => {
  it('takes a short entry’s text from its page, and the feed’s when the page cannot be had', async () => {
    web.serve('/articles/long', {
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><title>Market</title></head><body><nav>Home</nav><article><h1>Market square reopens</h1>${Array.from(
        { length: 8 },
        (_, index) =>
          `<p>Paragraph ${index}: traders returned to the market square on Monday after the repairs, and the council said that stalls would open every morning from now on.</p>`,
      ).join('')}</article></body></html>`,
    });
    const { id } = await register(
      rss([
        {
          guid: 'short',
          title: 'Market square reopens',
          link: web.url('/articles/long'),
          text: 'Traders are back. More soon.',
        },
        {
          guid: 'broken',
          title: 'Pool closes for winter',
          link: web.url('/articles/missing'),
          text: 'The pool closes on Friday for the winter. It opens again in April.',
        },
      ]),
      'auto',
    );
    expect((await feeds.sources.getSource(id)).lastPoll).toMatchObject({ created: 2, skipped: 0 });
    const stored = await Promise.all(
      ['Market square reopens', 'Pool closes for winter'].map(async (title) => {
        const found = (await reports.listUntaken({ until: new Date(Date.now() + 60_000).toISOString() })).find(
          (entry) => entry.title === title,
        );
        return reports.findById(found!.id);
      }),
    );
    expect(stored[0]).toMatchObject({ textFrom: 'page' });
    expect(stored[0]!.body).toMatch(/traders returned to the market square/u);
    expect(stored[1]).toMatchObject({ textFrom: 'feed' });
    expect(stored[1]!.body).toMatch(/opens again in April/u);
    expect(web.requests('/articles/long')).toHaveLength(1);
  });

  it('skips an entry with no text at all, counted, and never looks at it again', async () => {
    const { path, id } = await register(rss([{ guid: 'empty', title: 'Nothing here' }]));
    expect((await feeds.sources.getSource(id)).lastPoll).toMatchObject({ items: 1, created: 0, skipped: 1 });
    web.serve(path, { body: `${rss([{ guid: 'empty', title: 'Nothing here' }])} ` });
    await feeds.poller.pollSource(id);
    expect((await feeds.sources.getSource(id)).lastPoll).toMatchObject({ items: 1, skipped: 0, duplicates: 1 });
  });
});
