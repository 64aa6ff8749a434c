// Test support: the documents of test/fixtures/feeds/encodings, each in an encoding named one way (byte order mark,
// HTTP charset, XML declaration, <meta>), with the header a server sends it with and the Arabic text it must decode
// to. scripts/make-encoding-fixtures.ts writes the files from these texts with iconv-lite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Words in the repertoire of ISO-8859-6 (no Persian letters, no Arabic-Indic digits), so every fixture holds them. */
export const ARABIC_TITLE = 'أخبار الصباح: الطقس معتدل في الرياض، وأمطار خفيفة على جدة';
export const ARABIC_ITEM = 'افتتاح معرض الكتاب الدولي بمشاركة مئة وعشرين دار نشر عربية';

export interface EncodingFixture {
  file: string;
  /** The iconv-lite codec its bytes are written in (a byte order mark is part of the text where there is one). */
  writtenIn: string;
  /** The Content-Type a server sends it with. */
  contentType: string;
  /** The rule that must find its encoding. */
  rule: string;
  /** Its text before encoding. */
  source: string;
}

const rss = (declaration: string) =>
  `${declaration}\n<rss version="2.0">\n  <channel>\n    <title>${ARABIC_TITLE}</title>\n    <link>https://news.example/</link>\n    <item>\n      <title>${ARABIC_ITEM}</title>\n      <link>https://news.example/1</link>\n    </item>\n  </channel>\n</rss>\n`;

export const ENCODING_FIXTURES: readonly EncodingFixture[] = [
  {
    file: 'rss-windows-1256.xml',
    writtenIn: 'windows-1256',
    contentType: 'application/rss+xml',
    rule: 'the XML declaration, when the HTTP answer names no charset',
    source: rss('<?xml version="1.0" encoding="windows-1256"?>'),
  },
  {
    file: 'rss-iso-8859-6.xml',
    writtenIn: 'iso-8859-6',
    contentType: 'text/xml; charset=ISO-8859-6',
    rule: 'the HTTP charset, when the document declares none',
    source: rss('<?xml version="1.0"?>'),
  },
  {
    file: 'rss-utf-8-bom.xml',
    writtenIn: 'utf-8',
    contentType: 'application/rss+xml; charset=windows-1256',
    rule: 'the byte order mark, over an HTTP charset and a declaration that say otherwise',
    source: `\uFEFF${rss('<?xml version="1.0" encoding="windows-1256"?>')}`,
  },
  {
    file: 'page-windows-1256.html',
    writtenIn: 'windows-1256',
    contentType: 'text/html',
    rule: '<meta charset>, when the HTTP answer names no charset',
    source: `<!doctype html>\n<html lang="ar" dir="rtl">\n<head>\n<!-- <meta charset="utf-8"> in a comment counts for nothing -->\n<meta charset=windows-1256>\n<title>${ARABIC_TITLE}</title>\n</head>\n<body>\n<p>${ARABIC_ITEM}</p>\n</body>\n</html>\n`,
  },
];

/** A fixture's bytes, as committed. */
export function encodingFixture(file: string): Buffer {
  return readFileSync(join(__dirname, '..', 'fixtures', 'feeds', 'encodings', file));
}
