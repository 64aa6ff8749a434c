// Adapter support: the text of a DOM subtree as lines, the way a browser lays it out — a block element or <br>
// ends a line — because Readability's textContent runs paragraphs together. Its element sets also lay out feed
// markup, which htmlparser2-html.ts reads as a stream.
import { cleanText } from '../core/domain/text-cleaning';
import { type DomElement, type DomNode, type DomText, isElement, TEXT_NODE } from './linkedom-dom';

/** Elements that start and end a line of text (the HTML block-level and list/table-row elements). */
export const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'legend',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'tfoot',
  'thead',
  'tr',
  'ul',
]);
/** Table cells sit side by side: a space between them keeps their words apart. */
export const CELLS = new Set(['td', 'th']);
/** Never text, even if something above let them through. */
export const SKIPPED = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'math',
  'canvas',
  'audio',
  'video',
  'button',
  'select',
  'textarea',
  'datalist',
]);

type Step = DomNode | { leave: DomElement };

/**
 * The text under an element, a line per block: a block element or <br> ends the line, whitespace runs
 * collapse as a browser renders them (line breaks inside <pre> are kept), and the result is cleanText'd.
 * Entities were decoded by the parser. Iterative, for the same reason as measureAndNormalize.
 */
export function blockText(root: DomElement): string {
  const lines: string[] = [];
  let line = '';
  let preformatted = 0;
  const endLine = (): void => {
    lines.push(line);
    line = '';
  };
  const stack: Step[] = Array.from(root.childNodes).reverse();
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('leave' in step) {
      const name = step.leave.localName;
      if (name === 'pre') preformatted -= 1;
      if (BLOCKS.has(name)) endLine();
      else if (CELLS.has(name)) line += ' ';
      continue;
    }
    if (step.nodeType === TEXT_NODE) {
      const data = (step as DomText).data;
      if (preformatted > 0) {
        const [first = '', ...rest] = data.split('\n');
        line += first;
        for (const next of rest) {
          endLine();
          line = next;
        }
      } else {
        line += data.replace(/[ \t\n\f\r]+/gu, ' ');
      }
      continue;
    }
    if (!isElement(step) || SKIPPED.has(step.localName)) continue; // comments, doctype, processing instructions
    const name = step.localName;
    if (name === 'br' || name === 'hr') {
      endLine();
      continue;
    }
    if (BLOCKS.has(name)) endLine();
    if (name === 'pre') preformatted += 1;
    stack.push({ leave: step });
    for (const child of Array.from(step.childNodes).reverse()) stack.push(child);
  }
  endLine();
  return cleanText(lines.join('\n'));
}
