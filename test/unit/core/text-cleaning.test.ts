import {
  DomainError,
  InvalidInputError,
  ReportRejectedError,
  type ReportRejection,
} from '../../../lambdas/core/domain/errors';
import {
  assertTextContent,
  cleanLine,
  cleanText,
  inspectTextContent,
  isMarkupOnly,
  looksBinary,
  MARKUP_ALLOWANCE,
  MAX_PAGE_BYTES,
  MAX_REPORT_BYTES,
  utf8ByteLength,
} from '../../../lambdas/core/domain/text-cleaning';
import type { Logger } from '../../../lambdas/core/ports/logger';
import { errorResponse } from '../../../lambdas/http/http-errors';

const codePoint = (code: number): string => String.fromCodePoint(code);
const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

function rejection(run: () => unknown): ReportRejectedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ReportRejectedError);
    return error as ReportRejectedError;
  }
  throw new Error('expected a ReportRejectedError');
}

describe('cleanText', () => {
  it('composes to NFC: a combining acute accent, and alef followed by a combining hamza', () => {
    expect(cleanText('Cafe\u0301')).toBe('Caf\u00E9');
    expect(cleanText('\u0627\u0654حمد')).toBe('\u0623حمد');
    expect(cleanText('Cafe\u0301')).toHaveLength(4);
  });

  it('keeps Arabic diacritics, tatweel and Eastern Arabic digits (folding them is the summarizer’s business)', () => {
    expect(cleanText('مُوجَز ـ ٢٠٢٦')).toBe('مُوجَز ـ ٢٠٢٦');
  });

  const bidiControls = [0x200e, 0x200f, 0x061c, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
  it.each(bidiControls.map((code) => [hex(code), code]))('removes the bidi control %s', (_name, code) => {
    const mark = codePoint(code);
    expect(cleanText(`${mark}مرحبا${mark} world${mark}`)).toBe('مرحبا world');
  });

  const zeroWidth = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff];
  it.each(zeroWidth.map((code) => [hex(code), code]))(
    'removes the zero-width character %s at the start, inside and at the end',
    (_name, code) => {
      const mark = codePoint(code);
      expect(cleanText(`${mark}news${mark}letter${mark}`)).toBe('newsletter');
    },
  );

  it('removes the byte-order mark anywhere, not only at the start', () => {
    expect(cleanText('\uFEFFfirst line\n\uFEFFsecond\uFEFF line')).toBe('first line\nsecond line');
  });

  it('removes the soft hyphen, which is invisible and would split a word in two', () => {
    expect(cleanText('extra\u00ADordinary')).toBe('extraordinary');
  });

  const controls = [0x00, 0x01, 0x07, 0x08, 0x0e, 0x1b, 0x1f, 0x7f, 0x80, 0x9b, 0x9f];
  it.each(controls.map((code) => [hex(code), code]))('removes the control character %s', (_name, code) => {
    expect(cleanText(`ab${codePoint(code)}cd`)).toBe('abcd');
  });

  it('keeps \\n as the line separator', () => {
    expect(cleanText('one\ntwo')).toBe('one\ntwo');
  });

  it('turns \\r\\n and a lone \\r into \\n', () => {
    expect(cleanText('one\r\ntwo\rthree\r\n')).toBe('one\ntwo\nthree');
  });

  it('turns the other line terminators (VT, FF, NEL, U+2028, U+2029) into \\n rather than gluing lines together', () => {
    expect(cleanText('a\u000Bb\u000Cc\u0085d\u2028e\u2029f')).toBe('a\nb\nc\nd\ne\nf');
  });

  it('turns a tab into a space', () => {
    expect(cleanText('name\tvalue')).toBe('name value');
  });

  it('collapses runs of spaces, tabs and other space separators (NBSP, thin, ideographic) into one space', () => {
    expect(cleanText('a    b \t\t c\u00A0\u00A0d\u2009e\u3000f\u202Fg')).toBe('a b c d e f g');
  });

  it('trims every line', () => {
    expect(cleanText('   first   \n\t second\t\n\u00A0third\u00A0')).toBe('first\nsecond\nthird');
  });

  it('drops empty lines, so paragraphs stay one per line', () => {
    expect(cleanText('\n\nFirst paragraph.\n\n\n   \nSecond paragraph.\n\u200B\n\t\nThird.\n\n')).toBe(
      'First paragraph.\nSecond paragraph.\nThird.',
    );
  });

  it('returns the empty string for nothing but whitespace and invisible characters', () => {
    expect(cleanText('')).toBe('');
    expect(cleanText(' \t\r\n\u200B\u200E\uFEFF\u00A0\n')).toBe('');
  });

  it('is idempotent on a messy Arabic paragraph', () => {
    const messy = '\uFEFF\u202Bالحكومة\u200F  تعلن\t\tعن\r\n\r\n\u2067خطة\u2069 جديدة\u0000.\u200D\n';
    const once = cleanText(messy);
    expect(once).toBe('الحكومة تعلن عن\nخطة جديدة.');
    expect(cleanText(once)).toBe(once);
  });
});

