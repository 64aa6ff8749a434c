// Adapter support: HTML read as a stream of tags and text (htmlparser2), without building a DOM — for feeds, where
// one document holds thousands of small fragments: a fragment costs linkedom ~80 µs and the stream ~6, and a fragment
// that closes </body> early loses nothing. Text is laid out as html-block-text.ts lays out a DOM (its block, cell and
// skipped elements), so an entry and an article page read alike.
//
// htmlparser2 keeps its open elements in an array it unshifts, so its time grows with the square of nesting depth
// (100,000 unclosed <div> take ~5 s): past MAX_MARKUP_DEPTH open elements we stop reading, as a browser would stop
// being useful long before. Real content nests a few dozen deep.

// A require, not an import: esbuild bundles an import from htmlparser2's ESM build and linkedom's require from its
// CommonJS one, so a function with both the Readability extractor and this module would carry two copies (120 KB).
import htmlparser2 = require('htmlparser2');

import { cleanText } from '../core/domain/text-cleaning';
import { BLOCKS, CELLS, SKIPPED } from './html-block-text';

/** Open elements past which a fragment is read no further (and a page searched no further). */
export const MAX_MARKUP_DEPTH = 200;

interface TagHandlers {
  onopentag?(name: string, attributes: Record<string, string>): void;
  onclosetag?(name: string): void;
  ontext?(text: string): void;
}

/** Feeds the HTML to htmlparser2 (entities decoded, names lower-cased), stopping at MAX_MARKUP_DEPTH. */
function readTags(html: string, handlers: TagHandlers): void {
  let depth = 0;
  const parser = new htmlparser2.Parser(
    {
      onopentag(name, attributes) {
        depth += 1;
        if (depth > MAX_MARKUP_DEPTH) {
          parser.pause(); // the tokenizer stops at once: nothing after this tag is read
          return;
        }
        handlers.onopentag?.(name, attributes);
      },
      // htmlparser2 closes every element it opened (void ones at once, unclosed ones at the end), so depth balances;
      // the element that went past the limit is closed for the handlers no more than it was opened.
      onclosetag(name) {
        depth -= 1;
        if (depth < MAX_MARKUP_DEPTH) handlers.onclosetag?.(name);
      },
      ontext(text) {
        handlers.ontext?.(text);
      },
    },
    { decodeEntities: true },
  );
  parser.end(html); // once paused, ending closes nothing
}

/**
 * HTML as plain text, a line per block (a block element or <br> ends a line; whitespace collapses as a browser shows
 * it, line breaks inside <pre> are kept), cleanText'd. Nothing of a skipped element (script, style, head, iframe,
 * svg…) and no attribute — so no link target — is ever text.
 */
export function htmlText(html: string): string {
  const lines: string[] = [];
  let line = '';
  let skipped = 0; // elements open inside a skipped one, itself included
  let preformatted = 0;
  const endLine = (): void => {
    lines.push(line);
    line = '';
  };
  readTags(html, {
    onopentag(name) {
      if (skipped > 0 || SKIPPED.has(name)) {
        skipped += 1;
        return;
      }
      if (name === 'br' || name === 'hr' || BLOCKS.has(name)) endLine();
      if (name === 'pre') preformatted += 1;
    },
    onclosetag(name) {
      if (skipped > 0) {
        skipped -= 1;
        return;
      }
      if (name === 'pre') preformatted -= 1;
      if (BLOCKS.has(name)) endLine();
      else if (CELLS.has(name)) line += ' ';
    },
    ontext(text) {
      if (skipped > 0) return;
      if (preformatted === 0) {
        line += text.replace(/[ \t\n\f\r]+/gu, ' ');
        return;
      }
      const [first = '', ...rest] = text.split('\n');
      line += first;
      for (const next of rest) {
        endLine();
        line = next;
      }
    },
  });
  endLine();
  return cleanText(lines.join('\n'));
}

/** A <link> element's attributes, names lower-cased, values as written (entities decoded). */
export type LinkAttributes = Record<string, string>;

/** The <link> elements of a page in its order, and the href of its first <base> that has one. */
export function pageLinks(html: string): { links: LinkAttributes[]; baseHref?: string } {
  const links: LinkAttributes[] = [];
  let baseHref: string | undefined;
  readTags(html, {
    onopentag(name, attributes) {
      if (name === 'link') links.push(attributes);
      else if (name === 'base' && baseHref === undefined && attributes.href !== undefined) baseHref = attributes.href;
    },
  });
  return { links, ...(baseHref === undefined ? {} : { baseHref }) };
}
