import {
  clipText,
  countWords,
  DERIVED_TITLE_LENGTH,
  entryKeys,
  examinedEntries,
  type FeedEntry,
  FIRST_POLL_ENTRIES,
  FULL_TEXT_MIN_WORDS,
  MAX_POLL_ENTRIES,
  newestEntries,
  reportFromEntry,
  wantsFullText,
} from '../../../lambdas/core/domain/feed-entries';
import { MAX_TITLE_LENGTH, submissionFrom } from '../../../lambdas/core/domain/report-submission';

const SHA256_KEY = /^(guid|link|content):[\da-f]{64}$/u;
const words = (count: number, word = 'word') => Array.from({ length: count }, () => word).join(' ');

describe('newestEntries', () => {
  it('puts dated entries newest first, comparing instants across offsets, a tie in feed order', () => {
    const entries = [
      { id: 'a', publishedAt: '2026-03-01T10:00:00Z' },
      { id: 'b', publishedAt: '2026-03-01T12:00:00+03:00' }, // 09:00Z: older than a
      { id: 'c', publishedAt: '2026-03-02T00:00:00Z' },
      { id: 'd', publishedAt: '2026-03-01T10:00:00.000Z' }, // the same instant as a: after it, in feed order
    ];
    expect(newestEntries(entries, false).map((entry) => entry.id)).toStrictEqual(['c', 'a', 'd', 'b']);
  });

  it('puts undated entries, and those whose date is no instant, after the dated ones in feed order', () => {
    const entries = [
      { id: 'u1' },
      { id: 'old', publishedAt: '2020-01-01T00:00:00Z' },
      { id: 'u2', publishedAt: 'yesterday' },
      { id: 'new', publishedAt: '2026-01-01T00:00:00Z' },
      { id: 'u3', publishedAt: '2026-02-30T00:00:00Z' },
    ];
    expect(newestEntries(entries, false).map((entry) => entry.id)).toStrictEqual(['new', 'old', 'u1', 'u2', 'u3']);
  });

  it('keeps feed order for a feed without dates', () => {
    const entries: { id: string; publishedAt?: string }[] = ['x', 'y', 'z'].map((id) => ({ id }));
    expect(newestEntries(entries, true)).toStrictEqual(entries);
  });

  it(`takes the ${FIRST_POLL_ENTRIES} newest on a first poll and at most ${MAX_POLL_ENTRIES} on any other`, () => {
    const entries = Array.from({ length: 150 }, (_, day) => ({
      day,
      publishedAt: new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString(),
    }));
    const first = newestEntries(entries, true);
    expect(first.map((entry) => entry.day)).toStrictEqual([149, 148, 147, 146, 145, 144, 143, 142, 141, 140]);
    const later = newestEntries(entries, false);
    expect(later).toHaveLength(MAX_POLL_ENTRIES);
    expect(later[0]!.day).toBe(149);
    expect(later[99]!.day).toBe(50);
    expect(entries[0]!.day).toBe(0); // the feed's own list is left as it was
  });
});