describe('cleanLine', () => {
  it('cleans like cleanText and joins the lines into one', () => {
    expect(cleanLine('  \u202BTitle\u202C on\r\n two\u00A0 lines  ')).toBe('Title on two lines');
    expect(cleanLine('\u200B\n\u200F')).toBe('');
  });
});

describe('utf8ByteLength and MAX_REPORT_BYTES', () => {
  it('is 384 KiB, below the 400 KB DynamoDB item that stores a report, with room for keys, url and dates', () => {
    expect(MAX_REPORT_BYTES).toBe(393_216);
    expect(MAX_REPORT_BYTES).toBeLessThanOrEqual(400 * 1024 - 16 * 1024);
  });

  it('lets an HTML page (or escaped JSON) be MARKUP_ALLOWANCE times as large', () => {
    expect(MAX_PAGE_BYTES).toBe(MARKUP_ALLOWANCE * MAX_REPORT_BYTES);
  });

  it('counts UTF-8 bytes per code point: ASCII 1, Arabic 2, euro sign 3, emoji 4', () => {
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('ع')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });

  it('agrees with Buffer.byteLength on mixed text', () => {
    const text = 'موجز Mujaz — digest 😀 ٢٠٢٦\n';
    expect(utf8ByteLength(text)).toBe(Buffer.byteLength(text, 'utf8'));
  });
});

describe('looksBinary', () => {
  it('takes any NUL byte for binary, even in long text', () => {
    expect(looksBinary(`${'plain text '.repeat(1000)}\u0000`)).toBe(true);
  });

  it('allows exactly 10% control characters but not more', () => {
    expect(looksBinary('abcdefghi\u0001')).toBe(false);
    expect(looksBinary('abcdefgh\u0001\u0002')).toBe(true);
  });

  it('counts replacement characters (U+FFFD) as suspicious', () => {
    expect(looksBinary('ab\uFFFD')).toBe(true);
    expect(looksBinary(`${'a'.repeat(50)}\uFFFD`)).toBe(false);
  });

  it('does not count tabs and line breaks', () => {
    expect(looksBinary('a\tb\nc\r\nd\t\t\n\n')).toBe(false);
  });
});

