import { InvalidInputError } from '../../../lambdas/core/domain/errors';
import { parsePlainTextReport, reportIdFor, summarizableText } from '../../../lambdas/core/domain/report';
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
  const sampleLines = SAMPLE_REPORT_AR.split('\n').map((line) => line.trim()).filter(Boolean);

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
    const report = parsePlainTextReport('\r\n  العنوان  \r\n\r\n  المقدمة \r\n\r\n\r\nالفقرة الأولى.\r\n\r\nالفقرة الثانية.\r\n');
    expect(report).toEqual({ title: 'العنوان', lede: 'المقدمة', body: 'الفقرة الأولى.\nالفقرة الثانية.' });
  });

  it('takes a second line with nothing after it as the body, with no lede', () => {
    expect(parsePlainTextReport('Title\nThe only paragraph.')).toEqual({ title: 'Title', body: 'The only paragraph.' });
  });

  it('rejects a report that has only a title', () => {
    const error = expectInvalid(() => parsePlainTextReport('العنوان وحده\n\n  \n'));
    expect(error.problems).toEqual([{ field: 'text', message: 'missing lede and body' }]);
  });

  it('rejects empty and blank text', () => {
    expectInvalid(() => parsePlainTextReport(''));
    expectInvalid(() => parsePlainTextReport('\uFEFF \n\r\n\t'));
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
    expect(reportIdFor({ title: 'a', lede: 'b', body: 'c' })).not.toBe(reportIdFor({ title: 'a', lede: '', body: 'b\nc' }));
    expect(reportIdFor({ title: 'a b', body: 'c' })).not.toBe(reportIdFor({ title: 'a', body: 'b c' }));
  });
});

describe('summarizableText', () => {
  it('puts the lede before the body, or gives the body alone', () => {
    expect(summarizableText({ lede: 'Lede.', body: 'Body.' })).toBe('Lede.\nBody.');
    expect(summarizableText({ body: 'Body.' })).toBe('Body.');
  });
});
