// Hostile feeds: each is refused with a FeedUnreadableError that says why, or parsed in one linear pass. The time and
// heap each took are printed, never asserted (this machine is shared); the outcome is asserted.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FeedsmithFeedParser,
  MAX_FEED_CHARACTERS,
  MAX_FEED_ENTRIES,
} from '../../../lambdas/adapters/feedsmith-feed-parser';
import { MAX_MARKUP_DEPTH } from '../../../lambdas/adapters/htmlparser2-html';
import { FeedUnreadableError } from '../../../lambdas/core/domain/errors';
import type { ParsedFeed } from '../../../lambdas/core/ports/feed-parser';

jest.setTimeout(60_000);

const parser = new FeedsmithFeedParser();
const FEED_URL = 'https://bombs.example/feed';

/** Parses the text, printing how long it took and how much the heap grew; returns the feed or the refusal. */
function timed(label: string, text: string): ParsedFeed | FeedUnreadableError {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = process.hrtime.bigint();
  let outcome: ParsedFeed | FeedUnreadableError;
  try {
    outcome = parser.parse(text, FEED_URL);
  } catch (error) {
    if (!(error instanceof FeedUnreadableError)) throw error;
    outcome = error;
  }
  const milliseconds = Number(process.hrtime.bigint() - started) / 1e6;
  const heapGrowth = (process.memoryUsage().heapUsed - heapBefore) / 2 ** 20;
  const result = outcome instanceof FeedUnreadableError ? `refused: ${outcome.message}` : 'parsed';
  console.log(
    `${label}: ${(text.length / 2 ** 20).toFixed(1)} MB of text, ${milliseconds.toFixed(0)} ms, heap +${heapGrowth.toFixed(0)} MB, ${result}`,
  );
  return outcome;
}

function parsed(outcome: ParsedFeed | FeedUnreadableError): ParsedFeed {
  if (outcome instanceof FeedUnreadableError) throw new Error(`refused: ${outcome.message}`);
  return outcome;
}

function refused(outcome: ParsedFeed | FeedUnreadableError): string {
  if (!(outcome instanceof FeedUnreadableError)) throw new Error('parsed what should have been refused');
  return outcome.message;
}

function rss(items: string, prolog = ''): string {
  return `<?xml version="1.0"?>${prolog}<rss version="2.0"><channel><title>Bombs</title>${items}</channel></rss>`;
}

it('locks every fast-xml-parser at 5.7.0 or later, past its entity-expansion CVEs (CVE-2026-26278, CVE-2026-33036)', () => {
  const lock = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const versions = Object.entries(lock.packages)
    .filter(([path]) => path.endsWith('node_modules/fast-xml-parser'))
    .map(([, entry]) => entry.version!);
  expect(versions.length).toBeGreaterThan(0);
  for (const version of versions) {
    const [major = 0, minor = 0] = version.split('.').map(Number);
    expect(major > 5 || (major === 5 && minor >= 7)).toBe(true);
  }
});

describe('entity declarations', () => {
  const laughs = [
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ''};`.repeat(10)}">`),
  ].join('\n');

  it('refuses a billion-laughs document before parsing it, saying why', () => {
    const bomb = rss(
      '<item><title>&lol9;</title><description>&lol9;</description></item>',
      `<!DOCTYPE rss [${laughs}]>`,
    );
    expect(refused(timed('billion laughs', bomb))).toMatch(/declares XML entities.*billion laughs/su);
  });

  it('refuses any entity a DOCTYPE declares: a plain one, an external one (XXE), a parameter one', () => {
    for (const declaration of [
      '<!ENTITY company "Harbour &amp; Hills">',
      '<!ENTITY xxe SYSTEM "file:///etc/passwd">',
      '<!ENTITY % parameter "x">',
      '<!-- a comment first --><!ELEMENT rss ANY><!entity lower "x">',
    ]) {
      const feed = rss('<item><title>&company;&xxe;</title></item>', `<!DOCTYPE rss [${declaration}]>`);
      expect(refused(timed('entity declaration', feed))).toMatch(/declares XML entities/u);
    }
  });

  it('never expands an entity declared past the root, where no valid feed declares one', () => {
    // fast-xml-parser reads a DOCTYPE anywhere; with entities off it stores what it declares and expands nothing.
    const feed = parsed(
      timed(
        'late billion laughs',
        rss(
          `<!DOCTYPE x [${laughs}<!ENTITY plain "expanded">]>` +
            '<item><title>&plain; &lol9;</title><description>&plain; &lol9;&lol9;</description></item>',
        ),
      ),
    );
    expect(feed.entries).toEqual([{ title: '&plain; &lol9;', text: '&plain; &lol9;&lol9;' }]);
  });

  it('reads a large DOCTYPE that declares no entity', () => {
    const declarations = '<!ELEMENT item ANY><!ATTLIST item id CDATA #IMPLIED>'.repeat(40_000);
    const feed = parsed(
      timed('large DOCTYPE', rss('<item><title>t</title></item>', `<!DOCTYPE rss [${declarations}]>`)),
    );
    expect(feed.entries).toEqual([{ title: 't' }]);
  });
});

