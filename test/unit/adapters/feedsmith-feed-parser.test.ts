import { FeedsmithFeedParser, MAX_FEED_CHARACTERS } from '../../../lambdas/adapters/feedsmith-feed-parser';
import { FeedUnreadableError } from '../../../lambdas/core/domain/errors';
import type { FeedEntry, ParsedFeed } from '../../../lambdas/core/ports/feed-parser';
import { type FeedFixture, feedFixture } from '../../support/feed-fixtures';

const parser = new FeedsmithFeedParser();

function rss(items: string, channel = '<title>T</title>'): string {
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>${channel}${items}</channel></rss>`;
}

function onlyEntry(feed: ParsedFeed): FeedEntry {
  expect(feed.entries).toHaveLength(1);
  return feed.entries[0]!;
}

function unreadable(text: string): FeedUnreadableError {
  try {
    parser.parse(text, 'https://feeds.example/feed');
  } catch (error) {
    expect(error).toBeInstanceOf(FeedUnreadableError);
    return error as FeedUnreadableError;
  }
  throw new Error('parsed what should have been refused');
}

describe('RSS 2.0', () => {
  const feed = parser.parse(feedFixture('rss2-content-encoded.xml'), 'https://harbour.example/feed/');

  it('reads the channel: title on one line with its entities resolved, primary language, ttl', () => {
    expect(feed).toMatchObject({ format: 'rss', title: 'Harbour & Hills Weekly', language: 'en', ttlMinutes: 120 });
  });

  it('reads every item in feed order: content:encoded before description, RFC 822 dates as instants', () => {
    expect(feed.entries).toEqual([
      {
        guid: 'https://harbour.example/?p=4812',
        link: 'https://harbour.example/2026/12/ferry-timetable/',
        title: 'Ferry timetable changes & winter fares',
        text:
          'The winter timetable starts on Monday, with two crossings a day instead of five.\n' +
          'Tickets bought for December stay valid & can be exchanged at the harbour office.\n' +
          'Questions: write to us.',
        publishedAt: '2026-12-07T06:30:00.000Z',
      },
      {
        guid: 'https://harbour.example/2026/12/sea-wall/',
        link: 'https://harbour.example/2026/12/sea-wall/',
        title: 'Council approves the new sea wall',
        text: 'Work on the sea wall begins in March.\nIt will take two years.',
        publishedAt: '2026-12-06T18:00:00.000Z',
      },
      {
        guid: 'fish-market-2026',
        link: 'https://harbour.example/2026/12/fish-market/',
        title: 'Fish market opening hours',
        text: 'The fish market now opens at 6.\nOn Sundays it stays closed.',
        publishedAt: '2026-12-05T12:00:00.000Z',
      },
      {
        guid: 'unreadable-date',
        title: 'An item with a date nobody can read',
        text: 'Dates like this one are left out.',
      },
    ]);
  });

  it('falls back to the description when content:encoded renders to nothing', () => {
    const feed = parser.parse(
      rss(
        '<item><content:encoded><![CDATA[<p> </p><script>x()</script>]]></content:encoded><description>Real text</description></item>',
      ),
      'https://x.example/',
    );
    expect(onlyEntry(feed)).toEqual({ text: 'Real text' });
  });

  it('takes a guid for the link when it is a permalink (the default), never when isPermaLink="false"', () => {
    const permalink = parser.parse(rss('<item><guid>https://news.example/p/2</guid></item>'), 'https://news.example/');
    expect(onlyEntry(permalink).link).toBe('https://news.example/p/2');
    const notPermalink = parser.parse(
      rss('<item><guid isPermaLink="false">https://news.example/p/1</guid><title>t</title></item>'),
      'https://news.example/',
    );
    expect(onlyEntry(notPermalink)).toEqual({ guid: 'https://news.example/p/1', title: 't' });
    const relativeGuid = parser.parse(rss('<item><guid>/p/3</guid></item>'), 'https://news.example/');
    expect(onlyEntry(relativeGuid)).toEqual({ guid: '/p/3' });
  });

  it('prefers <link> to the guid, and dc:date when there is no pubDate', () => {
    const feed = parser.parse(
      rss(
        '<item><link>https://news.example/a</link><guid>https://news.example/?p=1</guid><dc:date>2026-12-01T10:00:00+02:00</dc:date></item>',
      ).replace('<rss ', '<rss xmlns:dc="http://purl.org/dc/elements/1.1/" '),
      'https://news.example/',
    );
    expect(onlyEntry(feed)).toMatchObject({ link: 'https://news.example/a', publishedAt: '2026-12-01T08:00:00.000Z' });
  });

  it('keeps a ttl only when it is a whole number of minutes above zero', () => {
    for (const ttl of ['0', '-5', 'soon', '1.5']) {
      expect(parser.parse(rss('', `<title>T</title><ttl>${ttl}</ttl>`), 'https://x.example/').ttlMinutes).toBe(
        undefined,
      );
    }
    expect(parser.parse(rss('', '<title>T</title><ttl> 60 </ttl>'), 'https://x.example/').ttlMinutes).toBe(60);
  });

  it('reads a language it can name only: an ISO 639 primary subtag', () => {
    const language = (tag: string) =>
      parser.parse(rss('', `<title>T</title><language>${tag}</language>`), 'https://x.example/').language;
    expect(language('AR-eg')).toBe('ar');
    expect(language('zh_TW')).toBe('zh');
    expect(language('english')).toBe(undefined);
  });

  it('leaves out what an item does not have or holds only blanks; an item with nothing at all is none', () => {
    const feed = parser.parse(
      rss('<item><title> \n </title><description>&lt;p&gt; &lt;/p&gt;</description><guid> g </guid></item><item/>'),
      'https://x.example/',
    );
    expect(feed.entries).toEqual([{ guid: 'g' }]);
  });
});

describe('RSS 0.91', () => {
  it('reads a Netscape RSS 0.91 with its external DOCTYPE: items without guid or date', () => {
    const feed = parser.parse(feedFixture('rss091.xml'), 'http://valley-radio.example/rss.xml');
    expect(feed).toEqual({
      format: 'rss',
      title: 'Valley Radio',
      language: 'en',
      entries: [
        {
          link: 'http://valley-radio.example/news/pass.html',
          title: 'Road to the pass reopens',
          text: 'The road to the pass reopened this morning after the snow was cleared.',
        },
        {
          link: 'http://valley-radio.example/news/concert.html',
          title: 'School concert on Friday',
          text: 'Pupils sing at the town hall at 7 pm.',
        },
      ],
    });
  });
});

describe('RSS 1.0 (RDF)', () => {
  it('reads dc:language, rdf:about as the guid, content:encoded, dc:date; a bare day names no instant', () => {
    const feed = parser.parse(feedFixture('rss1-rdf.xml'), 'https://observatory.example/rss');
    expect(feed).toEqual({
      format: 'rdf',
      title: 'Observatory Notes',
      language: 'de',
      entries: [
        {
          guid: 'https://observatory.example/notes/geminids',
          link: 'https://observatory.example/notes/geminids',
          title: 'Geminids peak on the 14th',
          text: 'The Geminids peak in the night of the 14th.\nUp to 120 meteors an hour under a dark sky.',
          publishedAt: '2026-12-04T20:00:00.000Z',
        },
        {
          guid: 'https://observatory.example/notes/comet',
          link: 'https://observatory.example/notes/comet',
          title: 'A comet in the morning sky',
          text: 'Binoculars will do.',
        },
      ],
    });
  });
});

describe('Atom', () => {
  const feed = parser.parse(feedFixture('atom-xml-base.xml'), 'https://blog.example/feeds/atom');

  it('reads the feed: its html title as text, its xml:lang', () => {
    expect(feed).toMatchObject({ format: 'atom', title: 'Carnet du lac', language: 'fr' });
    expect(feed.ttlMinutes).toBeUndefined();
  });

  it('resolves links against xml:base (the entry’s, itself against the feed’s), taking the alternate link', () => {
    expect(feed.entries.map((entry) => entry.link)).toEqual([
      'https://blog.example/fr/billets/glace.html',
      'https://blog.example/archives/2026/marche',
      'https://autre.example/billet',
    ]);
  });

  it('reads content by its type — html and xhtml as markup, text as text — and falls back to the summary', () => {
    expect(feed.entries.map(({ title, text }) => ({ title, text }))).toEqual([
      { title: 'La glace est prise', text: 'La glace tient depuis hier.\nOn peut patiner près du quai.' },
      { title: 'Le marché de Noël', text: 'Le marché ouvre samedi.\nIl y aura du vin chaud & des crêpes.' },
      // type="text": a "<" is a character, and these characters are the title and the summary.
      { title: 'Résumé seulement <pas de balise>', text: 'Un texte brut <b>sans</b> balises.' },
    ]);
  });

  it('takes the id as the guid, and published before updated', () => {
    expect(feed.entries.map(({ guid, publishedAt }) => ({ guid, publishedAt }))).toEqual([
      { guid: 'tag:blog.example,2026:/fr/glace', publishedAt: '2026-12-06T12:45:00.000Z' },
      { guid: 'tag:blog.example,2026:/archives/marche', publishedAt: '2026-12-05T10:00:00.000Z' },
      { guid: 'urn:uuid:60a76c80-d399-11d9-b93c-0003939e0af6', publishedAt: '2026-12-04T12:00:00.000Z' },
    ]);
  });

  it('takes an alternate link (one without rel is one) over any other, and an HTML one over another type', () => {
    const links = (entryLinks: string) =>
      onlyEntry(
        parser.parse(
          `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id>${entryLinks}</entry></feed>`,
          'https://site.example/',
        ),
      ).link;
    expect(links('<link rel="enclosure" href="/audio.mp3"/><link rel="related" href="/r"/><link href="/a"/>')).toBe(
      'https://site.example/a',
    );
    expect(
      links(
        '<link rel="alternate" type="application/pdf" href="/x.pdf"/><link rel="alternate" type="text/html" href="/x"/>',
      ),
    ).toBe('https://site.example/x');
    expect(links('<link rel="alternate" type="application/pdf" href="/x.pdf"/>')).toBe('https://site.example/x.pdf');
    expect(links('<link rel="self" href="/self"/>')).toBeUndefined();
  });

  it('reads no text from content of another media type, nor from content that renders to nothing', () => {
    const texts = parser
      .parse(
        `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
          <entry><id>1</id><content type="application/octet-stream">SGVsbG8=</content><summary>one</summary></entry>
          <entry><id>2</id><content type="html">&lt;img src="x"&gt;</content><summary>two</summary></entry>
          <entry><id>3</id><content type="text/plain">three</content><summary>not this</summary></entry>
          <entry><id>4</id><content type="image/png">iVBORw0KGgo=</content></entry></feed>`,
        'https://site.example/',
      )
      .entries.map((entry) => entry.text);
    expect(texts).toEqual(['one', 'two', 'three', undefined]);
  });

  it('resolves against the feed URL when there is no xml:base, and reads no text from out-of-line content', () => {
    const feed = parser.parse(
      `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><id>1</id><link href="../a/b"/>
        <content type="application/pdf" src="/doc.pdf"/><summary type="html">&lt;p&gt;Sum&lt;/p&gt;</summary>
        <updated>2026-12-01T00:00:00Z</updated></entry></feed>`,
      'https://site.example/feeds/x/atom.xml',
    );
    expect(onlyEntry(feed)).toEqual({
      guid: '1',
      link: 'https://site.example/feeds/a/b',
      text: 'Sum',
      publishedAt: '2026-12-01T00:00:00.000Z',
    });
  });
});

describe('JSON Feed', () => {
  const feed = parser.parse(feedFixture('json-feed-1.1.json'), 'https://tides.example/feed.json');

  it('reads the feed: a one-line title, its language', () => {
    expect(feed).toMatchObject({ format: 'json', title: 'Tide Tables Daily', language: 'pt' });
  });

  it('reads content_html before content_text, content_text before summary (as text), and the dates', () => {
    expect(feed.entries).toEqual([
      {
        guid: '2026-12-07',
        link: 'https://tides.example/2026/12/07/',
        title: 'High tide at 11:42',
        text: 'High tide at 11:42, low tide at 17:55.\nDetails',
        publishedAt: '2026-12-07T08:00:00.000Z',
      },
      {
        guid: '2026-12-06',
        link: 'https://tides.example/2026/12/06/',
        title: 'Spring tide',
        text: 'Spring tide this weekend.\nKeep boats clear of the slipway.',
        publishedAt: '2026-12-06T08:00:00.000Z',
      },
      {
        guid: '2026-12-05',
        link: 'https://news.example/tides', // the url is ftp:, so the external_url
        text: 'Only a summary, with <b>no</b> markup taken as markup.',
      },
    ]);
  });

  it('falls back from content that renders to nothing: content_html to content_text to summary', () => {
    const feed = parser.parse(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'T',
        items: [
          { id: 'a', content_html: '<img src="x.png">', content_text: 'text a', summary: 'summary a' },
          { id: 'b', content_html: '<p> </p>', content_text: ' \n ', summary: 'summary b' },
        ],
      }),
      'https://x.example/feed.json',
    );
    expect(feed.entries).toEqual([
      { guid: 'a', text: 'text a' },
      { guid: 'b', text: 'summary b' },
    ]);
  });

  it('reads a JSON Feed 1.0 with a numeric id, its title as text', () => {
    const feed = parser.parse(
      '{"version":"https://jsonfeed.org/version/1","title":"T","items":[{"id":42,"title":"Fish <and> chips","content_text":"x"}]}',
      'https://x.example/feed.json',
    );
    expect(onlyEntry(feed)).toEqual({ guid: '42', title: 'Fish <and> chips', text: 'x' });
  });

  it('reads a JSON Feed whose text still starts with a byte order mark', () => {
    const json = feedFixture('json-feed-1.1.json');
    expect(parser.parse(`\uFEFF${json}`, 'https://tides.example/feed.json')).toEqual(feed);
  });
});

describe('an Arabic feed in UTF-8', () => {
  const feed = parser.parse(feedFixture('arabic-utf8.xml'), 'https://sahil.example/rss');

  it('keeps the Arabic title, language, text in reading order, a paragraph a line', () => {
    expect(feed).toMatchObject({ format: 'rss', title: 'أخبار الساحل الشرقي', language: 'ar', ttlMinutes: 30 });
    expect(feed.entries.map(({ title, text }) => ({ title, text }))).toEqual([
      {
        title: 'افتتاح محطة تحلية المياه الجديدة',
        text:
          'افتتحت هيئة المياه الإقليمية صباح الاثنين محطة التحلية الجديدة في الساحل الشرقي.\n' +
          'وقال مدير المشروع إن المحطة ستوفر المياه لأكثر من مئة ألف أسرة يومياً.',
      },
      {
        title: 'مهرجان الكتاب في "المدينة القديمة"',
        text: 'يبدأ مهرجان الكتاب يوم الخميس ويستمر أسبوعاً.\nيشارك فيه أكثر من مئتي ناشر.',
      },
    ]);
  });

  it('writes an Arabic IRI as the URL it is, percent-encoded like the link that was already', () => {
    expect(feed.entries.map((entry) => entry.link)).toEqual([
      'https://sahil.example/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D9%85%D8%AD%D8%B7%D8%A9-%D8%A7%D9%84%D8%AA%D8%AD%D9%84%D9%8A%D8%A9',
      'https://sahil.example/%D8%AB%D9%82%D8%A7%D9%81%D8%A9/%D9%85%D9%87%D8%B1%D8%AC%D8%A7%D9%86',
    ]);
    expect(feed.entries.map((entry) => entry.publishedAt)).toEqual([
      '2026-12-07T06:00:00.000Z',
      '2026-12-06T17:30:00.000Z',
    ]);
  });

  it('reads a feed whose text still starts with a byte order mark', () => {
    expect(parser.parse(`\uFEFF${feedFixture('arabic-utf8.xml')}`, 'https://sahil.example/rss')).toEqual(feed);
  });
});

describe('sanitizing', () => {
  const FIXTURES: [FeedFixture, string][] = [
    ['rss2-content-encoded.xml', 'https://harbour.example/feed/'],
    ['rss091.xml', 'http://valley-radio.example/rss.xml'],
    ['rss1-rdf.xml', 'https://observatory.example/rss'],
    ['atom-xml-base.xml', 'https://blog.example/feeds/atom'],
    ['json-feed-1.1.json', 'https://tides.example/feed.json'],
    ['arabic-utf8.xml', 'https://sahil.example/rss'],
  ];
  /** What of the fixtures' scripts, styles, handlers and link targets would show if any got through. */
  const NEVER = ['alert', 'document.cookie', 'evil.example', 'color: red', 'display: none', 'onerror', '/contact/'];

  it.each(FIXTURES)('lets no script, style, handler or link target of %s through, nor javascript:', (name, url) => {
    const feed = parser.parse(feedFixture(name), url);
    const written = JSON.stringify(feed);
    for (const needle of [...NEVER, 'javascript:', '<script', '<style']) expect(written).not.toContain(needle);
    for (const entry of feed.entries) {
      if (entry.link !== undefined) expect(entry.link).toMatch(/^https?:\/\//u);
    }
  });

  it('turns every kind of markup to its text alone', () => {
    const html = [
      '<p>One <a href="javascript:steal()" onclick="steal()">link</a>.</p>',
      '<iframe src="https://evil.example/">frame text</iframe><object data="x">object text</object>',
      '<svg><script>svgScript()</script><text>svg text</text></svg><math><mi>x</mi></math>',
      '<noscript>noscript text</noscript><template><p>template text</p></template>',
      '<!-- a comment --><?php echo 1; ?><form><button>Press</button><select><option>opt</option></select></form>',
      '<table><tr><td>cell</td><td>next</td></tr></table><ul><li>first</li><li>second</li></ul>',
      '<pre>line 1\nline 2</pre>A&nbsp;B &amp; C &#x1F600; &eacute;<br>after break',
      '<style>body{}</style><script src="https://evil.example/x.js"></script><p>end</p>',
    ].join('');
    const feed = parser.parse(rss(`<item><description><![CDATA[${html}]]></description></item>`), 'https://x.example/');
    expect(onlyEntry(feed).text).toBe(
      ['One link.', 'cell next', 'first', 'second', 'line 1', 'line 2', 'A B & C 😀 é', 'after break', 'end'].join(
        '\n',
      ),
    );
  });

  it('keeps markup written as text (escaped twice) as the text a reader sees', () => {
    const feed = parser.parse(
      rss('<item><description>&lt;p&gt;Write &amp;lt;script&amp;gt; to run code.&lt;/p&gt;</description></item>'),
      'https://x.example/',
    );
    expect(onlyEntry(feed).text).toBe('Write <script> to run code.');
  });

  it('drops links that are not http: or https:, whatever their spelling', () => {
    const links = [
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
    ];
    const feed = parser.parse(
      rss(links.map((link) => `<item><link>${link}</link></item>`).join('')),
      'https://x.example/',
    );
    expect(feed.entries).toEqual(links.map(() => ({})));
  });
});

describe('discovering feeds in a page', () => {
  it('finds the rel="alternate" feeds a page names, absolute and in its order, and nothing else', () => {
    expect(parser.discoverFeeds(feedFixture('page-naming-two-feeds.html'), 'https://harbour.example/about/')).toEqual([
      'https://harbour.example/feed/',
      'https://harbour.example/comments/feed.atom',
    ]);
  });

  it('takes every feed type, however written, resolves against <base href>, and names each feed once', () => {
    const page = `<html><head><base href="https://cdn.example/site/">
      <LINK REL="Alternate" TYPE="Application/RSS+XML; charset=utf-8" HREF="rss.xml">
      <link rel="alternate feed" type="application/feed+json" href="/feed.json">
      <link rel="alternate" type="application/json" href="https://other.example/feed.json">
      <link rel="alternate" type="application/atom+xml" href="rss.xml">
      <link rel="alternate" type="application/atom+xml" href="data:application/atom+xml,x">
      <link rel="alternate" type="text/html" href="/en/">
      <link rel="alternate" type="application/rss+xml">
      <link rel="feed" type="application/rss+xml" href="/not-alternate.xml">
      </head><body><link rel="alternate" type="application/atom+xml" href="/late.atom"></body></html>`;
    expect(parser.discoverFeeds(page, 'https://site.example/page')).toEqual([
      'https://cdn.example/site/rss.xml',
      'https://cdn.example/feed.json',
      'https://other.example/feed.json',
      'https://cdn.example/late.atom',
    ]);
  });

  it('finds none in a page that names none, in text that is no page, or in an empty one', () => {
    expect(parser.discoverFeeds('<html><head><title>x</title></head></html>', 'https://x.example/')).toEqual([]);
    expect(parser.discoverFeeds('just text', 'https://x.example/')).toEqual([]);
    expect(parser.discoverFeeds('', 'https://x.example/')).toEqual([]);
  });
});

describe('what is no feed', () => {
  it.each([
    ['', /empty/u],
    [' \n\t ', /empty/u],
    ['<!DOCTYPE html><html><head><title>Home</title></head><body><p>hi</p></body></html>', /web page \(HTML\)/u],
    ['<body><p>a fragment</p></body>', /web page \(HTML\)/u],
    ['\u0000\u0007\u00ff\u00fe binary \u0001', /neither XML nor JSON/u],
    ['Just some words.', /neither XML nor JSON/u],
    ['<?xml version="1.0"?><opml version="2.0"><head/><body/></opml>', /first element is <opml>/u],
    ['<?xml version="1.0"?>', /has no element/u],
    ['<!-- never closed <rss version="2.0">', /comment before its root is never closed/u],
    ['<?xml version="1.0"', /processing instruction before its root is never closed/u],
    ['{"version": "https://jsonfeed.org/version/1.1", "title": ', /JSON is malformed/u],
    ['{"name": "a package", "version": "1.0.0"}', /not a JSON Feed/u],
    ['<rss version="2.0"></rss>', /This RSS document holds no feed/u],
    ['<rss version="2.0"><channel><title>x</title><item><title>a</item></channel></rss>', /XML is malformed: /u],
    ['<feed><nothing/></feed>', /starts like Atom but is not one/u],
  ])('refuses %j', (text, message) => {
    expect(unreadable(text).message).toMatch(message);
  });

  it('refuses a text over the size the fetcher brings, before reading it', () => {
    const text = rss(`<item><title>${'x'.repeat(MAX_FEED_CHARACTERS)}</title></item>`);
    expect(unreadable(text).message).toMatch(/Mujaz reads feeds of at most 5 MB/u);
  });
});