describe('entryKeys', () => {
  it('names an entry by its guid, its normalized link and a hash of its title and text, in that order', () => {
    const [keys] = entryKeys([{ guid: 'urn:1', link: 'https://example.com/1', title: 'T', text: 'Body.' }]);
    expect(keys).toHaveLength(3);
    expect(keys!.map((key) => key.split(':')[0])).toStrictEqual(['guid', 'link', 'content']);
    for (const key of keys!) expect(key).toMatch(SHA256_KEY);
  });

  it('gives one key to one value, whatever spelling the feed uses, and different keys to different values', () => {
    const [a, b, c] = entryKeys([
      { guid: 'urn:1', link: 'https://Example.com/%d8%a3?utm_source=rss#top', title: 'T', text: 'One  two.' },
      { guid: ' urn:1 \n', link: 'https://example.com/أ', title: ' T ', text: 'One two.\r\n' },
      { guid: 'urn:2', link: 'https://example.com/b', title: 'T', text: 'One two three.' },
    ]);
    // Within one list a repeated guid or link is no key: compare across lists, as across polls.
    expect(
      entryKeys([{ guid: 'urn:1', link: 'https://example.com/أ', title: 'T', text: 'One two.' }])[0],
    ).toStrictEqual(
      entryKeys([{ guid: ' urn:1 ', link: 'https://EXAMPLE.com/%D8%A3#x', title: 'T\u200B', text: 'One  two. ' }])[0],
    );
    expect(a).toStrictEqual([expect.stringMatching(/^content:/u)]);
    expect(b).toStrictEqual(a);
    expect(c).toHaveLength(3);
    expect(c![2]).not.toBe(a![0]);
  });

  it('drops a guid that more than one entry of the feed has, keeping each entry its other keys', () => {
    const entries: FeedEntry[] = Array.from({ length: 10 }, (_, index) => ({
      guid: 'same-for-all',
      link: `https://example.com/${index}`,
      title: `Item ${index}`,
    }));
    entries.push({ guid: 'unique', title: 'Another' });
    const keys = entryKeys(entries);
    expect(new Set(keys.map((list) => list.join())).size).toBe(11);
    expect(keys.slice(0, 10).every((list) => list.length === 2 && list[0]!.startsWith('link:'))).toBe(true);
    expect(keys[10]![0]).toMatch(/^guid:/u);
  });

  it('drops a link that more than one entry has (every item pointing at the home page)', () => {
    const keys = entryKeys([
      { guid: 'a', link: 'https://example.com/', title: 'A' },
      { guid: 'b', link: 'https://EXAMPLE.com/#news', title: 'B' },
      { link: 'https://example.com/c', title: 'C' },
    ]);
    expect(keys.map((list) => list.map((key) => key.split(':')[0]))).toStrictEqual([
      ['guid', 'content'],
      ['guid', 'content'],
      ['link', 'content'],
    ]);
  });

  it('still knows an entry whose guid changed (by its link), or whose title was edited (by its guid)', () => {
    const [before] = entryKeys([{ guid: 'v1', link: 'https://example.com/1', title: 'Old', text: 'Text.' }]);
    const [newGuid] = entryKeys([{ guid: 'v2', link: 'https://example.com/1', title: 'Old', text: 'Text.' }]);
    const [newTitle] = entryKeys([{ guid: 'v1', link: 'https://example.com/1?x', title: 'New', text: 'Text.' }]);
    const shared = (a: string[], b: string[]) => a.filter((key) => b.includes(key));
    expect(shared(before!, newGuid!)).toStrictEqual([before![1], before![2]]);
    expect(shared(before!, newTitle!)).toStrictEqual([before![0]]);
  });

  it('never takes a guid for the link it spells, nor a title for a text', () => {
    const [asGuid] = entryKeys([{ guid: 'https://example.com/1' }]);
    const [asLink] = entryKeys([{ link: 'https://example.com/1' }]);
    expect(asGuid).toHaveLength(1);
    expect(asLink).toHaveLength(1);
    expect(asGuid![0]).not.toBe(asLink![0]);
    const [titleOnly] = entryKeys([{ title: 'Words' }]);
    const [textOnly] = entryKeys([{ text: 'Words' }]);
    expect(titleOnly).toHaveLength(1);
    expect(textOnly).toHaveLength(1);
    expect(titleOnly).not.toStrictEqual(textOnly);
  });

  it('gives no keys for what names nothing: no guid, a blank one, a link that is not http(s), no title or text', () => {
    expect(entryKeys([{}, { guid: '  ', link: 'mailto:a@example.com', title: ' \u200B ', text: '\n' }])).toStrictEqual([
      [],
      [],
    ]);
  });
});

describe('examinedEntries', () => {
  it('returns the newest entries with their keys, uniqueness judged against the whole feed', () => {
    const feed: FeedEntry[] = Array.from({ length: 12 }, (_, index) => ({
      guid: index === 0 || index === 11 ? 'shared' : `g${index}`,
      title: `Item ${index}`,
      publishedAt: new Date(Date.UTC(2026, 0, 20 - index)).toISOString(),
    }));
    const examined = examinedEntries(feed, true);
    expect(examined.map(({ entry }) => entry.title)).toStrictEqual(feed.slice(0, 10).map((entry) => entry.title));
    expect(examined[0]!.keys.map((key) => key.split(':')[0])).toStrictEqual(['content']);
    expect(examined[1]!.keys).toStrictEqual(entryKeys(feed)[1]);
    expect(examined[1]!.keys.map((key) => key.split(':')[0])).toStrictEqual(['guid', 'content']);
    expect(examinedEntries(feed, false)).toHaveLength(12);
  });
});

