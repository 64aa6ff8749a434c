// Adapter support: a fetched document's bytes as text, decoded by the rules of its format — a byte order mark
// first, then the charset the HTTP answer names, then what the document says of itself (the XML declaration of a
// feed, the <meta charset> or http-equiv of a page), and UTF-8 when nothing names an encoding. A label that names
// no encoding of the WHATWG Encoding Standard falls to the next rule. One exception, for UTF-8 alone, whose bytes
// can be checked: a UTF-8 label the bytes contradict gives way to the document's own non-UTF-8 declaration, and a
// document that declares UTF-8 and is valid UTF-8 is read as UTF-8 whatever charset the server adds to every answer
// (Arabic feeds turned to mojibake by a server's default charset are the case: the miniflux and FreshRSS
// reports). iconv-lite does the decoding, by the labels of encoding-labels.ts.
import iconv from 'iconv-lite';
import { CODEC_BY_LABEL } from './encoding-labels';

/** How a document names its own encoding: feeds in their XML declaration, pages in <meta>; JSON is UTF-8. */
export type DocumentFormat = 'xml' | 'html' | 'json';

export interface DecodingHints {
  format: DocumentFormat;
  /** The Content-Type header's charset parameter, as sent. */
  charset?: string;
}

/** How far into a document its own encoding declaration is looked for (HTML's prescan reads 1,024 bytes). */
const PRESCAN_BYTES = 4_096;

const BYTE_ORDER_MARKS: ReadonlyArray<{ bytes: readonly number[]; codec: string }> = [
  { bytes: [0xef, 0xbb, 0xbf], codec: 'utf-8' },
  { bytes: [0xfe, 0xff], codec: 'utf-16be' },
  { bytes: [0xff, 0xfe], codec: 'utf-16le' },
];

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The document's text. Never throws: what no rule names is read as UTF-8. */
export function decodeDocument(bytes: Uint8Array, hints: DecodingHints): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mark = BYTE_ORDER_MARKS.find((bom) => bom.bytes.every((byte, index) => buffer[index] === byte));
  if (mark) return iconv.decode(buffer.subarray(mark.bytes.length), mark.codec, { stripBOM: false });
  return iconv.decode(buffer, chooseCodec(buffer, hints), { stripBOM: false });
}

/** The codec the HTTP charset and the document's own declaration lead to (no byte order mark). */
export function chooseCodec(bytes: Buffer, hints: DecodingHints): string {
  const fromHttp = codecForLabel(hints.charset);
  const declared = hints.format === 'json' ? undefined : declaredCodec(bytes, hints.format);
  const chosen = fromHttp ?? declared ?? 'utf-8';
  if (chosen === 'utf-8' && declared && declared !== 'utf-8' && !isValidUtf8(bytes)) return declared;
  if (chosen !== 'utf-8' && declared === 'utf-8' && isValidUtf8(bytes)) return 'utf-8';
  return chosen;
}

/** The iconv-lite codec a WHATWG label names, or undefined for a label that names none. */
export function codecForLabel(label: string | undefined): string | undefined {
  if (label === undefined) return undefined;
  return CODEC_BY_LABEL.get(label.trim().toLowerCase());
}

/** The encoding the document declares in its first bytes (XML declaration, or <meta> for a page). */
export function declaredCodec(bytes: Buffer, format: 'xml' | 'html'): string | undefined {
  // Declarations are ASCII in every encoding this reads (UTF-16 comes with a byte order mark), so a byte-for-byte
  // reading of the start finds them.
  const start = bytes.subarray(0, PRESCAN_BYTES).toString('latin1');
  const codec = format === 'xml' ? codecForLabel(xmlDeclarationLabel(start)) : metaCodec(start);
  // Bytes that spell an ASCII declaration are no UTF-16: the standard reads such a page as UTF-8.
  return codec?.startsWith('utf-16') ? 'utf-8' : codec;
}

function xmlDeclarationLabel(start: string): string | undefined {
  return /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([^"']*)\1/u.exec(start)?.[2];
}

/** The first <meta charset> or http-equiv Content-Type whose label names an encoding (comments skipped). */
function metaCodec(start: string): string | undefined {
  const withoutComments = start.replace(/<!--[\s\S]*?(?:-->|$)/gu, '');
  for (const [tag] of withoutComments.matchAll(/<meta[\s/][^>]*>?/giu)) {
    const attributes = attributesOf(tag);
    const charset = attributes.get('charset');
    const label =
      charset ??
      (attributes.get('http-equiv')?.toLowerCase() === 'content-type'
        ? charsetInContent(attributes.get('content'))
        : undefined);
    const codec = codecForLabel(label);
    if (codec) return codec;
  }
  return undefined;
}

function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of tag
    .slice('<meta'.length)
    .matchAll(/([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/gu)) {
    const name = match[1]!.toLowerCase();
    // The first of two same-named attributes counts, as in HTML.
    if (!attributes.has(name)) attributes.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

/** HTML's "extracting a character encoding from a meta element": `text/html; charset=windows-1256`. */
function charsetInContent(content: string | undefined): string | undefined {
  const match = /charset\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s;"']+))/iu.exec(content ?? '');
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

function isValidUtf8(bytes: Buffer): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The media type and charset of a Content-Type header: `application/rss+xml; charset=windows-1256`. */
export function parseContentType(header: string | undefined): { mediaType?: string; charset?: string } {
  if (!header) return {};
  const [type, ...parameters] = header.split(';');
  const mediaType = type!.trim().toLowerCase();
  let charset: string | undefined;
  for (const parameter of parameters) {
    const match = /^\s*charset\s*=\s*(?:"([^"]*)"|(\S*))\s*$/iu.exec(parameter);
    if (match) {
      charset = match[1] ?? match[2];
      break;
    }
  }
  return { ...(/^[\w.+-]+\/[\w.+-]+$/u.test(mediaType) ? { mediaType } : {}), ...(charset ? { charset } : {}) };
}
