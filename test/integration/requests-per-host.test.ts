// At most 2 requests in flight per host across all pollers, on real sockets and DynamoDB Local: feeds on several
// hosts whose article pages all live on one more host, polled at once as several pollers would, and that host's own
// feed polled with them — the host (a local server counting what it has in flight) never sees more than two. A page
// on the feed's own host takes no lease; a host whose slot stays taken gets the feed's text, as a page not had.
import { DynamoPageHostSlots } from '../../lambdas/adapters/dynamo-page-host-slots';
import { DynamoReportRepository } from '../../lambdas/adapters/dynamo-report-repository';
import { MAX_REQUESTS_PER_HOST } from '../../lambdas/core/domain/requests-per-host';
import { ENTRY_TIME_RESERVE_MS } from '../../lambdas/core/use-cases/poll-sources';
import { type FeedServer, startFeedServer } from '../support/feed-server';
import { createTestFeeds, createTestMujaz, type TestFeeds, type TestMujaz } from '../support/local-services';

const FEED_HOSTS = 3;

let test: TestMujaz;
let feeds: TestFeeds;
/** The host every feed's pages live on; it serves a feed of its own too. */
let pages: FeedServer;
let feedHosts: FeedServer[];
let reports: DynamoReportRepository;
/** The page-slot writes the poll made (PutItem and DeleteItem on HOSTLEASE# items), by host. */
const leaseWrites: Array<{ action: string; host: string }> = [];

