import { InvalidInputError, type ReportRejectedError } from '../../../lambdas/core/domain/errors';
import {
  isHtmlSubmission,
  parsePlainTextReport,
  reportIdFor,
  storedTextBytes,
  summarizableText,
} from '../../../lambdas/core/domain/report';
import { SAMPLE_REPORT_AR } from '../mujaz-harness';

function expectInvalid(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError');
}

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

  it('takes a second line with nothing after it as the body, with no lede', () => {
    expect(parsePlainTextReport('Title\nThe only paragraph.')).toEqual({ title: 'Title', body: 'The only paragraph.' });
  });

  it("rejects a report that has only a title as 'empty'", () => {
    const error = expectInvalid(() => parsePlainTextReport('العنوان وحده\n\n  \n'));
    expect(error.problems).toEqual([{ field: 'text', message: 'missing lede and body' }]);
    expect((error as ReportRejectedError).reason).toBe('empty');
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
});

describe('reportIdFor', () => {
  const report = { title: 'العنوان', lede: 'المقدمة', body: 'الفقرة الأولى.\nالفقرة الثانية.' };

  it('is stable: the same content gives the same 24-hex-digit id', () => {
    const id = reportIdFor(report);
    expect(id).toMatch(/^[0-9a-f]{24}$/u);
    expect(reportIdFor({ ...report })).toBe(id);
  });

  it('ignores surrounding whitespace and Unicode normalization form', () => {
    const decomposed = { title: 'Café', body: 'Crème brûlée.' };
    const composed = { title: 'Café'.normalize('NFC'), body: 'Crème brûlée.'.normalize('NFC') };
    const nfd = { title: decomposed.title.normalize('NFD'), body: `  ${decomposed.body.normalize('NFD')}\n` };
    expect(nfd.title).not.toBe(composed.title);
    expect(reportIdFor(nfd)).toBe(reportIdFor(composed));
  });

  it('treats a missing lede like an empty one', () => {
    expect(reportIdFor({ title: 'T', body: 'B' })).toBe(reportIdFor({ title: 'T', lede: '', body: 'B' }));
  });

  it('changes when any part of the content changes', () => {
    const id = reportIdFor(report);
    expect(reportIdFor({ ...report, title: 'العنوان!' })).not.toBe(id);
    expect(reportIdFor({ ...report, lede: 'مقدمة أخرى' })).not.toBe(id);
    expect(reportIdFor({ ...report, body: 'الفقرة الأولى.\nالفقرة الثالثة.' })).not.toBe(id);
    expect(reportIdFor({ ...report, lede: undefined })).not.toBe(id);
  });

  it('does not confuse text moved across the title, lede and body boundaries', () => {
    expect(reportIdFor({ title: 'a', lede: 'b', body: 'c' })).not.toBe(
      reportIdFor({ title: 'a', lede: '', body: 'b\nc' }),
    );
    expect(reportIdFor({ title: 'a b', body: 'c' })).not.toBe(reportIdFor({ title: 'a', body: 'b c' }));
  });
});

describe('summarizableText', () => {
  it('puts the lede before the body, or gives the body alone', () => {
    expect(summarizableText({ lede: 'Lede.', body: 'Body.' })).toBe('Lede.\nBody.');
    expect(summarizableText({ body: 'Body.' })).toBe('Body.');
  });
});

describe('isHtmlSubmission', () => {
  it('tells a page from text', () => {
    expect(isHtmlSubmission({ html: '<p>x</p>' })).toBe(true);
    expect(isHtmlSubmission({ title: 'T', body: 'B' })).toBe(false);
  });
});

describe('storedTextBytes', () => {
  it('counts the UTF-8 of title, lede, body, original, summary and key phrases', () => {
    const report = {
      title: 'عنوان',
      lede: 'ab',
      body: 'body',
      original: 'b\u200Body',
      summary: ['body'],
      keyPhrases: ['€'],
    };
    expect(storedTextBytes(report)).toBe(10 + 2 + 4 + 7 + 4 + 3);
    expect(storedTextBytes({ title: 'T', body: 'B', summary: [], keyPhrases: [] })).toBe(2);
  });
});
