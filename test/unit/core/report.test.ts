import { isHtmlSubmission, reportIdFor, storedTextBytes, summarizableText } from '../../../lambdas/core/domain/report';

describe('reportIdFor', () => {
  const report = { title: 'العنوان', lede: 'المقدمة', body: 'الفقرة الأولى.\nالفقرة الثانية.' };

  it('is the first 24 hex digits of a SHA-256 of the parts: ids already stored must never change', () => {
    expect(reportIdFor(report)).toBe('e4c7c566cce6ce8579dd8f7d');
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

  it('takes text that carries an undefined html field (optional fields spread in) for text, not a page', () => {
    expect(isHtmlSubmission({ title: 'T', body: 'B', html: undefined })).toBe(false);
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