beforeAll(async () => {
  pages = await startFeedServer();
  feedHosts = await Promise.all(Array.from({ length: FEED_HOSTS }, () => startFeedServer()));
  test = await createTestMujaz('per-host', { deliveryWorkers: 0 });
  test.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Item?: { pk?: unknown }; Key?: { pk?: unknown } };
      const pk = String(input.Item?.pk ?? input.Key?.pk ?? '');
      if (pk.startsWith('HOSTLEASE#')) {
        leaseWrites.push({
          action: String(context.commandName).replace(/Command$/u, ''),
          host: pk.slice('HOSTLEASE#'.length),
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordLeaseWrites' },
  );
  feeds = await createTestFeeds(test, { fetchAllow: [pages.host, ...feedHosts.map((server) => server.host)] });
  reports = new DynamoReportRepository(test.clients.dynamo, test.tableName);
});
afterAll(async () => {
  await test.close();
  await Promise.all([pages, ...feedHosts].map((server) => server.close()));
});

const article = (topic: string) =>
  `<!doctype html><html lang="en"><head><title>${topic}</title></head><body><nav>Home</nav><article><h1>${topic}</h1>${Array.from(
    { length: 6 },
    (_, index) =>
      `<p>Paragraph ${index} of ${topic}: the council said on Monday that the works would go on through the winter, and that residents would hear more at the next public meeting.</p>`,
  ).join('')}</article></body></html>`;

const rss = (items: Array<{ guid: string; link: string; title: string; text: string }>) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Council</title>${items
    .map(
      (item) =>
        `<item><guid isPermaLink="false">${item.guid}</guid><title>${item.title}</title><link>${item.link}</link><description>${item.text}</description></item>`,
    )
    .join('')}</channel></rss>`;

const feedText = (topic: string) =>
  `The council met on Monday about ${topic}. Members agreed on a plan after a long debate. ` +
  `Residents will hear more about ${topic} at a public meeting next week.`;

/** Serves `count` slow article pages on the pages host under `prefix`, and a feed on `on` linking to them. */
function servePagedFeed(on: FeedServer, prefix: string, count: number, delayMs: number): string {
  const items = Array.from({ length: count }, (_, index) => {
    const path = `/${prefix}-${index}`;
    pages.serve(path, { body: article(`${prefix} story ${index}`), contentType: 'text/html', delayMs });
    return {
      guid: `${prefix}-${index}`,
      title: `${prefix} story ${index}`,
      link: pages.url(path),
      text: feedText(`${prefix} story ${index}`),
    };
  });
  on.serve(`/${prefix}.xml`, { body: rss(items), contentType: 'application/rss+xml' });
  return on.url(`/${prefix}.xml`);
}

async function storedReport(title: string) {
  const untaken = await reports.listUntaken({ until: new Date(Date.now() + 60_000).toISOString() });
  const found = untaken.find((entry) => entry.title === title);
  return found ? reports.findById(found.id) : undefined;
}

it('never has more than 2 requests in flight on a host that several pollers fetch pages from at once', async () => {
  const urls = [
    ...feedHosts.map((host, index) => servePagedFeed(host, `elsewhere${index}`, 3, 150)),
    // The pages host's own feed, whose pages are its own: its poll holds the host's group, and takes no lease.
    servePagedFeed(pages, 'own', 3, 400),
  ];
  const ids: string[] = [];
  for (const url of urls) ids.push((await feeds.sources.registerSource({ url, fullText: 'always' })).id);
  leaseWrites.length = 0;

  await Promise.all(ids.map((id) => feeds.poller.pollSource(id)));

  console.log(`pages host: at most ${pages.maxInFlight()} requests in flight (${ids.length} polls at once)`);
  expect(pages.maxInFlight()).toBeLessThanOrEqual(MAX_REQUESTS_PER_HOST);
  // The polls did overlap there: the limit was met, not merely never approached.
  expect(pages.maxInFlight()).toBe(MAX_REQUESTS_PER_HOST);
  // Every page was fetched once (none given up for a busy host) and every entry made from it.
  for (const [index, id] of ids.entries()) {
    expect((await feeds.sources.getSource(id)).lastPoll).toMatchObject({ items: 3, created: 3 });
    const prefix = index < FEED_HOSTS ? `elsewhere${index}` : 'own';
    for (let story = 0; story < 3; story += 1) {
      expect(pages.requests(`/${prefix}-${story}`)).toHaveLength(1);
      expect(await storedReport(`${prefix} story ${story}`)).toMatchObject({ textFrom: 'page' });
    }
  }
  // Leases were taken on the pages host alone — by the polls of the other hosts' feeds — and all given back.
  expect(new Set(leaseWrites.map((write) => write.host))).toEqual(new Set([pages.host]));
  expect(leaseWrites.filter((write) => write.action === 'PutItem').length).toBeGreaterThanOrEqual(FEED_HOSTS * 3);
  expect(leaseWrites.filter((write) => write.action === 'DeleteItem')).toHaveLength(FEED_HOSTS * 3);
});

it('holds the slot of a host a redirect leads to, as a page there would', async () => {
  // Each feed's links are on the next feed host, and each redirects to a page on the pages host: every poll leases
  // another host for its first request, so only the hop's own pass keeps the pages host at two.
  const urls = feedHosts.map((host, index) => {
    const linkHost = feedHosts[(index + 1) % FEED_HOSTS]!;
    const items = Array.from({ length: 3 }, (_, story) => {
      const prefix = `hop${index}`;
      pages.serve(`/${prefix}-${story}`, {
        body: article(`${prefix} story ${story}`),
        contentType: 'text/html',
        delayMs: 150,
      });
      linkHost.serve(`/to-${prefix}-${story}`, {
        body: '',
        status: 302,
        headers: { location: pages.url(`/${prefix}-${story}`) },
        etag: false,
      });
      return {
        guid: `${prefix}-${story}`,
        title: `${prefix} story ${story}`,
        link: linkHost.url(`/to-${prefix}-${story}`),
        text: feedText(`${prefix} story ${story}`),
      };
    });
    host.serve(`/hop${index}.xml`, { body: rss(items), contentType: 'application/rss+xml' });
    return host.url(`/hop${index}.xml`);
  });
  urls.push(servePagedFeed(pages, 'hopown', 3, 400));
  const ids: string[] = [];
  for (const url of urls) ids.push((await feeds.sources.registerSource({ url, fullText: 'always' })).id);
  leaseWrites.length = 0;
  pages.resetMaxInFlight();

  await Promise.all(ids.map((id) => feeds.poller.pollSource(id)));

  console.log(`pages host, reached by redirects: at most ${pages.maxInFlight()} requests in flight`);
  expect(pages.maxInFlight()).toBeLessThanOrEqual(MAX_REQUESTS_PER_HOST);
  for (let index = 0; index < FEED_HOSTS; index += 1)
    for (let story = 0; story < 3; story += 1)
      expect(await storedReport(`hop${index} story ${story}`)).toMatchObject({ textFrom: 'page' });
  // The hops to the pages host took its slot, and gave it back.
  const onPages = leaseWrites.filter((write) => write.host === pages.host);
  expect(onPages.filter((write) => write.action === 'PutItem').length).toBeGreaterThanOrEqual(FEED_HOSTS * 3);
  expect(onPages.filter((write) => write.action === 'DeleteItem')).toHaveLength(FEED_HOSTS * 3);
});

it('takes no lease for pages on the feed’s own host', async () => {
  const url = servePagedFeed(pages, 'alone', 2, 0);
  const { id } = await feeds.sources.registerSource({ url, fullText: 'always' });
  leaseWrites.length = 0;
  await feeds.poller.pollSource(id);
  expect((await feeds.sources.getSource(id)).lastPoll).toMatchObject({ created: 2 });
  expect(await storedReport('alone story 0')).toMatchObject({ textFrom: 'page' });
  expect(leaseWrites).toEqual([]);
});

describe('a host whose page slot another poller holds', () => {
  const slots = () => new DynamoPageHostSlots(test.clients.dynamo, test.tableName);

  it('waits for it, and fetches the page once it is given back', async () => {
    const url = servePagedFeed(feedHosts[0]!, 'released', 1, 0);
    const { id } = await feeds.sources.registerSource({ url, fullText: 'always' });
    const held = await slots().take(pages.host, new Date(), new Date(Date.now() + 30_000));
    expect(held).toBeDefined();
    setTimeout(() => void slots().release(held!), 700);
    const started = Date.now();
    await feeds.poller.pollSource(id);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(pages.requests('/released-0')).toHaveLength(1);
    expect(await storedReport('released story 0')).toMatchObject({ textFrom: 'page' });
  });

  it('builds the entry from the feed’s text when the slot stays taken until the poll must move on', async () => {
    const url = servePagedFeed(feedHosts[1]!, 'busy', 1, 0);
    const { id } = await feeds.sources.registerSource({ url, fullText: 'always' });
    const held = await slots().take(pages.host, new Date(), new Date(Date.now() + 30_000));
    expect(held).toBeDefined();
    try {
      // A deadline that leaves a second to wait in before the entry's own reserve.
      const started = Date.now();
      await feeds.poller.pollSource(id, started + ENTRY_TIME_RESERVE_MS + 1_000);
      const waited = Date.now() - started;
      console.log(`slot held elsewhere: gave up waiting after ${waited} ms`);
      expect(waited).toBeGreaterThanOrEqual(600);
      expect(waited).toBeLessThan(5_000);
      expect(pages.requests('/busy-0')).toHaveLength(0);
      expect(await storedReport('busy story 0')).toMatchObject({ textFrom: 'feed' });
      expect((await feeds.sources.getSource(id)).lastPoll).toMatchObject({ items: 1, created: 1 });
    } finally {
      await slots().release(held!);
    }
  });
});
