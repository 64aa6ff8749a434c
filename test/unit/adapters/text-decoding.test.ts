// Bytes to text by the rules of the format: byte order mark, HTTP charset, XML declaration or <meta>, UTF-8. The
// fixtures are Arabic documents in the encodings feeds really use; each must come out as the exact text, without a
// single U+FFFD.
import iconv from 'iconv-lite';
import { codecForLabel, decodeDocument, parseContentType } from '../../../lambdas/adapters/text-decoding';
import { ARABIC_ITEM, ARABIC_TITLE, ENCODING_FIXTURES, encodingFixture } from '../../support/encoding-fixtures';

describe.each(ENCODING_FIXTURES)('$file, found by $rule', (fixture) => {
  const bytes = encodingFixture(fixture.file);
  const { mediaType, charset } = parseContentType(fixture.contentType);
  const format = mediaType === 'text/html' ? 'html' : 'xml';

  it('decodes to the exact Arabic text, with no U+FFFD', () => {
    const text = decodeDocument(bytes, { format, ...(charset ? { charset } : {}) });
    expect(text).toBe(fixture.source.replace(/^\uFEFF/u, ''));
    expect(text).toContain(ARABIC_TITLE);
    expect(text).toContain(ARABIC_ITEM);
    expect(text).not.toContain('\uFFFD');
  });

  it('is a fixture that means something: read as UTF-8 alone, it would not be this text', () => {
    if (fixture.writtenIn === 'utf-8') {
      // Its trap is the charset: read as the server says, it is mojibake.
      expect(iconv.decode(bytes, 'windows-1256')).not.toContain(ARABIC_TITLE);
    } else {
      expect(bytes.toString('utf8')).toContain('\uFFFD');
    }
  });
});

const latin = (text: string) => iconv.encode(text, 'windows-1256');

describe('the order of the rules', () => {
  const arabic = 'نص عربي';

  it('takes the HTTP charset over the XML declaration', () => {
    const bytes = latin(`<?xml version="1.0" encoding="iso-8859-6"?><t>${arabic}</t>`);
    // windows-1256 and ISO-8859-6 put Arabic letters at different bytes: the wrong one would show here.
    expect(decodeDocument(bytes, { format: 'xml', charset: 'windows-1256' })).toContain(arabic);
    expect(decodeDocument(bytes, { format: 'xml', charset: 'ISO-8859-6' })).not.toContain(arabic);
  });

  it('takes the HTTP charset over <meta>', () => {
    const bytes = latin(`<meta charset="iso-8859-6"><p>${arabic}</p>`);
    expect(decodeDocument(bytes, { format: 'html', charset: 'windows-1256' })).toContain(arabic);
  });

  it('falls past an HTTP charset that names no encoding to the document’s own', () => {
    const bytes = latin(`<?xml version="1.0" encoding="windows-1256"?><t>${arabic}</t>`);
    expect(decodeDocument(bytes, { format: 'xml', charset: 'x-no-such-thing' })).toContain(arabic);
    expect(decodeDocument(bytes, { format: 'xml', charset: 'utf-7' })).toContain(arabic);
  });

  it('falls past an XML declaration that names no encoding to UTF-8', () => {
    const text = `<?xml version="1.0" encoding="base64"?><t>${arabic}</t>`;
    expect(decodeDocument(Buffer.from(text), { format: 'xml' })).toBe(text);
  });

  it('reads the XML declaration of a feed, with single quotes and leading white space', () => {
    const bytes = latin(`\n  <?xml version='1.0' encoding='Windows-1256' standalone='yes'?><t>${arabic}</t>`);
    expect(decodeDocument(bytes, { format: 'xml' })).toContain(arabic);
  });

  it('ignores an XML declaration that is not at the start, and <meta> in a feed', () => {
    const bytes = latin(`<t/><?xml version="1.0" encoding="windows-1256"?><meta charset="windows-1256">${arabic}`);
    expect(decodeDocument(bytes, { format: 'xml' })).not.toContain(arabic);
  });

  it('reads <meta http-equiv="Content-Type" content="…; charset=…"> and skips a <meta> whose label is unknown', () => {
    const page = `<meta charset="klingon"><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"><p>${arabic}</p>`;
    expect(decodeDocument(latin(page), { format: 'html' })).toContain(arabic);
  });

  it('reads an unquoted <meta charset=…> and ignores one inside a comment', () => {
    const page = `<!-- <meta charset="iso-8859-6"> --><meta charset=windows-1256><p>${arabic}</p>`;
    expect(decodeDocument(latin(page), { format: 'html' })).toContain(arabic);
  });

  it('reads a page declaring UTF-16 in ASCII bytes as UTF-8, as HTML does', () => {
    const page = `<meta charset="utf-16"><p>${arabic}</p>`;
    expect(decodeDocument(Buffer.from(page), { format: 'html' })).toBe(page);
  });

  it('reads UTF-16 by its byte order mark', () => {
    const text = `<?xml version="1.0" encoding="utf-16"?><t>${arabic}</t>`;
    expect(decodeDocument(iconv.encode(text, 'utf-16le', { addBOM: true }), { format: 'xml' })).toBe(text);
    expect(decodeDocument(iconv.encode(text, 'utf-16be', { addBOM: true }), { format: 'xml' })).toBe(text);
  });

  it('reads JSON as UTF-8, whatever it holds', () => {
    const json = `{"title":"${arabic}","note":"<?xml encoding=\\"windows-1256\\"?>"}`;
    expect(decodeDocument(Buffer.from(json), { format: 'json' })).toBe(json);
  });

  it('reads UTF-8 when nothing names an encoding', () => {
    expect(decodeDocument(Buffer.from(`<t>${arabic}</t>`), { format: 'xml' })).toBe(`<t>${arabic}</t>`);
    expect(decodeDocument(Buffer.from(`<p>${arabic}</p>`), { format: 'html' })).toBe(`<p>${arabic}</p>`);
  });

  it('maps the WHATWG aliases: ISO-8859-1 and ASCII are windows-1252, GB2312 is GBK, ASMO-708 is ISO-8859-6', () => {
    expect(decodeDocument(Buffer.from([0x80, 0x93]), { format: 'xml', charset: 'iso-8859-1' })).toBe('€“');
    expect(decodeDocument(Buffer.from([0x80]), { format: 'xml', charset: 'us-ascii' })).toBe('€');
    expect(decodeDocument(iconv.encode('中文新闻', 'gbk'), { format: 'xml', charset: 'gb2312' })).toBe('中文新闻');
    expect(decodeDocument(iconv.encode(arabic, 'iso-8859-6'), { format: 'xml', charset: 'ASMO-708' })).toBe(arabic);
    expect(codecForLabel(' Windows-1256 ')).toBe('windows-1256');
    expect(codecForLabel('utf-7')).toBeUndefined();
    expect(codecForLabel('binary')).toBeUndefined();
  });
});

