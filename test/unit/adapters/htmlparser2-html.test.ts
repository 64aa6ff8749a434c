import { blockText } from '../../../lambdas/adapters/html-block-text';
import { htmlText, MAX_MARKUP_DEPTH, pageLinks } from '../../../lambdas/adapters/htmlparser2-html';
import { type DomDocument, parseHTML } from '../../../lambdas/adapters/linkedom-dom';

describe('htmlText', () => {
  it('ends a line at every block element and <br>, and keeps inline elements within their line', () => {
    expect(
      htmlText('<h2>Title</h2><p>One <em>two</em> <a href="/x">three</a></p>text<br>after<div>block</div>tail'),
    ).toBe('Title\nOne two three\ntext\nafter\nblock\ntail');
  });

  it('collapses whitespace as a browser shows it, but keeps the line breaks of <pre>', () => {
    expect(htmlText('<p>  many \n\t spaces  </p><pre>  line 1\nline 2\n</pre>')).toBe('many spaces\nline 1\nline 2');
  });

  it('puts a space between table cells', () => {
    expect(htmlText('<table><tr><th>a</th><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>')).toBe('a b\nc d');
  });

  it('reads nothing of a script, a style, the head or any other skipped element, nor anything inside them', () => {
    expect(
      htmlText(
        '<head><title>head title</title></head><p>kept</p><script>var x = "<p>not text</p>";</script>' +
          '<style>p{}</style><svg><g><text>svg</text></g>still svg</svg><iframe src="x">frame</iframe><p>also kept</p>',
      ),
    ).toBe('kept\nalso kept');
  });

  it('decodes entities once, and writes no attribute', () => {
    expect(
      htmlText('<p title="x">&lt;b&gt; &amp;amp; &#x627; &eacute;<img alt="picture" src="javascript:x"></p>'),
    ).toBe('<b> &amp; ا é');
  });

  it('reads on past a fragment that closes </body> and </html>', () => {
    expect(htmlText('<p>before</p></body></html><p>after</p>')).toBe('before\nafter');
  });

  it('lays text out as html-block-text.ts lays out a DOM', () => {
    for (const html of [
      '<article><h1>Head</h1><p>First <b>bold</b> paragraph.</p><ul><li>one</li><li>two</li></ul></article>',
      '<div>a<div>b</div>c</div><blockquote>quote<br>line</blockquote><pre>x\n  y</pre>',
      '<table><tr><td>1</td><td>2</td></tr></table><noscript>n</noscript><p>end &amp; more</p>',
    ]) {
      const { document } = parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
      const body = (document as DomDocument).querySelector('body')!;
      expect(htmlText(html)).toBe(blockText(body));
    }
  });

  it(`reads no deeper than ${MAX_MARKUP_DEPTH} open elements`, () => {
    const lines = htmlText(`${'<div>x'.repeat(MAX_MARKUP_DEPTH + 50)}<p>after</p>`).split('\n');
    expect(lines).toEqual(Array<string>(MAX_MARKUP_DEPTH).fill('x'));
    expect(htmlText(`${'<div>x'.repeat(MAX_MARKUP_DEPTH)}`).split('\n')).toHaveLength(MAX_MARKUP_DEPTH);
  });

  it('counts closed elements out of the depth', () => {
    const closed = '<div><b>x</b></div>'.repeat(MAX_MARKUP_DEPTH * 2);
    expect(htmlText(closed).split('\n')).toHaveLength(MAX_MARKUP_DEPTH * 2);
  });
});

describe('pageLinks', () => {
  it('gives every <link> with its attributes in page order, and the first <base> with an href', () => {
    expect(
      pageLinks(
        '<base target="_blank"><base href="/one/"><base href="/two/"><link rel="A" HREF="x?a=1&amp;b=2"><p><link type="t"></p>',
      ),
    ).toEqual({ links: [{ rel: 'A', href: 'x?a=1&b=2' }, { type: 't' }], baseHref: '/one/' });
  });

  it('gives none for a page without links', () => {
    expect(pageLinks('<p>no links</p>')).toEqual({ links: [] });
  });
});
