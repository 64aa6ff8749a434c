import { InvalidInputError, ReportRejectedError } from '../../../lambdas/core/domain/errors';
import {
  MAX_SOURCE_LENGTH,
  parsePlainTextReport,
  submissionFrom,
} from '../../../lambdas/core/domain/report-submission';
import { SAMPLE_REPORT_AR } from '../../support/use-case-harness';

function expectInvalid(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError');
}

const fieldsOf = (error: InvalidInputError) => error.problems.map((problem) => problem.field);

describe('parsePlainTextReport', () => {
  const sampleLines = SAMPLE_REPORT_AR.split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

  it('reads the sample: line 1 the title, line 2 the lede, the rest the body', () => {
    const report = parsePlainTextReport(SAMPLE_REPORT_AR);
    expect(report.title).toBe(sampleLines[0]);
    expect(report.lede).toBe(sampleLines[1]);
    expect(report.body.split('\n')).toEqual(sampleLines.slice(2));
    expect(report.title.startsWith('مقاتلو داعش')).toBe(true);
  });

  it('drops a byte-order mark before the title', () => {
    const report = parsePlainTextReport(`\uFEFF${SAMPLE_REPORT_AR}`);
    expect(report.title).toBe(sampleLines[0]);
    expect(report.title.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('ignores blank lines, surrounding spaces and CRLF line ends', () => {
    const report = parsePlainTextReport(
      '\r\n  العنوان  \r\n\r\n  المقدمة \r\n\r\n\r\nالفقرة الأولى.\r\n\r\nالفقرة الثانية.\r\n',
    );
    expect(report).toEqual({ title: 'العنوان', lede: 'المقدمة', body: 'الفقرة الأولى.\nالفقرة الثانية.' });
  });

  it('ignores a line of nothing but characters that render as nothing: it looks blank, so it is', () => {
    const report = parsePlainTextReport('\u3164\nTitle\n\u200B\u2060 \u115F\nThe lede.\n\u{E0020}\u{E007F}\nThe body.');
    expect(report).toEqual({ title: 'Title', lede: 'The lede.', body: 'The body.' });
  });

  it('takes a second line with nothing after it as the body, with no lede', () => {
    expect(parsePlainTextReport('Title\nThe only paragraph.')).toEqual({ title: 'Title', body: 'The only paragraph.' });
  });

  it("rejects a report that has only a title as 'empty', saying what is missing", () => {
    const error = expectInvalid(() => parsePlainTextReport('العنوان وحده\n\n  \n'));
    expect(error.message).toBe('The report has only a title: expected a lede line and paragraphs after it.');
    expect(error.problems).toEqual([{ field: 'text', message: 'missing lede and body' }]);
    expect((error as ReportRejectedError).reason).toBe('empty');
  });

  it.each([
    ['empty text', '\n \n', 'empty', 'The report is empty: expected a title line, a lede line and paragraphs.'],
    ['binary data', 'PK\u0003\u0004\u0000 a zip', 'binary', 'The report is not text: it looks like binary data.'],
    [
      'tags without text',
      '<html>\n<body></body>\n</html>',
      'markup_only',
      'The report holds only markup (HTML or XML tags) and no text.',
    ],
  ])('tells the editor what is wrong with %s', (_name, text, reason, message) => {
    const error = expectInvalid(() => parsePlainTextReport(text));
    expect(error).toMatchObject({ reason, message, problems: [{ field: '', message }] });
  });

  it("rejects empty and blank text as 'empty'", () => {
    expect((expectInvalid(() => parsePlainTextReport('')) as ReportRejectedError).reason).toBe('empty');
    expect((expectInvalid(() => parsePlainTextReport('\uFEFF \n\r\n\t')) as ReportRejectedError).reason).toBe('empty');
    expect((expectInvalid(() => parsePlainTextReport('\u200B\n\u200F\n')) as ReportRejectedError).reason).toBe('empty');
  });

  it("rejects binary data as 'binary' and tags without text as 'markup_only', whatever the line count", () => {
    expect(
      (expectInvalid(() => parsePlainTextReport('PK\u0003\u0004\u0000 a zip')) as ReportRejectedError).reason,
    ).toBe('binary');
    expect(
      (
        expectInvalid(() =>
          parsePlainTextReport('T\u0000i\u0000t\u0000\nl\u0000e\u0000\nb\u0000o\u0000d\u0000y\u0000'),
        ) as ReportRejectedError
      ).reason,
    ).toBe('binary');
    expect(
      (expectInvalid(() => parsePlainTextReport('<html>\n<body>\n<p></p>\n</body>\n</html>')) as ReportRejectedError)
        .reason,
    ).toBe('markup_only');
  });

  it('keeps the body as sent within its lines (cleaning is the core’s job, which keeps the original)', () => {
    expect(parsePlainTextReport('Title\nLede\nOne\u200Ctwo  three.\nFour.').body).toBe('One\u200Ctwo  three.\nFour.');
  });

  it('drops a byte-order mark only at the start: one inside the text is part of what was sent', () => {
    expect(parsePlainTextReport('Title\nLede\nOne\uFEFFtwo.\nThree.').body).toBe('One\uFEFFtwo.\nThree.');
  });
});

describe('submissionFrom', () => {
  it('reads the plain-text format', () => {
    expect(submissionFrom({ plainText: 'Title\nLede.\nBody.' })).toEqual({
      title: 'Title',
      lede: 'Lede.',
      body: 'Body.',
    });
  });

  it("turns a JSON report's text into the body, and keeps its metadata", () => {
    const json = {
      title: 'T',
      lede: 'L.',
      text: 'One. Two.',
      url: 'https://news.example/a',
      language: 'fr',
      publishedAt: '2026-11-20T10:00:00+03:00',
    };
    expect(submissionFrom({ json })).toEqual({
      title: 'T',
      lede: 'L.',
      body: 'One. Two.',
      url: 'https://news.example/a',
      language: 'fr',
      publishedAt: '2026-11-20T10:00:00+03:00',
    });
  });

  it('takes an editor’s priority from −10 to 10, as a number or as a form’s text, and refuses any other', () => {
    expect(submissionFrom({ json: { title: 'T', text: 'One. Two.', priority: 3 } })).toMatchObject({ priority: 3 });
    expect(submissionFrom({ json: { title: 'T', text: 'One. Two.', priority: '-10' } })).toMatchObject({
      priority: -10,
    });
    for (const priority of [11, -11, 1.5, 'high']) {
      const refused = (() => {
        try {
          submissionFrom({ json: { title: 'T', text: 'One. Two.', priority } });
        } catch (error) {
          return error;
        }
        return undefined;
      })();
      expect(refused).toBeInstanceOf(InvalidInputError);
      expect(JSON.stringify((refused as InvalidInputError).problems)).toContain('priority');
    }
  });

  it('takes the source’s name trimmed, up to MAX_SOURCE_LENGTH characters, on a text or a page', () => {
    expect(submissionFrom({ json: { title: 'T', text: 'One. Two.', source: '  BBC News \u00A0' } })).toMatchObject({
      source: 'BBC News',
    });
    const longest = 'ج'.repeat(MAX_SOURCE_LENGTH);
    expect(submissionFrom({ json: { html: '<p>x</p>', source: longest } })).toMatchObject({ source: longest });
    expect(submissionFrom({ title: 'T', body: 'One. Two.', source: ' الجزيرة ' })).toMatchObject({ source: 'الجزيرة' });
    expect('source' in submissionFrom({ json: { title: 'T', text: 'One. Two.' } })).toBe(false);
  });

  it('takes the source’s name in NFC, as titles are: one spelling of a composed letter', () => {
    const decomposed = { json: { title: 'T', text: 'One. Two.', source: 'Cafe\u0301 \u0627\u0653\u0641\u0627\u0642' } };
    expect(submissionFrom(decomposed)).toMatchObject({ source: 'Caf\u00e9 \u0622\u0641\u0627\u0642' });
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['only spaces', ' \u00A0 '],
    ['longer than MAX_SOURCE_LENGTH', 'x'.repeat(MAX_SOURCE_LENGTH + 1)],
    ['holding a line break', 'BBC\nNews'],
    ['holding a tab', 'BBC\tNews'],
    ['holding a NUL', 'BBC\u0000'],
    ['holding a C1 control', 'BBC\u0085News'],
    ['holding a bidi override', '\u202EBBC News'],
    ['holding a right-to-left mark', 'BBC News\u200F'],
    // Characters that render as nothing (invisible-characters.ts), each a way to make one name look like another.
    ...[0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad, 0x034f, 0x180e, 0x3164, 0x115f, 0xfe0f, 0xe0001, 0xe0041].map(
      (code): [string, unknown] => [
        `holding U+${code.toString(16).toUpperCase().padStart(4, '0')}`,
        `BBC${String.fromCodePoint(code)} News`,
      ],
    ),
    ['a number', 42],
  ])('refuses a source %s, naming the field', (_name, source) => {
    const refused = expectInvalid(() => submissionFrom({ json: { title: 'T', text: 'One. Two.', source } }));
    expect(fieldsOf(refused)).toEqual(['source']);
  });

  it('keeps a JSON page as a page, with or without its own title', () => {
    // Strictly: a page without a title of its own has no `title` key at all, not an undefined one.
    expect(submissionFrom({ json: { html: '<p>x</p>' } })).toStrictEqual({ html: '<p>x</p>' });
    expect(submissionFrom({ json: { html: '<p>x</p>', title: 'Mine', url: 'http://a.example/' } })).toEqual({
      html: '<p>x</p>',
      title: 'Mine',
      url: 'http://a.example/',
    });
  });

  it.each([
    ['neither text nor html', { title: 'T' }, ['text']],
    ['both text and html', { title: 'T', text: 'a', html: '<p>a</p>' }, ['text']],
    ['text without a title', { text: 'One. Two.' }, ['title']],
    ['an unknown field', { title: 'T', text: 'a', author: 'me' }, ['']],
    ['a url that is not http(s)', { title: 'T', text: 'a', url: 'ftp://a.example/x' }, ['url']],
    ['a publishedAt without an offset', { title: 'T', text: 'a', publishedAt: '2026-11-20T10:00:00' }, ['publishedAt']],
    ['a title over 1,000 characters', { title: 'x'.repeat(1001), text: 'a' }, ['title']],
    ['a lede over 10,000 characters', { title: 'T', lede: 'x'.repeat(10_001), text: 'a' }, ['lede']],
    ['a language over 35 characters', { title: 'T', text: 'a', language: 'x'.repeat(36) }, ['language']],
    ['a value that is not an object', ['T', 'a'], ['']],
  ])('refuses JSON with %s, naming the field', (_name, json, fields) => {
    const error = expectInvalid(() => submissionFrom({ json }));
    expect(error).not.toBeInstanceOf(ReportRejectedError);
    expect(fieldsOf(error)).toEqual(fields);
    expect(error.message).toMatch(/^The request is not valid: /u);
  });

  it('holds a structured submission to the same rules as JSON', () => {
    expect(submissionFrom({ title: 'T', body: 'One. Two.', url: 'https://a.example/' })).toEqual({
      title: 'T',
      body: 'One. Two.',
      url: 'https://a.example/',
    });
    expect(
      fieldsOf(expectInvalid(() => submissionFrom({ title: 'T', body: 'a', url: 'javascript:alert(1)' }))),
    ).toEqual(['url']);
    expect(fieldsOf(expectInvalid(() => submissionFrom({ html: '<p>x</p>', publishedAt: 'yesterday' })))).toEqual([
      'publishedAt',
    ]);
  });
});
