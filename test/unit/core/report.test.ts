import {
  isHtmlSubmission,
  reportIdFor,
  sourceNameOf,
  storedTextBytes,
  summarizableText,
} from '../../../lambdas/core/domain/report';

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

describe('sourceNameOf', () => {
  it('gives the editor’s name for the source over the URL’s', () => {
    expect(sourceNameOf({ source: 'BBC News', url: 'https://www.bbc.co.uk/news/x' })).toBe('BBC News');
    expect(sourceNameOf({ source: 'الجزيرة' })).toBe('الجزيرة');
  });

  it('falls back to the URL’s host without a leading www.', () => {
    expect(sourceNameOf({ url: 'https://www.bbc.co.uk/news/x' })).toBe('bbc.co.uk');
    expect(sourceNameOf({ url: 'http://WWW.Reuters.COM./world?x=1#y' })).toBe('reuters.com');
    // Only a leading "www." goes: not a "www" elsewhere, nor a host that only starts with the letters.
    expect(sourceNameOf({ url: 'https://news.www.example/' })).toBe('news.www.example');
    expect(sourceNameOf({ url: 'https://wwwnews.example/' })).toBe('wwwnews.example');
    expect(sourceNameOf({ url: 'https://www2.example.org/' })).toBe('www2.example.org');
  });

  it('never shows what else a URL holds: credentials, port, path, query', () => {
    expect(sourceNameOf({ url: 'https://editor:secret@www.example.com:8443/a?token=t' })).toBe('example.com');
  });

  it('shows an internationalized domain name in its own script, not as punycode', () => {
    expect(sourceNameOf({ url: 'https://www.xn--mgbaal8b0b.xn--mgbtf8fl/x' })).toBe('اغاستا.سوريا');
    expect(sourceNameOf({ url: 'https://مثال.إختبار/خبر' })).toBe('مثال.إختبار');
  });

  it('shows nothing without a source or a URL, and never throws on a URL it cannot read', () => {
    expect(sourceNameOf({})).toBeUndefined();
    for (const url of ['not a url', '', 'https://', 'mailto:someone@example.com', 'https://xn--a.example/'])
      expect(sourceNameOf({ url })).toBeUndefined();
    expect(sourceNameOf({ url: 'http://127.0.0.1:3000/r' })).toBe('127.0.0.1');
    expect(sourceNameOf({ url: 'https://[::1]/r' })).toBe('[::1]');
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
