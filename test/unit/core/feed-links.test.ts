import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import { normalizeLink, sourceUrlKey } from '../../../lambdas/core/domain/feed-links';

describe('normalizeLink', () => {
  it.each([
    ['a relative link', '/news/1'],
    ['text that is no URL', 'not a link'],
    ['the empty string', ''],
    ['another scheme', 'ftp://example.com/feed'],
    ['a mailto: link', 'mailto:editor@example.com'],
    ['a javascript: link', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<p>x</p>'],
  ])('takes no link for %s', (_name, url) => {
    expect(normalizeLink(url)).toBeUndefined();
  });

  it('lower-cases the scheme and host and drops the default port, keeping any other', () => {
    expect(normalizeLink('HTTPS://News.Example.COM:443/Path/To')).toBe('https://news.example.com/Path/To');
    expect(normalizeLink('HTTP://EXAMPLE.com:80')).toBe('http://example.com/');
    expect(normalizeLink('http://example.com:8080/feed')).toBe('http://example.com:8080/feed');
    expect(normalizeLink('https://example.com:80/feed')).toBe('https://example.com:80/feed');
  });

  it('drops the fragment, and resolves dot segments', () => {
    expect(normalizeLink('https://example.com/a/b/../c#section-2')).toBe('https://example.com/a/c');
    expect(normalizeLink('https://example.com/a#')).toBe('https://example.com/a');
  });

  it('drops utm_* parameters, whatever their case or encoding, and keeps the others in order and spelling', () => {
    expect(
      normalizeLink('https://example.com/story?id=7&utm_source=rss&b=2&UTM_Medium=feed&utm%5Fcampaign=x&utm_&a=1'),
    ).toBe('https://example.com/story?id=7&b=2&a=1');
    // `+` and `%2B` mean different things in a query: they stay different.
    expect(normalizeLink('https://example.com/?q=a+b&utm_term=x')).toBe('https://example.com/?q=a+b');
    expect(normalizeLink('https://example.com/?q=a%2Bb')).toBe('https://example.com/?q=a%2Bb');
    // Only a name that starts with utm_ is a campaign tag.
    expect(normalizeLink('https://example.com/?xutm_source=1&utm=2&source=utm_x')).toBe(
      'https://example.com/?xutm_source=1&utm=2&source=utm_x',
    );
  });

  it('drops an empty query, empty parameters, and a query of nothing but campaign tags', () => {
    expect(normalizeLink('https://example.com/a?')).toBe('https://example.com/a');
    expect(normalizeLink('https://example.com/a?utm_source=rss&utm_medium=feed')).toBe('https://example.com/a');
    expect(normalizeLink('https://example.com/a?x=1&&y=2&')).toBe('https://example.com/a?x=1&y=2');
  });

  it('keeps a parameter whose name is malformed percent-encoding, as written', () => {
    expect(normalizeLink('https://example.com/?%=1&%E0%A4%A=2&utm_x')).toBe('https://example.com/?%=1&%E0%A4%A=2');
    expect(normalizeLink('https://example.com/?utm_%zz=1&k=2')).toBe('https://example.com/?k=2');
  });

  it('makes an Arabic IRI, its upper-case and its lower-case percent-encodings one link', () => {
    const iri = 'https://example.com/أخبار/سياسة?q=سلام';
    const upper =
      'https://example.com/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9?q=%D8%B3%D9%84%D8%A7%D9%85';
    const lower = upper.toLowerCase();
    expect(normalizeLink(iri)).toBe(upper);
    expect(normalizeLink(upper)).toBe(upper);
    expect(normalizeLink(lower)).toBe(upper);
    expect(normalizeLink('https://example.com/%d9%85?x=%e2%82%ac')).toBe('https://example.com/%D9%85?x=%E2%82%AC');
  });

  it('decodes percent-encoded unreserved characters and upper-cases the rest', () => {
    expect(normalizeLink('https://example.com/%7Euser/%41%62%2D%2e%5F%30?k=%7e&s=%2f%3a')).toBe(
      'https://example.com/~user/Ab-._0?k=~&s=%2F%3A',
    );
    expect(normalizeLink('https://example.com/a%2fb')).toBe('https://example.com/a%2Fb');
  });

  it('writes an internationalized host in punycode, as its ASCII spelling is', () => {
    expect(normalizeLink('https://مثال.example/')).toBe('https://xn--mgbh0fb.example/');
    expect(normalizeLink('https://XN--MGBH0FB.example/')).toBe('https://xn--mgbh0fb.example/');
  });

  it('gives the same spelling again when given its own', () => {
    for (const url of [
      'https://Example.com:443/%7e/أ?utm_source=x&b=%d9%85#f',
      'http://example.com/a?q=a+b&%=1',
      'https://example.com',
    ]) {
      const once = normalizeLink(url)!;
      expect(normalizeLink(once)).toBe(once);
    }
  });
});

describe('sourceUrlKey', () => {
  it('is the normalized feed URL: two spellings of one feed have one key', () => {
    expect(sourceUrlKey('HTTPS://Example.com:443/feed.xml?utm_source=x#top')).toBe('https://example.com/feed.xml');
    expect(sourceUrlKey('https://example.com/%d8%a3')).toBe(sourceUrlKey('https://example.com/أ'));
    expect(sourceUrlKey('https://example.com/feed')).not.toBe(sourceUrlKey('https://example.com/feed/'));
  });

  it('refuses what is not an absolute http(s) URL, naming the url field', () => {
    expect(() => sourceUrlKey('ftp://example.com/feed')).toThrow(
      new InvalidInputError('The feed URL is not valid: it must be an absolute http or https URL.'),
    );
    try {
      sourceUrlKey('feed.xml');
    } catch (error) {
      expect((error as InvalidInputError).problems).toStrictEqual([
        { field: 'url', message: 'must be an absolute http or https URL' },
      ]);
      return;
    }
    throw new Error('expected an InvalidInputError');
  });
});