describe('wantsFullText', () => {
  const link = 'https://example.com/story';

  it(`with auto, fetches the page when the feed gives fewer than ${FULL_TEXT_MIN_WORDS} words`, () => {
    expect(wantsFullText('auto', { link, text: words(FULL_TEXT_MIN_WORDS - 1) })).toBe(true);
    expect(wantsFullText('auto', { link, text: words(FULL_TEXT_MIN_WORDS) })).toBe(false);
    expect(wantsFullText('auto', { link })).toBe(true);
    // Words, not characters: 149 Arabic words with punctuation between them are still 149.
    expect(wantsFullText('auto', { link, text: `${words(FULL_TEXT_MIN_WORDS - 1, 'كلمة،')}` })).toBe(true);
  });

  it('with always, fetches it whatever the feed gives; with never, never', () => {
    expect(wantsFullText('always', { link, text: words(500) })).toBe(true);
    expect(wantsFullText('never', { link })).toBe(false);
  });

  it('never fetches without an http(s) link', () => {
    expect(wantsFullText('always', {})).toBe(false);
    expect(wantsFullText('auto', { text: 'short' })).toBe(false);
    expect(wantsFullText('always', { link: 'ftp://example.com/story' })).toBe(false);
  });
});

describe('countWords', () => {
  it('counts words as the summarizer does, in any script', () => {
    expect(countWords('One, two — three.')).toBe(3);
    expect(countWords('قال الوزير، اليوم.')).toBe(3);
    expect(countWords('')).toBe(0);
  });
});

