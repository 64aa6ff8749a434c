import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import { MAX_SOURCE_LENGTH } from '../../../lambdas/core/domain/report-submission';
import {
  defaultSourceName,
  newSource,
  parseSourceEdit,
  parseSourceRegistration,
  sourceAfterEdit,
  sourceView,
} from '../../../lambdas/core/domain/source-input';
import { aSource } from '../../support/sources';

const NOW = new Date('2026-03-01T12:00:00.000Z');

function problemsOf(run: () => unknown): InvalidInputError['problems'] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).problems;
  }
  throw new Error('expected an InvalidInputError');
}

describe('parseSourceRegistration', () => {
  it('takes a feed URL alone, full text on auto', () => {
    expect(parseSourceRegistration({ url: 'https://example.com/feed.xml' })).toStrictEqual({
      url: 'https://example.com/feed.xml',
      fullText: 'auto',
    });
  });

  it('takes a name, a language and a full-text policy, in the spellings we keep', () => {
    expect(
      parseSourceRegistration({
        url: '  https://example.com/أخبار/feed\n',
        name: '  الجزيرة  ',
        language: ' AR ',
        fullText: 'never',
      }),
    ).toStrictEqual({ url: 'https://example.com/أخبار/feed', name: 'الجزيرة', language: 'ar', fullText: 'never' });
    expect(parseSourceRegistration({ url: 'http://example.com/', fullText: 'always' }).fullText).toBe('always');
  });

  it.each([
    ['a relative URL', { url: '/feed.xml' }, 'url'],
    ['another scheme', { url: 'ftp://example.com/feed.xml' }, 'url'],
    ['a javascript: URL', { url: 'javascript:alert(1)' }, 'url'],
    ['a URL over 2048 characters', { url: `https://example.com/${'a'.repeat(2029)}` }, 'url'],
    ['no URL', {}, 'url'],
    ['a URL that is no string', { url: 42 }, 'url'],
    ['an empty name', { url: 'https://example.com/', name: '   ' }, 'name'],
    ['a name over the limit', { url: 'https://example.com/', name: 'n'.repeat(MAX_SOURCE_LENGTH + 1) }, 'name'],
    ['a name on two lines', { url: 'https://example.com/', name: 'One\nTwo' }, 'name'],
    ['a name with a bidi control', { url: 'https://example.com/', name: 'Name\u202E' }, 'name'],
    ['a language that is no ISO 639 code', { url: 'https://example.com/', language: 'arabic' }, 'language'],
    ['a language region tag', { url: 'https://example.com/', language: 'ar-EG' }, 'language'],
    ['a full-text policy we do not know', { url: 'https://example.com/', fullText: 'sometimes' }, 'fullText'],
    ['a field we do not know', { url: 'https://example.com/', interval: 5 }, ''],
  ])('refuses %s, naming the field', (_name, input, field) => {
    expect(problemsOf(() => parseSourceRegistration(input)).map((problem) => problem.field)).toStrictEqual([field]);
  });

  it('says what is wrong in words an operator understands', () => {
    expect(problemsOf(() => parseSourceRegistration({ url: 'ftp://example.com/' }))).toStrictEqual([
      { field: 'url', message: 'must be an absolute http or https URL' },
    ]);
    expect(problemsOf(() => parseSourceRegistration({ url: 'https://example.com/', language: 'xx-1' }))).toStrictEqual([
      { field: 'language', message: 'must be an ISO 639 language code (two or three letters, e.g. "ar", "en", "fr")' },
    ]);
  });

  it('leaves out the fields given as undefined (a caller in process may)', () => {
    expect(
      parseSourceRegistration({ url: 'https://example.com/', name: undefined, language: undefined }),
    ).toStrictEqual({ url: 'https://example.com/', fullText: 'auto' });
    expect(parseSourceEdit({ state: 'active', name: undefined, ignoreCache: undefined })).toStrictEqual({
      state: 'active',
    });
    expect(() => parseSourceEdit({ state: undefined })).toThrow(InvalidInputError);
  });

  it('takes exactly 2048 characters of URL', () => {
    const url = `https://example.com/${'a'.repeat(2028)}`;
    expect(url).toHaveLength(2048);
    expect(parseSourceRegistration({ url }).url).toBe(url);
  });

  it('refuses what is no object', () => {
    expect(problemsOf(() => parseSourceRegistration('https://example.com/'))).toHaveLength(1);
    expect(problemsOf(() => parseSourceRegistration(null))).toHaveLength(1);
  });
});

describe('parseSourceEdit', () => {
  it('takes a state, a name and ignoreCache, each alone or together', () => {
    expect(parseSourceEdit({ state: 'paused' })).toStrictEqual({ state: 'paused' });
    expect(parseSourceEdit({ state: 'active', name: ' BBC ', ignoreCache: false })).toStrictEqual({
      state: 'active',
      name: 'BBC',
      ignoreCache: false,
    });
    expect(parseSourceEdit({ ignoreCache: true })).toStrictEqual({ ignoreCache: true });
  });

  it.each([
    ['nothing to change', {}, ''],
    ['a state an operator cannot set', { state: 'failing' }, 'state'],
    ['disabled, which only a server sets', { state: 'disabled' }, 'state'],
    ['ignoreCache as text', { ignoreCache: 'yes' }, 'ignoreCache'],
    ['an empty name', { name: '' }, 'name'],
    ['a field we do not know', { state: 'paused', url: 'https://example.com/' }, ''],
  ])('refuses %s, naming the field', (_name, input, field) => {
    expect(problemsOf(() => parseSourceEdit(input)).map((problem) => problem.field)).toStrictEqual([field]);
  });

  it('says an empty edit changes nothing', () => {
    expect(problemsOf(() => parseSourceEdit({}))).toStrictEqual([
      { field: '', message: 'give state, name or ignoreCache' },
    ]);
  });
});

