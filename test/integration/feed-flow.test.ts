// Flow test: feeds, end to end on the local stack — two feeds registered over the admin API (a real HTTP server
// stands in for the web, reached through the guarded fetcher), polled through the FIFO poll queue, their items
// stored through intake and sent in the digest with their sources' names; a second poll answered 304 creates nothing.
import type { Hono } from 'hono';
import { emailsTo, linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { type FeedServer, startFeedServer } from '../support/feed-server';
import {
  apiAppOver,
  createTestFeeds,
  createTestMujaz,
  localServices,
  type TestFeeds,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';

const ADMIN_TOKEN = 'feed-flow-admin-token';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const { sesEndpoint } = localServices();

let test: TestMujaz;
let feeds: TestFeeds;
let app: Hono;
let web: FeedServer;
let elsewhere: FeedServer;

const arabicFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>أخبار الساحل</title><link>https://sahil.example/</link><language>ar</language>
  <item>
    <title>افتتاح محطة تحلية المياه الجديدة في الساحل الشرقي</title>
    <link>https://sahil.example/news/1</link><guid isPermaLink="false">sahil-1</guid>
    <pubDate>Mon, 07 Dec 2026 08:00:00 +0200</pubDate>
    <description>&lt;p&gt;افتتحت هيئة المياه الإقليمية صباح الاثنين محطة التحلية الجديدة في الساحل الشرقي بعد ثلاث سنوات من العمل.&lt;/p&gt;&lt;p&gt;وقال مدير المشروع إن المحطة ستوفر المياه العذبة لأكثر من مئة ألف أسرة يومياً، وإن كلفتها بلغت مئتي مليون دولار.&lt;/p&gt;&lt;p&gt;وأضاف أن المرحلة الثانية من المشروع ستبدأ في الربيع المقبل وتضاعف الإنتاج.&lt;/p&gt;</description>
  </item>
  <item>
    <title>مهرجان الكتاب يفتح أبوابه في المدينة القديمة</title>
    <link>https://sahil.example/news/2</link><guid isPermaLink="false">sahil-2</guid>
    <pubDate>Sun, 06 Dec 2026 19:30:00 +0200</pubDate>
    <description>&lt;p&gt;يبدأ مهرجان الكتاب السنوي يوم الخميس في ساحة المدينة القديمة ويستمر أسبوعاً كاملاً.&lt;/p&gt;&lt;p&gt;ويشارك في المهرجان أكثر من مئتي ناشر من عشرين بلداً، وتقام فيه ندوات يومية للكتّاب والقراء.&lt;/p&gt;&lt;p&gt;وقالت اللجنة المنظمة إن الدخول مجاني للطلاب طوال أيام المهرجان.&lt;/p&gt;</description>
  </item>
</channel></rss>`;

const englishFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Gazette</title><id>urn:harbour</id><updated>2026-12-07T09:00:00Z</updated>
  <entry>
    <title>Harbour bridge reopens after repairs</title><id>urn:harbour:1</id>
    <link href="https://harbour.example/bridge"/><updated>2026-12-07T09:00:00Z</updated>
    <content type="html">&lt;p&gt;The harbour bridge reopened on Monday after eight months of repairs to its steel cables.&lt;/p&gt;&lt;p&gt;City engineers said the work came in under budget and that traffic would return to normal by the weekend.&lt;/p&gt;&lt;p&gt;Cyclists get a new protected lane on the eastern side of the deck.&lt;/p&gt;</content>
  </entry>
</feed>`;

beforeAll(async () => {
  [web, elsewhere] = await Promise.all([startFeedServer(), startFeedServer()]);
  web.serve('/ar.xml', { body: arabicFeed, contentType: 'application/rss+xml; charset=utf-8' });
  web.serve('/harbour/', {
    body: `<!doctype html><html><head><title>Harbour</title><link rel="alternate" type="application/atom+xml" href="/harbour/atom.xml"></head><body>News</body></html>`,
    contentType: 'text/html; charset=utf-8',
  });
  web.serve('/harbour/atom.xml', { body: englishFeed, contentType: 'application/atom+xml' });
  elsewhere.serve('/feed.xml', { body: englishFeed, contentType: 'application/atom+xml' });
  test = await createTestMujaz('feeds');
  // Only the first server is allowed: the second stands for a host on a private network.
  feeds = await createTestFeeds(test, { fetchAllow: [web.host] });
  app = apiAppOver(test, ADMIN_TOKEN, feeds);
});
afterAll(async () => {
  await test.close();
  await Promise.all([web.close(), elsewhere.close()]);
});

async function call(method: string, path: string, body?: unknown) {
  const response = await app.request(path, {
    method,
    headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

async function subscribeAndConfirm(email: string): Promise<void> {
  await app.request('/subscriptions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  const [confirmation] = await untilEmailsTo(sesEndpoint, email);
  const url = new URL(linkIn(confirmation!, '/subscriptions/confirm')!);
  expect((await app.request(`${url.pathname}${url.search}`, { method: 'POST' })).status).toBe(200);
}

describe('feeds, end to end', () => {
  let arabicId: string;
  let englishId: string;

  it('registers a feed, and a page by the feed it names, each named after its feed', async () => {
    const arabic = await call('POST', '/sources', { url: web.url('/ar.xml') });
    expect(arabic.status).toBe(201);
    expect(arabic.body).toMatchObject({ url: web.url('/ar.xml'), name: 'أخبار الساحل', state: 'active' });
    arabicId = String(arabic.body!.id);

    const english = await call('POST', '/sources', { url: web.url('/harbour/'), fullText: 'never' });
    expect(english.status).toBe(201);
    expect(english.body).toMatchObject({ url: web.url('/harbour/atom.xml'), name: 'Harbour Gazette' });
    englishId = String(english.body!.id);

    const listed = await call('GET', '/sources');
    expect((listed.body!.sources as { id: string }[]).map((source) => source.id)).toEqual([arabicId, englishId]);
    // Every request said who we are.
    expect(web.requests('/ar.xml')[0]!.userAgent).toMatch(/^Mujaz\/\d+\.\d+\.\d+ \(\+https:\/\/api\.mujaz\.test\)$/u);
  });

  it('refuses the same feed twice (409), an address on a private network (400) and a bad URL (400)', async () => {
    const again = await call('POST', '/sources', { url: web.url('/harbour/atom.xml') });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: 'conflict' } });
    const refused = await call('POST', '/sources', { url: elsewhere.url('/feed.xml') });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: { code: 'refused_address' } });
    expect(elsewhere.requests('/feed.xml')).toHaveLength(0);
    const bad = await call('POST', '/sources', { url: 'ftp://example.com/feed' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid_input' } });
    const nothing = await call('POST', '/sources', { url: web.url('/missing.xml') });
    expect(nothing.status).toBe(422);
    expect(nothing.body).toMatchObject({ error: { code: 'feed_unavailable' } });
  });

  it('polls both through the queue, stores their items as reports, and shows what each poll did', async () => {
    // Registration queued a first poll of each.
    expect(await feeds.drainPolls()).toBe(2);
    const arabic = await call('GET', `/sources/${arabicId}`);
    expect(arabic.body).toMatchObject({
      state: 'active',
      consecutiveFailures: 0,
      reportsCreated: 2,
      lastPoll: { status: 'modified', items: 2, created: 2, duplicates: 0, skipped: 0 },
    });
    const english = await call('GET', `/sources/${englishId}`);
    expect(english.body).toMatchObject({ reportsCreated: 1, lastPoll: { status: 'modified', created: 1 } });
  });

  it('asks conditionally the next time, and a 304 creates nothing', async () => {
    expect((await call('POST', `/sources/${arabicId}/poll`)).status).toBe(202);
    expect(await feeds.drainPolls()).toBe(1);
    const [first, second] = web.requests('/ar.xml').slice(-2);
    expect(first!.ifNoneMatch).toBeUndefined();
    expect(second!.ifNoneMatch).toMatch(/^"[0-9a-f]+"$/u);
    expect((await call('GET', `/sources/${arabicId}`)).body).toMatchObject({
      reportsCreated: 2,
      lastPoll: { status: 'not-modified', items: 0, created: 0 },
    });
  });

  it('sends the items in the digest, each with its source’s name', async () => {
    const reader = uniqueAddress('feeds');
    await subscribeAndConfirm(reader);
    const sent = await call('POST', '/digests', { mode: 'send' });
    expect(sent.status).toBe(202);
    expect(await test.untilDone(String(sent.body!.id))).toMatchObject({ state: 'done', reports: 3 });
    const digest = (await emailsTo(sesEndpoint, reader)).find((email) => email.body.html?.includes('/unsubscribe'));
    const html = digest!.body.html!;
    for (const text of [
      'افتتاح محطة تحلية المياه الجديدة في الساحل الشرقي',
      'مهرجان الكتاب يفتح أبوابه في المدينة القديمة',
      'Harbour bridge reopens after repairs',
      'أخبار الساحل',
      'Harbour Gazette',
    ])
      expect(html).toContain(text);
  });

  it('pauses a source (nothing is due, a poll is refused), resumes it, and deletes it keeping its reports', async () => {
    expect((await call('PATCH', `/sources/${englishId}`, { state: 'paused' })).body).toMatchObject({
      state: 'paused',
    });
    expect((await call('POST', `/sources/${englishId}/poll`)).status).toBe(409);
    expect((await call('PATCH', `/sources/${englishId}`, { state: 'active', name: 'The Gazette' })).body).toMatchObject(
      {
        state: 'active',
        name: 'The Gazette',
      },
    );
    expect((await call('DELETE', `/sources/${englishId}`)).status).toBe(204);
    expect((await call('GET', `/sources/${englishId}`)).status).toBe(404);
    expect((await call('DELETE', `/sources/${englishId}`)).status).toBe(404);
    // Its report is still there, and the feed may be registered again.
    expect((await call('POST', '/sources', { url: web.url('/harbour/atom.xml') })).status).toBe(201);
  });
});