describe('reportFromEntry', () => {
  const source = { name: 'الجزيرة', language: 'ar' };
  const entry: FeedEntry = {
    guid: 'urn:1',
    link: 'https://example.com/أخبار/1#top',
    title: '  عنوان الخبر  ',
    text: 'الفقرة الأولى من الخبر.\n\n  الفقرة الثانية من الخبر. ',
    publishedAt: '2026-03-01T09:00:00+03:00',
  };

  it('builds the report ingestReport takes: title, text, link, date, the source name and its language', () => {
    const result = reportFromEntry(entry, source);
    expect(result).toStrictEqual({
      outcome: 'report',
      textFrom: 'feed',
      submission: {
        title: 'عنوان الخبر',
        body: 'الفقرة الأولى من الخبر.\nالفقرة الثانية من الخبر.',
        url: 'https://example.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/1#top',
        publishedAt: '2026-03-01T09:00:00+03:00',
        source: 'الجزيرة',
        language: 'ar',
      },
    });
    if (result.outcome !== 'report') throw new Error('expected a report');
    expect(submissionFrom(result.submission)).toStrictEqual(result.submission);
  });

  it('leaves the language to detection when the source names none, and leaves out what the entry lacks', () => {
    expect(reportFromEntry({ title: 'Title', text: 'One. Two.' }, { name: 'Feed' })).toStrictEqual({
      outcome: 'report',
      textFrom: 'feed',
      submission: { title: 'Title', body: 'One. Two.', source: 'Feed' },
    });
  });

  it('leaves out a date that is no instant, a link that is not http(s) and one too long for a report', () => {
    const result = reportFromEntry({ ...entry, publishedAt: 'Sun, 01 Mar 2026 09:00:00 GMT' }, source);
    expect(result.outcome === 'report' && 'publishedAt' in result.submission).toBe(false);
    for (const link of ['ftp://example.com/1', `https://example.com/${'a'.repeat(2030)}`]) {
      const linked = reportFromEntry({ ...entry, link }, source);
      expect(linked.outcome === 'report' && 'url' in linked.submission).toBe(false);
    }
    const longest = `https://example.com/${'a'.repeat(2048 - 20)}`;
    const kept = reportFromEntry({ ...entry, link: longest }, source);
    expect(kept.outcome === 'report' && kept.submission.url).toBe(longest);
  });

  it('skips an entry with no text at all, from the feed or the page, as no_text', () => {
    expect(reportFromEntry({ title: 'Only a title', link: 'https://example.com/' }, source)).toStrictEqual({
      outcome: 'skipped',
      reason: 'no_text',
    });
    expect(reportFromEntry({ title: 'T', text: ' \n\u200B\n' }, source, { text: '' })).toStrictEqual({
      outcome: 'skipped',
      reason: 'no_text',
    });
  });

  it("takes the page's article when it holds more words than the feed's text, else the feed's", () => {
    const teaser = { title: 'T', text: 'A short teaser.' };
    const article = { title: 'Page headline', text: 'The whole article. Its second sentence.' };
    expect(reportFromEntry(teaser, source, article)).toMatchObject({
      textFrom: 'page',
      submission: { title: 'T', body: article.text },
    });
    expect(reportFromEntry(teaser, source, { text: 'Three other words.' })).toMatchObject({
      textFrom: 'feed',
      submission: { body: 'A short teaser.' },
    });
    expect(reportFromEntry(teaser, source, { text: 'Cookie notice.' })).toMatchObject({
      textFrom: 'feed',
      submission: { body: 'A short teaser.' },
    });
    expect(reportFromEntry({ title: 'T' }, source, { text: 'Found on the page.' })).toMatchObject({
      textFrom: 'page',
      submission: { body: 'Found on the page.' },
    });
  });

  it("titles an untitled entry by its page's headline, else by its text's first sentence", () => {
    const page = { title: ' Page  headline ', text: 'The article has more words than the feed.' };
    expect(reportFromEntry({ text: 'A note.' }, source, page)).toMatchObject({
      submission: { title: 'Page headline' },
    });
    expect(reportFromEntry({ text: 'First sentence here. Second one.\nMore.' }, source)).toMatchObject({
      submission: { title: 'First sentence here.', body: 'First sentence here. Second one.\nMore.' },
    });
    const long = reportFromEntry({ text: `${words(40, 'lengthy')}. Then more.` }, source);
    if (long.outcome !== 'report') throw new Error('expected a report');
    expect(long.submission.title.length).toBeLessThanOrEqual(DERIVED_TITLE_LENGTH);
    expect(long.submission.title).toMatch(/^lengthy( lengthy)+…$/u);
  });

  it(`cuts a title longer than ${MAX_TITLE_LENGTH} characters, so that the report is taken`, () => {
    const result = reportFromEntry({ title: words(300, 'title'), text: 'One. Two.' }, source);
    if (result.outcome !== 'report') throw new Error('expected a report');
    expect(result.submission.title.length).toBeLessThanOrEqual(MAX_TITLE_LENGTH);
    expect(result.submission.title.endsWith('title…')).toBe(true);
    expect(() => submissionFrom(result.submission)).not.toThrow();
  });
});

describe('clipText', () => {
  it('leaves a text that fits as it is', () => {
    expect(clipText('four', 4)).toBe('four');
    expect(clipText('', 4)).toBe('');
  });

  it('cuts at the last word that leaves room for the ellipsis', () => {
    expect(clipText('one two three', 9)).toBe('one two…');
    expect(clipText('one two three', 8)).toBe('one two…');
    expect(clipText('one two three', 7)).toBe('one…');
    expect(clipText('one  two three', 9)).toBe('one  two…');
    expect(clipText('one two three', 10)).toBe('one two…');
    expect(clipText('one  two', 7)).toBe('one…');
  });

  it('cuts inside a word longer than the room, never between the halves of a surrogate pair', () => {
    expect(clipText('abcdefgh', 5)).toBe('abcd…');
    expect(clipText('a😀bcdef', 3)).toBe('a…');
    expect(clipText('ab😀cdef', 4)).toBe('ab…');
    expect(clipText('abc😀def', 5)).toBe('abc…');
    // A lone surrogate earlier in the text is left where it is: only the cut is mended.
    expect(clipText('\uD800ab😀cd', 5)).toBe('\uD800ab…');
  });
});