describe('defaultSourceName', () => {
  it("is the feed's title, on one line, cleaned", () => {
    expect(defaultSourceName('  BBC News -\n World \u200B', 'https://feeds.bbci.co.uk/news/rss.xml')).toBe(
      'BBC News - World',
    );
  });

  it(`is cut to ${MAX_SOURCE_LENGTH} characters`, () => {
    const name = defaultSourceName(`${'word '.repeat(40)}end`, 'https://example.com/');
    expect(name.length).toBeLessThanOrEqual(MAX_SOURCE_LENGTH);
    expect(name.endsWith('word…')).toBe(true);
  });

  it("is the feed's host for a feed without a title, as a digest names a report", () => {
    expect(defaultSourceName(undefined, 'https://www.aljazeera.net/rss')).toBe('aljazeera.net');
    expect(defaultSourceName(' \u200B ', 'https://xn--mgbh0fb.example/feed')).toBe('مثال.example');
  });
});

describe('newSource', () => {
  it('starts active and due at once, with nothing polled yet', () => {
    const source = newSource(
      { url: 'https://example.com/', fullText: 'auto' },
      { id: 'src-9', url: 'https://example.com/feed.xml', feedTitle: 'Example News' },
      NOW,
    );
    expect(source).toStrictEqual({
      id: 'src-9',
      url: 'https://example.com/feed.xml',
      name: 'Example News',
      fullText: 'auto',
      state: 'active',
      createdAt: NOW.toISOString(),
      nextPollAt: NOW.toISOString(),
      consecutiveFailures: 0,
      reportsCreated: 0,
      ignoreCache: false,
      cache: {},
    });
  });

  it("keeps the operator's name and language over the feed's", () => {
    const source = newSource(
      { url: 'https://example.com/feed', name: 'Mine', language: 'ar', fullText: 'always' },
      { id: 'src-9', url: 'https://example.com/feed', feedTitle: 'Theirs' },
      NOW,
    );
    expect(source).toMatchObject({ name: 'Mine', language: 'ar', fullText: 'always' });
  });
});

describe('sourceAfterEdit', () => {
  it('pauses a source: nothing is due', () => {
    const paused = sourceAfterEdit(aSource(), { state: 'paused' }, NOW);
    expect(paused.state).toBe('paused');
    expect(paused).not.toHaveProperty('nextPollAt');
  });

  it.each(['paused', 'disabled'] as const)('starts a %s source afresh, due at once', (state) => {
    const source = aSource({ state, consecutiveFailures: 4, lastError: 'Gone.', nextPollAt: undefined });
    const resumed = sourceAfterEdit(source, { state: 'active' }, NOW);
    expect(resumed).toMatchObject({ state: 'active', nextPollAt: NOW.toISOString(), consecutiveFailures: 0 });
    expect(resumed).not.toHaveProperty('lastError');
  });

  it('leaves an active or failing source as its polls left it', () => {
    const failing = aSource({ state: 'failing', consecutiveFailures: 3, lastError: 'Timed out.' });
    expect(sourceAfterEdit(failing, { state: 'active' }, NOW)).toStrictEqual(failing);
    expect(sourceAfterEdit(aSource(), { state: 'active' }, NOW)).toStrictEqual(aSource());
  });

  it('leaves a paused source paused when only its name or ignoreCache changes', () => {
    const paused = aSource({ state: 'paused', nextPollAt: undefined });
    expect(sourceAfterEdit(paused, { name: 'Renamed' }, NOW)).toStrictEqual({ ...paused, name: 'Renamed' });
  });

  it('renames a source and sets ignoreCache, leaving the rest', () => {
    expect(sourceAfterEdit(aSource(), { name: 'New name', ignoreCache: true }, NOW)).toStrictEqual(
      aSource({ name: 'New name', ignoreCache: true }),
    );
    expect(sourceAfterEdit(aSource({ ignoreCache: true }), { ignoreCache: false }, NOW).ignoreCache).toBe(false);
  });
});

describe('sourceView', () => {
  it('shows what an operator reads, no cache internals', () => {
    const source = aSource({
      language: 'ar',
      lastPolledAt: '2026-03-01T11:00:00.000Z',
      lastError: 'The server did not answer.',
      lastPoll: { at: '2026-03-01T11:00:00.000Z', status: 'failed', items: 0, created: 0, duplicates: 0, skipped: 0 },
      reportsCreated: 12,
      cache: { etag: '"v1"', bodySha256: 'abc', lastUnconditionalAt: '2026-03-01T11:00:00.000Z' },
    });
    expect(sourceView(source)).toStrictEqual({
      id: 'src-1',
      url: 'https://example.com/feed.xml',
      name: 'Example',
      language: 'ar',
      fullText: 'auto',
      state: 'active',
      lastPolledAt: '2026-03-01T11:00:00.000Z',
      nextPollAt: '2026-03-01T13:00:00.000Z',
      consecutiveFailures: 0,
      lastError: 'The server did not answer.',
      lastPoll: source.lastPoll,
      reportsCreated: 12,
      ignoreCache: false,
    });
  });

  it('shows null for a poll not yet made or not due, and leaves out what the source lacks', () => {
    const { nextPollAt: _none, ...paused } = aSource({ state: 'paused' });
    expect(sourceView(paused)).toStrictEqual({
      id: 'src-1',
      url: 'https://example.com/feed.xml',
      name: 'Example',
      fullText: 'auto',
      state: 'paused',
      lastPolledAt: null,
      nextPollAt: null,
      consecutiveFailures: 0,
      reportsCreated: 0,
      ignoreCache: false,
    });
  });
});
