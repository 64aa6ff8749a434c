import { ReadabilityArticleExtractor } from '../../../lambdas/adapters/readability-article-extractor';
import { cleanText } from '../../../lambdas/core/domain/text-cleaning';
import type { ExtractedArticle } from '../../../lambdas/core/ports/article-extractor';
import { htmlFixture } from '../../support/html-fixtures';

const extractor = new ReadabilityArticleExtractor();
/** Skips Readability whatever the page, to exercise the fallback on the same fixtures. */
const fallbackOnly = new ReadabilityArticleExtractor({ maxReadabilityElements: 1 });

/** Asserts each needle is the start of some line, each after the previous, and returns those lines. */
function expectLinesInOrder(text: string, starts: string[]): string[] {
  const lines = text.split('\n');
  let previous = -1;
  return starts.map((start) => {
    const index = lines.findIndex((line, at) => at > previous && line.startsWith(start));
    if (index === -1) throw new Error(`no line starting "${start}" after line ${previous} in:\n${text}`);
    previous = index;
    return lines[index]!;
  });
}

const ARABIC_BODY_STARTS = [
  'افتتحت هيئة المياه الإقليمية صباح الثلاثاء',
  'وقال المهندس كريم الشامي، مدير المشروع',
  'وأضاف أن كلفة إنتاج المتر المكعب',
  'خطة لربط القرى المجاورة',
  'وتخطط الهيئة لمد خط أنابيب',
  '«لن تنتظر أي أسرة في الساحل الشرقي',
  'في المقابل، أبدت جمعيات بيئية محلية',
  'وردّت الهيئة بأن نظام التصريف',
  'ويأتي افتتاح المحطة ضمن برنامج حكومي',
];

const ARABIC_BOILERPLATE = [
  'نستخدم ملفات تعريف الارتباط', // cookie banner
  'إدارة التفضيلات',
  'اشترك الآن في النشرة اليومية', // header
  'ابحث في الموقع',
  'منوعات وفنون', // navigation
  'مقالات الرأي',
  'الرئيسية',
  'بيئة وطاقة', // breadcrumbs
  'شارك على فيسبوك', // share buttons
  'أرسل عبر واتساب',
  'الأكثر قراءة', // sidebar
  'ارتفاع أسعار الذهب في الأسواق المحلية',
  'منتخب الشباب يتأهل',
  'احصل على أهم الأخبار في بريدك',
  'اقرأ أيضاً', // related articles
  'تراجع منسوب السدود',
  'أبو يوسف', // comments
  'أضف تعليقك',
  'جميع الحقوق محفوظة', // footer
  'من نحن',
  'صحيفة الأفق', // the site's name, in the title and the footer
  'dataLayer', // script
  'cookie-banner', // style
  'شريط الإعلانات العلوي', // HTML comments
  'إعلان داخل المقال',
];