describe('numeric character references', () => {
  it('reads 10⁶ of them as one character each', () => {
    const feed = parsed(
      timed('10⁶ numeric references', rss(`<item><description>${'&#65;'.repeat(1e6)}</description></item>`)),
    );
    expect(feed.entries[0]!.text).toBe('A'.repeat(1e6));
  });

  it('reads 10⁶ of them in hexadecimal in a title, and refuses 10⁶ longer ones as over the size cap', () => {
    const title = parsed(
      timed('10⁶ hexadecimal references', rss(`<item><title>${'&#x41;'.repeat(8e5)}</title></item>`)),
    );
    expect(title.entries[0]!.title).toHaveLength(8e5);
    const arabic = rss(`<item><description>${'&#1575;'.repeat(1e6)}</description></item>`);
    expect(arabic.length).toBeGreaterThan(MAX_FEED_CHARACTERS);
    expect(refused(timed('10⁶ seven-character references', arabic))).toMatch(/at most 5 MB/u);
  });

  it('reads references escaped twice (markup in a description) through both decodings', () => {
    const feed = parsed(
      timed(
        '5×10⁵ references escaped twice',
        rss(`<item><description>${'&amp;#1575;'.repeat(4.5e5)}</description></item>`),
      ),
    );
    expect(feed.entries[0]!.text).toBe('ا'.repeat(4.5e5));
  });
});

describe('large and deep feeds', () => {
  const item = (index: number) =>
    `<item><title>Item ${index} &amp; more</title><link>/items/${index}</link><guid>g${index}</guid>` +
    `<pubDate>Mon, 07 Dec 2026 10:00:00 GMT</pubDate>` +
    `<description>&lt;p&gt;Item ${index}, first.&lt;/p&gt;&lt;p&gt;Second &lt;b&gt;bold&lt;/b&gt;.&lt;/p&gt;</description></item>`;

  it(`reads a feed of ${MAX_FEED_ENTRIES.toLocaleString('en')} items, every item in order`, () => {
    const items = Array.from({ length: MAX_FEED_ENTRIES }, (_, index) => item(index));
    const feed = parsed(timed(`${MAX_FEED_ENTRIES} items`, rss(items.join(''))));
    expect(feed.entries).toHaveLength(MAX_FEED_ENTRIES);
    expect(feed.entries[MAX_FEED_ENTRIES - 1]).toEqual({
      guid: `g${MAX_FEED_ENTRIES - 1}`,
      link: `https://bombs.example/items/${MAX_FEED_ENTRIES - 1}`,
      title: `Item ${MAX_FEED_ENTRIES - 1} & more`,
      text: `Item ${MAX_FEED_ENTRIES - 1}, first.\nSecond bold.`,
      publishedAt: '2026-12-07T10:00:00.000Z',
    });
  });

  it('refuses a 20,000-item feed, and 200,000 Atom entries or 450,000 JSON Feed items, before parsing them', () => {
    const tooMany = /more than 5,000 entries/u;
    expect(
      refused(timed('20,000 items', rss(Array.from({ length: 20_000 }, (_, index) => item(index)).join('')))),
    ).toMatch(tooMany);
    expect(
      refused(timed('5,001 items', rss(Array.from({ length: 5_001 }, (_, index) => item(index)).join('')))),
    ).toMatch(tooMany);
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>${'<entry><id>i</id></entry>'.repeat(2e5)}</feed>`;
    expect(refused(timed('200,000 Atom entries', atom))).toMatch(tooMany);
    const json = `{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[${'{"id":"i"},'.repeat(4.5e5)}{"id":"j"}]}`;
    expect(refused(timed('450,000 JSON Feed items', json))).toMatch(tooMany);
  });

  it(`reads markup in an entry no deeper than ${MAX_MARKUP_DEPTH} elements`, () => {
    const unclosed = '<div>x'.repeat(800_000);
    const feed = parsed(
      timed(
        '800,000 unclosed <div>',
        rss(`<item><description><![CDATA[<p>start</p>${unclosed}]]></description></item>`),
      ),
    );
    expect(feed.entries[0]!.text!.split('\n')).toEqual(['start', ...Array<string>(MAX_MARKUP_DEPTH).fill('x')]);
  });

  it('refuses XML nested deeper than fast-xml-parser’s 100 levels', () => {
    const nested = `${'<x>'.repeat(1_000)}${'</x>'.repeat(1_000)}`;
    expect(refused(timed('1,000 nested elements', rss(`<item>${nested}</item>`)))).toMatch(
      /XML is malformed: .*nested/u,
    );
  });

  it('reads a JSON Feed nested a million deep where it names no field we read', () => {
    const json = `{"version":"https://jsonfeed.org/version/1.1","title":"t","extra":${'['.repeat(1e6)}${']'.repeat(1e6)},"items":[{"id":"i"}]}`;
    expect(parsed(timed('JSON nested 10⁶ deep', json)).entries).toEqual([{ guid: 'i' }]);
  });
});
