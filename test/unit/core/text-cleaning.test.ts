import {
  cleanLine,
  cleanText,
  countStartTags,
  isMarkupOnly,
  looksBinary,
  unusableTextReason,
  utf8ByteLength,
} from '../../../lambdas/core/domain/text-cleaning';

const codePoint = (code: number): string => String.fromCodePoint(code);
const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

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

  // The rest of what renders as nothing (invisible-characters.ts): the combining grapheme joiner, the Mongolian vowel
  // separator and a free variation selector, the Hangul fillers, Khmer's inherent vowels, variation selectors, the
  // tag characters and the invisible operators.
  const renderingAsNothing = [
    0x034f, 0x180e, 0x180b, 0x115f, 0x1160, 0x3164, 0xffa0, 0x17b4, 0xfe00, 0xfe0f, 0xe0100, 0xe0000, 0xe0001, 0xe0020,
    0xe0067, 0xe007f, 0x2061, 0x2064,
  ];
  it.each(renderingAsNothing.map((code) => [hex(code), code]))(
    'removes %s, which renders as nothing, at the start, inside and at the end',
    (_name, code) => {
      const mark = codePoint(code);
      expect(cleanText(`${mark}news${mark}letter ${mark}${mark}مرحبا${mark}`)).toBe('newsletter مرحبا');
    },
  );

  it('takes the combining grapheme joiner out before composing, so that what it held apart composes', () => {
    expect(cleanText('Cafe\u034F\u0301')).toBe('Caf\u00E9');
  });

  it('turns an emoji sequence into its emoji and a tag flag into its black flag: joiners and tags are invisible', () => {
    expect(cleanText('\u{1F469}\u200D\u{1F4BB} \u2764\uFE0F')).toBe('\u{1F469}\u{1F4BB} \u2764');
    expect(cleanText('\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}')).toBe('\u{1F3F4}');
  });

  it('keeps every visible character', () => {
    const visible = 'Aa ٠١ مُوجَز ـ ﷲ \u{1F600} ㄱ 가 \u1100\u1161';
    expect(cleanText(visible)).toBe(visible.normalize('NFC'));
  });

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

describe('utf8ByteLength', () => {
  it('counts UTF-8 bytes per code point: ASCII 1, Arabic 2, euro sign 3, emoji 4', () => {
    expect(utf8ByteLength('a')).toBe(1);
    expect(utf8ByteLength('ع')).toBe(2);
    expect(utf8ByteLength('€')).toBe(3);
    expect(utf8ByteLength('😀')).toBe(4);
  });

  const edges = [
    [0x7f, 1],
    [0x80, 2],
    [0x7ff, 2],
    [0x800, 3],
    [0xffff, 3],
    [0x10000, 4],
  ];
  it.each(edges.map(([code, bytes]) => [hex(code!), bytes!, code!]))(
    'counts %s, at an edge between encoded lengths, as %i byte(s)',
    (_name, bytes, code) => {
      expect(utf8ByteLength(codePoint(code))).toBe(bytes);
    },
  );

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

  it.each([
    ['DEL (U+007F)', 0x7f],
    ['the first C1 control (U+0080)', 0x80],
    ['the last C1 control (U+009F)', 0x9f],
  ])('counts %s as a control character', (_name, code) => {
    expect(looksBinary(`abcdefgh${codePoint(code)}${codePoint(code)}`)).toBe(true);
  });

  it('does not count the no-break space (U+00A0) just after the C1 controls', () => {
    expect(looksBinary('abcdefgh\u00A0\u00A0')).toBe(false);
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
    ['nothing at all', ''],
    ['white space without any markup', ' \n\t '],
    // A browser shows "&nbsp;" here: the tags in between do not join the two halves into a reference.
    ['a reference split by tags', '&nb<i></i>sp;'],
  ])('is false for %s', (_name, text) => {
    expect(isMarkupOnly(text)).toBe(false);
  });

  // A pattern that backtracked over these would run for minutes, past jest's timeout.
  it('reads a megabyte of unclosed tags as text, not as markup', () => {
    for (const text of ['<script '.repeat(130_000), '<!x '.repeat(250_000), '<a '.repeat(330_000)])
      expect(isMarkupOnly(text)).toBe(false);
  });
});

describe('unusableTextReason', () => {
  it('finds nothing wrong with text that has words in it', () => {
    expect(unusableTextReason('  Title\r\n\r\n\u200FBody.  ')).toBeUndefined();
  });

  it("says 'binary' for NUL bytes, and for a high share of control and replacement characters", () => {
    expect(unusableTextReason('PK\u0003\u0004\u0000\u0000 a zip file')).toBe('binary');
    expect(unusableTextReason('\uFFFD\uFFFDab\uFFFD\u0002\u0003cd')).toBe('binary');
  });

  it("says 'markup_only' for tags with no text", () => {
    expect(unusableTextReason('<html>\n  <body><p> </p></body>\n</html>')).toBe('markup_only');
  });

  it("says 'empty' for nothing but whitespace and invisible characters", () => {
    expect(unusableTextReason('')).toBe('empty');
    expect(unusableTextReason(' \r\n\t\u200B\u200F ')).toBe('empty');
  });

  it("checks 'binary' before 'empty': NUL bytes alone are binary, not empty", () => {
    expect(unusableTextReason('\u0000\u0000')).toBe('binary');
  });
});

describe('countStartTags', () => {
  it("counts '<' followed by a letter, in either case, and nothing else", () => {
    expect(countStartTags('<p>One</p><DIV>two</DIV><br/>')).toBe(3);
    expect(countStartTags('a < b, 3 <4, <!-- c --> <?xml?> <')).toBe(0);
    expect(countStartTags('<a<b<c')).toBe(3);
  });

  it("counts from the first '<': text before it, however it starts, is not a tag", () => {
    expect(countStartTags('Hello <b>world</b>')).toBe(1);
    expect(countStartTags('ab')).toBe(0);
  });

  it('counts the letters from a to z, both ends included', () => {
    expect(countStartTags('<a><z><A><Z>')).toBe(4);
    expect(countStartTags('<@<[<`<{')).toBe(0);
  });
});