describe('ReadabilityArticleExtractor on an Arabic news page', () => {
  let article: ExtractedArticle;
  beforeAll(() => {
    article = extractor.extract(htmlFixture('arabic-news-article.html'));
  });

  it('finds the headline without the site name', () => {
    expect(article.title).toBe('محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي');
  });

  it('reports the primary language subtag of <html lang="ar-EG">', () => {
    expect(article.language).toBe('ar');
  });

  it('yields the body paragraphs, the subheading and the quotation in document order, a line each', () => {
    const lines = expectLinesInOrder(article.text, ARABIC_BODY_STARTS);
    expect(lines[0]).toBe(
      'افتتحت هيئة المياه الإقليمية صباح الثلاثاء محطة جديدة لتحلية مياه البحر في مدينة رأس النخيل، بطاقة إنتاجية تبلغ مئة وعشرين ألف متر مكعب يومياً، وهو ما يعادل ضعف ما كانت تنتجه المحطات القديمة في المنطقة.',
    );
    expect(lines[3]).toBe('خطة لربط القرى المجاورة');
    expect(article.text.split('\n')).toHaveLength(ARABIC_BODY_STARTS.length);
  });

  it('ends the line at <br> inside a paragraph', () => {
    const [said, added] = expectLinesInOrder(article.text, ['وقال المهندس', 'وأضاف أن كلفة']);
    expect(said!.endsWith('شمال المدينة.')).toBe(true);
    expect(added).toBe('وأضاف أن كلفة إنتاج المتر المكعب انخفضت إلى أقل من نصف دولار.');
  });

  it('decodes entities (&amp; and &mdash;) and leaves no markup behind', () => {
    expect(article.text).toContain('كل ثلاثة أشهر & إشراك الصيادين');
    expect(article.text).toContain('شاحنة المياه بعد اليوم» — رئيسة المجلس البلدي');
    expect(article.text).not.toMatch(/&[a-z]+;|&#\d+;|[<>]/u);
  });

  it.each(ARABIC_BOILERPLATE)('drops the boilerplate "%s"', (boilerplate) => {
    expect(article.text).not.toContain(boilerplate);
    expect(article.title).not.toContain(boilerplate);
  });

  it('drops the ad label, which sits inside the article body', () => {
    expect(article.text.split('\n')).not.toContain('إعلان');
  });

  it('drops the byline, which is not a paragraph of the report', () => {
    expect(article.text).not.toContain('سلمى الحداد');
  });

  it('returns text that is already clean: trimmed, non-empty lines with no bidi or zero-width characters', () => {
    expect(cleanText(article.text)).toBe(article.text);
    expect(article.text).not.toMatch(/[\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/u);
  });
});

describe('ReadabilityArticleExtractor on an English news page', () => {
  let article: ExtractedArticle;
  beforeAll(() => {
    article = extractor.extract(htmlFixture('english-news-article.html'));
  });

  it('finds the headline, not the <title> with the site name', () => {
    expect(article.title).toBe('Harbour town bets on tidal power to cut bills');
  });

  it('reports "en" for <html lang="en-GB">', () => {
    expect(article.language).toBe('en');
  });

  it('yields paragraphs, the subheading and each list item as lines, in order', () => {
    expectLinesInOrder(article.text, [
      'Councillors in Port Wenlow voted on Monday',
      'The £48m project will be funded',
      '“We have the second-largest tidal range',
      'Fishermen want guarantees',
      'Not everyone is convinced.',
      'Construction is expected to start in autumn 2027.',
      'The array will sit at least 400 metres',
      'Engineers from the university',
      'A public exhibition of the plans opens at the library on Saturday.',
    ]);
  });

  it('decodes named, decimal and hexadecimal entities', () => {
    expect(article.text).toContain('a third of the town’s homes'); // &rsquo;
    expect(article.text).toContain('invest at least £250'); // &pound;
    expect(article.text).toContain('“It is time it paid its way.”'); // &ldquo; &rdquo;
    expect(article.text).toContain("The Wenlow Fishermen's Association"); // &#39;
    expect(article.text).toContain("the university's marine laboratory"); // &#x27;
  });

  it.each([
    'We use cookies',
    'Cookie settings',
    'Accept all',
    'The Coastal Ledger',
    'Crosswords',
    'Weather',
    'By Martin Okafor',
    'Share on Facebook',
    'Email this article',
    'Related stories',
    'Ferry timetable cut for the winter',
    'Most read',
    'Bakery wins national pie award',
    'All rights reserved',
    'Privacy policy',
    'analyticsQueue',
    'font-family',
  ])('drops the boilerplate "%s"', (boilerplate) => {
    expect(article.text).not.toContain(boilerplate);
  });
});

describe('ReadabilityArticleExtractor on pages Readability has little to work with', () => {
  it('takes the paragraphs of a short page with no article structure', () => {
    expect(extractor.extract(htmlFixture('short-paragraphs.html'))).toEqual({
      title: 'Notice',
      text: 'The reading room closes early on Friday.\nMembers may return books to the drop box by the gate.',
      language: 'en',
    });
  });

  it('reads a fragment with no <html> or <body>', () => {
    expect(extractor.extract('<p>First paragraph.</p><p>Second paragraph.</p>')).toEqual({
      text: 'First paragraph.\nSecond paragraph.',
    });
  });

  it('reads plain text with no tags at all', () => {
    expect(extractor.extract('Just a sentence, no markup.').text).toBe('Just a sentence, no markup.');
  });

  it('repairs a page whose <body> is missing, or whose <head> is never closed', () => {
    expect(extractor.extract('<html lang="fr"><p>Un paragraphe.</p><p>Deux.</p></html>')).toEqual({
      text: 'Un paragraphe.\nDeux.',
      language: 'fr',
    });
    expect(extractor.extract('<html><head><title>Le titre</title><p>Corps sans body.</p><p>Suite.</p></html>')).toEqual(
      { title: 'Le titre', text: 'Corps sans body.\nSuite.' },
    );
  });

  it('keeps text outside <html> in document order, as a browser would', () => {
    expect(extractor.extract('text before<html><body><p>inside</p></body></html>text after').text).toBe(
      'text before\ninside\ntext after',
    );
  });

  it('takes the title from the <h1> when there is no <title>, and does not repeat it as the first line', () => {
    const html =
      '<html><body><h1>Headline here</h1><p>Body one is a sentence.</p><p>Body two is another.</p></body></html>';
    expect(extractor.extract(html)).toEqual({
      title: 'Headline here',
      text: 'Body one is a sentence.\nBody two is another.',
    });
    expect(fallbackOnly.extract(html)).toEqual({
      title: 'Headline here',
      text: 'Body one is a sentence.\nBody two is another.',
    });
  });
});

describe('ReadabilityArticleExtractor: DOM to lines', () => {
  it('ends a line at every <br> and block element, and never inside inline elements', () => {
    const html =
      '<div>One<br>Two<br/><br>Three</div><p>Four with <b>bold</b>, <i>italic</i> and <a href="#">a link</a>.</p><ul><li>Five</li><li>Six</li></ul><h2>Seven</h2><blockquote>Eight</blockquote><table><tr><td>Nine</td><td>ten</td></tr></table>';
    expect(extractor.extract(html).text).toBe(
      'One\nTwo\nThree\nFour with bold, italic and a link.\nFive\nSix\nSeven\nEight\nNine ten',
    );
  });

  it('collapses source whitespace inside a paragraph but keeps the lines of <pre>', () => {
    expect(extractor.extract('<p>Spread\n   over\n\tlines.</p><pre>first\n   second\n\nthird</pre>').text).toBe(
      'Spread over lines.\nfirst\nsecond\nthird',
    );
  });

  it('decodes named, numeric and legacy entities, and keeps escaped markup as text', () => {
    const html =
      '<p>Fish &amp; chips&nbsp;&nbsp;cost &pound;5 &#x627;&#1604;&#1593;&#1585;&#1576;&#1610;&#1577; &lt;b&gt; &copy 2026.</p>';
    expect(extractor.extract(html).text).toBe('Fish & chips cost £5 العربية <b> © 2026.');
  });

  it('decodes entities in the title', () => {
    expect(
      extractor.extract('<html><head><title>Tom &amp; Jerry</title></head><body><p>Some text.</p></body></html>').title,
    ).toBe('Tom & Jerry');
  });

  it('drops <template>, hidden elements and display:none', () => {
    const html =
      '<p>Shown.</p><template><p>TEMPLATE</p></template><div hidden>HIDDEN</div><p style="color: red; display: none">STYLED</p><p aria-hidden="true">ARIA</p><noscript>NOSCRIPT</noscript>';
    expect(extractor.extract(html).text).toBe('Shown.');
  });

  it('recognises boilerplate in upper-case markup (CLASS="Cookie-Banner")', () => {
    const html =
      '<HTML LANG="AR"><BODY><DIV CLASS="Cookie-Banner">نستخدم ملفات تعريف الارتباط</DIV><P>مرحبا بكم في الموقع.</P></BODY></HTML>';
    expect(extractor.extract(html)).toEqual({ text: 'مرحبا بكم في الموقع.', language: 'ar' });
  });

  it('removes bidi marks and zero-width characters from the extracted text', () => {
    expect(
      extractor.extract('<html lang="ar"><body><p>\u200Fالنص\u200F مع علامات\u200B خفية.</p></body></html>').text,
    ).toBe('النص مع علامات خفية.');
  });
});

describe('ReadabilityArticleExtractor: the language of <html lang>', () => {
  it.each([
    ['<html lang="ar-EG">', 'ar'],
    ['<html LANG="AR-SA">', 'ar'],
    ['<html lang="en_US">', 'en'],
    ['<html lang="fil">', 'fil'],
    ['<html xml:lang="de" xmlns="http://www.w3.org/1999/xhtml">', 'de'],
  ])('reads %s as "%s"', (open, language) => {
    expect(extractor.extract(`${open}<body><p>Text.</p></body></html>`).language).toBe(language);
  });

  it.each([['<html>'], ['<html lang="">'], ['<html lang="i-klingon">'], ['<html lang="123">']])(
    'reports no language for %s',
    (open) => {
      const article = extractor.extract(`${open}<body><p>Text.</p></body></html>`);
      expect(article.language).toBeUndefined();
      expect('language' in article).toBe(false);
    },
  );
});

// The core checks a page before the extractor sees it (checkPage: size, tag count, binary data, emptiness) and
// turns empty text into 'markup_only'; the extractor only says that it found no text.
describe('ReadabilityArticleExtractor: pages with no readable text give empty text', () => {
  it('gives empty text, and the language of <html lang>, for the markup-only fixture', () => {
    expect(extractor.extract(htmlFixture('markup-only.html'))).toEqual({ text: '', language: 'ar' });
    expect(fallbackOnly.extract(htmlFixture('markup-only.html'))).toEqual({ text: '', language: 'ar' });
  });

  it.each([
    ['an empty document', '<!DOCTYPE html><html><head></head><body></body></html>'],
    ['only scripts and styles', '<script>var x = "text";</script><style>p{}</style>'],
    ['only navigation and a footer', '<nav><a href="/">Home</a></nav><footer>© 2026</footer>'],
    ['only a short share box', '<html><body><div class="share-bar">Share this story</div></body></html>'],
  ])('gives { text: "" } for %s', (_name, html) => {
    expect(extractor.extract(html)).toEqual({ text: '' });
    expect(fallbackOnly.extract(html)).toEqual({ text: '' });
  });

  it('keeps the <title> of a page that has nothing else', () => {
    expect(extractor.extract('<html><head><title>Only a title</title></head><body></body></html>')).toEqual({
      title: 'Only a title',
      text: '',
    });
  });
});

describe('ReadabilityArticleExtractor: the fallback when Readability is skipped', () => {
  it('still gives the Arabic body in order, without navigation, sidebar, footer, cookie banner or share buttons', () => {
    const article = fallbackOnly.extract(htmlFixture('arabic-news-article.html'));
    expect(article.title).toBe('محطة تحلية جديدة تضاعف إمدادات المياه في الساحل الشرقي');
    expect(article.language).toBe('ar');
    expectLinesInOrder(article.text, ARABIC_BODY_STARTS);
    for (const boilerplate of [
      'نستخدم ملفات تعريف الارتباط',
      'منوعات وفنون',
      'اشترك الآن',
      'الأكثر قراءة',
      'جميع الحقوق محفوظة',
      'شارك على فيسبوك',
      'dataLayer',
      'اقرأ أيضاً',
      'أبو يوسف',
    ]) {
      expect(article.text).not.toContain(boilerplate);
    }
  });

  it('reads a pathologically deep page with its own fallback instead of handing it to Readability', () => {
    const depth = 5000; // Readability alone takes minutes on this; the fallback walks the tree without recursion
    const html = `<html><body>${'<div>'.repeat(depth)}<p>Deep text.</p>${'</div>'.repeat(depth)}</body></html>`;
    expect(extractor.extract(html)).toEqual({ text: 'Deep text.' });
  });
});