describe('UTF-8, whose bytes can be checked against what is declared', () => {
  const arabic = 'نص عربي';

  it('gives way to the document’s own declaration when the server says UTF-8 and the bytes are not', () => {
    const bytes = latin(`<?xml version="1.0" encoding="windows-1256"?><t>${arabic}</t>`);
    const text = decodeDocument(bytes, { format: 'xml', charset: 'utf-8' });
    expect(text).toContain(arabic);
    expect(text).not.toContain('\uFFFD');
  });

  it('wins over a server’s default charset when the document declares UTF-8 and is valid UTF-8', () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?><t>${arabic}</t>`;
    expect(decodeDocument(Buffer.from(text), { format: 'xml', charset: 'iso-8859-1' })).toBe(text);
    const page = `<meta charset="utf-8"><p>${arabic}</p>`;
    expect(decodeDocument(Buffer.from(page), { format: 'html', charset: 'iso-8859-1' })).toBe(page);
  });

  it('keeps the server’s charset when the document declares UTF-8 but is not', () => {
    const bytes = latin(`<?xml version="1.0" encoding="UTF-8"?><t>${arabic}</t>`);
    expect(decodeDocument(bytes, { format: 'xml', charset: 'windows-1256' })).toContain(arabic);
  });
});

describe('parseContentType', () => {
  it('reads the media type and the charset, quoted or not', () => {
    expect(parseContentType('Application/RSS+XML; Charset="Windows-1256"')).toEqual({
      mediaType: 'application/rss+xml',
      charset: 'Windows-1256',
    });
    expect(parseContentType('text/html;charset=utf-8')).toEqual({ mediaType: 'text/html', charset: 'utf-8' });
    expect(parseContentType('text/xml; version=2; charset=iso-8859-6')).toEqual({
      mediaType: 'text/xml',
      charset: 'iso-8859-6',
    });
    expect(parseContentType('text/xml')).toEqual({ mediaType: 'text/xml' });
    expect(parseContentType('garbage')).toEqual({});
    expect(parseContentType(undefined)).toEqual({});
  });
});