describe('isMarkupOnly', () => {
  it.each([
    ['empty elements', '<html><body><div><p></p></div></body></html>'],
    ['a non-breaking space between tags', '<p>&nbsp;</p><div>&#160;</div>'],
    [
      'XML with a declaration and empty elements',
      '<?xml version="1.0" encoding="utf-8"?>\n<root><item id="1"/><item/></root>',
    ],
    ['a doctype and a comment', '<!DOCTYPE html><!-- nothing here -->'],
    ['script and style content', '<script>window.dataLayer = [];</script><style>p { color: red }</style>'],
  ])('is true for %s', (_name, text) => {
    expect(isMarkupOnly(text)).toBe(true);
  });

  it.each([
    ['text inside tags', '<p>Hello</p>'],
    ['plain text', 'Hello there.'],
    ['comparisons that are not tags', 'a < b and c > d, and 3 <4'],
    ['Arabic text after markup', '<br/>مرحبا'],
  ])('is false for %s', (_name, text) => {
    expect(isMarkupOnly(text)).toBe(false);
  });

  it('stays linear on a megabyte of unclosed tags', () => {
    const started = Date.now();
    for (const text of ['<script '.repeat(130_000), '<!x '.repeat(250_000), '<a '.repeat(330_000)])
      expect(isMarkupOnly(text)).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('inspectTextContent and assertTextContent', () => {
  it('returns the cleaned text when it is usable', () => {
    expect(inspectTextContent('  Title\r\n\r\n\u200FBody.  ')).toEqual({ ok: true, text: 'Title\nBody.' });
    expect(assertTextContent('  Title\r\n\r\n\u200FBody.  ')).toBe('Title\nBody.');
  });

  it("rejects NUL bytes as 'binary'", () => {
    expect(rejection(() => assertTextContent('PK\u0003\u0004\u0000\u0000 a zip file')).reason).toBe('binary');
  });

  it("rejects a high share of control and replacement characters as 'binary'", () => {
    expect(rejection(() => assertTextContent('\uFFFD\uFFFDab\uFFFD\u0002\u0003cd')).reason).toBe('binary');
  });

  it("rejects tags with no text as 'markup_only'", () => {
    expect(rejection(() => assertTextContent('<html>\n  <body><p> </p></body>\n</html>')).reason).toBe('markup_only');
  });

  it("rejects nothing but whitespace and invisible characters as 'empty'", () => {
    expect(rejection(() => assertTextContent('')).reason).toBe('empty');
    expect(rejection(() => assertTextContent(' \r\n\t\u200B\u200F ')).reason).toBe('empty');
  });

  it("checks 'binary' before 'empty': NUL bytes alone are binary, not empty", () => {
    expect(inspectTextContent('\u0000\u0000')).toEqual({ ok: false, reason: 'binary' });
  });
});

describe('ReportRejectedError', () => {
  const reasons: ReportRejection[] = ['empty', 'single_sentence', 'too_large', 'binary', 'markup_only'];

  it.each(reasons)("is an InvalidInputError carrying the reason '%s'", (reason) => {
    const error = new ReportRejectedError(reason);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.reason).toBe(reason);
    expect(error.code).toBe('invalid_input');
    expect(error.name).toBe('ReportRejectedError');
    expect(error.problems).toEqual([{ field: '', message: error.message }]);
  });

  it('has a distinct message for every reason', () => {
    const messages = reasons.map((reason) => new ReportRejectedError(reason).message);
    expect(new Set(messages).size).toBe(reasons.length);
    for (const message of messages) expect(message.length).toBeGreaterThan(10);
  });

  it('takes a custom message and problems', () => {
    const error = new ReportRejectedError('too_large', 'The report is 2 MB; the limit is 1 MB.', [
      { field: 'text', message: 'too large' },
    ]);
    expect(error.message).toBe('The report is 2 MB; the limit is 1 MB.');
    expect(error.problems).toEqual([{ field: 'text', message: 'too large' }]);
  });

  it('reaches HTTP callers as a 400 invalid_input, like any invalid input, with its reason', () => {
    const logger: Logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const { status, body } = errorResponse(new ReportRejectedError('markup_only'), logger);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.reason).toBe('markup_only');
    expect(logger.error).not.toHaveBeenCalled();
  });

  it.each(reasons)("maps '%s' to 413 when too large and 400 otherwise, never to 5xx", (reason) => {
    const logger: Logger = { info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const { status, body } = errorResponse(new ReportRejectedError(reason), logger);
    expect(status).toBe(reason === 'too_large' ? 413 : 400);
    expect(body.error).toMatchObject({
      code: 'invalid_input',
      reason,
      message: new ReportRejectedError(reason).message,
    });
    expect(logger.error).not.toHaveBeenCalled();
  });
});
