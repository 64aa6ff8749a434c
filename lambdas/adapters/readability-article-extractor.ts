// Adapter: the article inside an HTML page, as paragraphs — Mozilla Readability (the Firefox Reader View
// algorithm) over linkedom's light DOM. Readability picks the article and drops navigation, sidebars, share
// bars and comments; we turn its DOM into lines ourselves (block elements and <br> end a line), because its
// textContent runs paragraphs together.
//
// linkedom builds the tree htmlparser2 gives it, without HTML5's implied <html>, <head> and <body>, so a
// fragment or a page without <body> is first repaired into html/head/body (repairDocument). Readability's
// cost grows steeply with nesting depth (1,000 nested <div>s take seconds, 5,000 minutes) and it recurses,
// so a tree too deep or too large skips it for our own linear extraction of the page's main text. The parser
// itself is quadratic in nesting depth (htmlparser2 keeps its open elements with Array.unshift: 100,000
// unclosed <b> take 5 s, 300,000 nearly a minute); depth cannot exceed the number of start tags, so a page
// with too many is refused before parsing.
import { Readability } from '@mozilla/readability';
import { ReportRejectedError } from '../core/domain/errors';
import { cleanText, looksBinary } from '../core/domain/text-cleaning';
import type { ArticleExtractor, ExtractedArticle } from '../core/ports/article-extractor';

// linkedom's typings are marked ESM-only, so TypeScript refuses to import them into this CommonJS project
// (TS1479) although require() loads its CommonJS build; they also describe DOM-lib types this project does
// not load. Hence a require, typed with the little we use.
const { parseHTML } = require('linkedom') as { parseHTML(html: string): { document: unknown } };

/** The slice of the DOM this adapter uses, typed here because the project compiles without the DOM lib. */
interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  readonly firstChild: DomNode | null;
  readonly textContent: string | null;
  remove(): void;
}
interface DomText extends DomNode {
  readonly data: string;
}
interface DomElement extends DomNode {
  readonly localName: string;
  readonly attributes: ArrayLike<{ readonly name: string; readonly value: string }>;
  readonly firstElementChild: DomElement | null;
  readonly nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  closest(selector: string): DomElement | null;
  append(...nodes: DomNode[]): void;
  insertBefore(node: DomNode, reference: DomNode | null): DomNode;
}
interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  createElement(name: string): DomElement;
  appendChild(node: DomNode): DomNode;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

export interface ReadabilityExtractorOptions {
  /** Above this many start tags, refuse the page as 'too_large' without parsing it. */
  maxTags?: number;
  /** Above this many elements, skip Readability (its run time grows fast with size). */
  maxReadabilityElements?: number;
  /** Above this nesting depth, skip Readability (it recurses, and deep trees make it crawl). */
  maxReadabilityDepth?: number;
}

/**
 * Measured on linkedom: 50,000 tags nested as deep as they go take 0.5–2.5 s end to end, and at the
 * Readability limits the worst shapes we tried take it 0.1–1.5 s. A long article page has a few thousand elements.
 */
export const DEFAULT_EXTRACTOR_LIMITS: Required<ReadabilityExtractorOptions> = {
  maxTags: 50_000,
  maxReadabilityElements: 15_000,
  maxReadabilityDepth: 200,
};

export class ReadabilityArticleExtractor implements ArticleExtractor {
  private readonly limits: Required<ReadabilityExtractorOptions>;

  constructor(options: ReadabilityExtractorOptions = {}) {
    this.limits = { ...DEFAULT_EXTRACTOR_LIMITS, ...options };
  }

  // The page URL would only serve to resolve links, and links are not part of the text we return.
  extract(html: string): ExtractedArticle {
    if (looksBinary(html)) throw new ReportRejectedError('binary');
    if (cleanText(html) === '') throw new ReportRejectedError('empty');
    const tags = countStartTags(html);
    if (tags > this.limits.maxTags) {
      throw new ReportRejectedError(
        'too_large',
        `The page has ${tags} tags; at most ${this.limits.maxTags} are accepted.`,
      );
    }

    const { document, language, shape } = preparePage(html);
    const pageTitle = headlineOrTitle(document); // before Readability rearranges the document

    let title: string | undefined;
    let text = '';
    const readable =
      shape.elements <= this.limits.maxReadabilityElements && shape.depth <= this.limits.maxReadabilityDepth;
    if (readable) {
      const article = readArticle(document);
      if (article) ({ title, text } = article);
    }
    if (text === '') {
      // No article: the page's main text. Readability rearranges the document it reads, so if it ran, start afresh.
      text = mainText(readable ? preparePage(html).document : document);
    }
    if (text === '') throw new ReportRejectedError('markup_only');
    title ||= pageTitle;

    // A headline repeated as the text's first line would be summarized as a sentence of its own.
    const lines = text.split('\n');
    if (title !== undefined && lines.length > 1 && lines[0] === title) text = lines.slice(1).join('\n');
    return { ...(title ? { title } : {}), text, ...(language ? { language } : {}) };
  }
}

/** Readability's article (its title with the site name taken off, its content as lines), if it finds one. */
function readArticle(document: DomDocument): { title?: string; text: string } | undefined {
  try {
    // The serializer hands us Readability's own DOM node instead of an HTML string we would parse again.
    // Readability is typed against the DOM lib this project does not load; our DomDocument is what it gets.
    const article = new Readability<DomElement>(document as never, {
      serializer: (node) => node as unknown as DomElement,
    }).parse();
    if (!article?.content) return undefined;
    const title = singleLine(article.title ?? '');
    return { ...(title ? { title } : {}), text: blockText(article.content) };
  } catch {
    return undefined; // a page Readability cannot handle still has text: the caller falls back
  }
}

// ---------------------------------------------------------------------------------------------------------
// Loading and repairing the tree

/** An upper bound on the elements a page can have: '<' followed by a letter. A count, not a parse. */
function countStartTags(html: string): number {
  let count = 0;
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at + 1)) {
    const next = html.charCodeAt(at + 1) | 0x20; // ASCII lower case
    if (next >= 0x61 && next <= 0x7a) count += 1;
  }
  return count;
}

/** Parsed, repaired, measured and stripped of what is never text: ready for Readability or mainText. */
function preparePage(html: string): {
  document: DomDocument;
  language?: string;
  shape: { elements: number; depth: number };
} {
  const document = parseHTML(html).document as DomDocument;
  repairDocument(document);
  const root = document.documentElement!;
  const language = primaryLanguage(root);
  const shape = measureAndNormalize(root);
  removeNonContent(document);
  return { document, ...(language ? { language } : {}), shape };
}

const HEAD_ONLY = new Set(['title', 'meta', 'link', 'base']);
const HEAD_ALLOWED = new Set([...HEAD_ONLY, 'style', 'script', 'noscript', 'template']);

/**
 * Gives the document one <html> with a <head> and a <body>, as a browser's parser would: stray top-level
 * nodes, content inside <html> but outside <body>, and body content left inside an unclosed <head> move
 * into <body> in document order. All moves stay inside this document.
 */
function repairDocument(document: DomDocument): void {
  const topLevel = Array.from(document.childNodes);
  let root = topLevel.find((node): node is DomElement => isElement(node) && node.localName === 'html');
  if (!root) {
    root = document.createElement('html');
    document.appendChild(root);
  }
  const rootChildren = Array.from(root.childNodes);
  const head =
    rootChildren.find((node): node is DomElement => isElement(node) && node.localName === 'head') ??
    document.createElement('head');
  const body =
    rootChildren.find((node): node is DomElement => isElement(node) && node.localName === 'body') ??
    document.createElement('body');
  const bodyStart = body.firstChild;
  const before: DomNode[] = [];
  const after: DomNode[] = [];

  const place = (node: DomNode, destination: DomNode[]): void => {
    if (isElement(node)) {
      if (node.localName === 'head' || node.localName === 'body' || node.localName === 'html') {
        for (const child of Array.from(node.childNodes)) place(child, destination);
        node.remove();
      } else if (HEAD_ONLY.has(node.localName) && destination === before) {
        head.append(node);
      } else {
        destination.push(node);
      }
    } else if (node.nodeType === TEXT_NODE && (node as DomText).data.trim() !== '') {
      destination.push(node);
    }
  };

  let passedBody = false;
  for (const node of topLevel) {
    if (node === root) {
      for (const child of rootChildren) {
        if (child === head) {
          for (const headChild of Array.from(head.childNodes)) {
            const belongs = isElement(headChild)
              ? HEAD_ALLOWED.has(headChild.localName)
              : headChild.nodeType !== TEXT_NODE || (headChild as DomText).data.trim() === '';
            if (!belongs) place(headChild, before);
          }
        } else if (child === body) {
          passedBody = true;
        } else {
          place(child, passedBody ? after : before);
        }
      }
      passedBody = true;
    } else {
      place(node, passedBody ? after : before);
    }
  }

  if (root.firstElementChild !== head) root.insertBefore(head, root.firstChild);
  if (head.nextElementSibling !== body) root.insertBefore(body, head.nextElementSibling);
  for (const node of before) body.insertBefore(node, bodyStart);
  body.append(...after);
}

/**
 * One pass over the tree: counts elements, measures depth, and lower-cases attribute names (htmlparser2
 * keeps LANG="AR" or CLASS="sidebar" as written, and Readability looks for class and id in lower case).
 * Iterative, so a page of 100,000 nested <div>s cannot overflow the stack.
 */
function measureAndNormalize(root: DomElement): { elements: number; depth: number } {
  let elements = 0;
  let depth = 0;
  const stack: Array<[DomElement, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [element, level] = stack.pop()!;
    elements += 1;
    if (level > depth) depth = level;
    for (const { name, value } of Array.from(element.attributes)) {
      const lower = name.toLowerCase();
      if (lower !== name) {
        element.removeAttribute(name);
        if (!element.hasAttribute(lower)) element.setAttribute(lower, value);
      }
    }
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) stack.push([child, level + 1]);
  }
  return { elements, depth };
}

/** The primary subtag of <html lang> (or xml:lang), lower-cased, when it is a two- or three-letter code. */
function primaryLanguage(root: DomElement): string | undefined {
  const attribute =
    Array.from(root.attributes).find((candidate) => candidate.name.toLowerCase() === 'lang') ??
    Array.from(root.attributes).find((candidate) => candidate.name.toLowerCase() === 'xml:lang');
  const primary = attribute?.value.trim().split(/[-_]/u)[0]?.toLowerCase() ?? '';
  return /^[a-z]{2,3}$/u.test(primary) ? primary : undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Removing what is never article text

/**
 * Elements with no readable text of their own, that only serve a page's machinery, or that are navigation by
 * definition (Readability keeps a <nav> when nothing else on the page has text).
 */
const NON_CONTENT =
  'script, style, noscript, template, iframe, frame, frameset, object, embed, svg, math, canvas, audio, video, map, button, input, select, textarea, datalist, dialog, nav, [role="navigation"], [hidden], [aria-hidden="true"], [role="dialog"], [role="alertdialog"]';

/** Class or id words (split on spaces, '-', '_' and camelCase) of boxes that are never the article. */
const BOILERPLATE_WORDS = new Set([
  'ad',
  'ads',
  'adv',
  'advert',
  'adverts',
  'advertisement',
  'advertising',
  'sponsored',
  'promo',
  'share',
  'sharing',
  'social',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'popup',
  'modal',
  'paywall',
  'newsletter',
  'subscribe',
  'signup',
  'breadcrumb',
  'breadcrumbs',
]);

/** Boxes matched only by class or id words are removed when short, so a class="ad-free-article" wrapper survives. */
const BOILERPLATE_MAX_CHARACTERS = 500;

function removeNonContent(document: DomDocument): void {
  for (const element of Array.from(document.querySelectorAll(NON_CONTENT))) element.remove();
  for (const element of Array.from(document.querySelectorAll('[style]'))) {
    if (/(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/iu.test(element.getAttribute('style') ?? ''))
      element.remove();
  }
  removeShortBoxesNamed(document, BOILERPLATE_WORDS);
}

function removeShortBoxesNamed(document: DomDocument, boilerplate: ReadonlySet<string>): void {
  for (const element of Array.from(document.querySelectorAll('[class], [id]'))) {
    const words = `${element.getAttribute('class') ?? ''} ${element.getAttribute('id') ?? ''}`
      .replace(/([a-z])([A-Z])/gu, '$1 $2')
      .toLowerCase()
      .split(/[\s_-]+/u);
    if (words.some((word) => boilerplate.has(word)) && (element.textContent ?? '').length <= BOILERPLATE_MAX_CHARACTERS)
      element.remove();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The fallback: the page's main text when Readability found no article or was skipped

const OUTSIDE_MAIN_TEXT =
  'aside, footer, [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"]';

/** What Readability would also have dropped around an article: bylines, tag lists, related links, comments. */
const ARTICLE_SURROUNDINGS = new Set([
  'byline',
  'author',
  'tags',
  'related',
  'comment',
  'comments',
  'disqus',
  'replies',
]);

function mainText(document: DomDocument): string {
  for (const element of Array.from(document.querySelectorAll(OUTSIDE_MAIN_TEXT))) element.remove();
  removeShortBoxesNamed(document, ARTICLE_SURROUNDINGS);
  // A site header (logo, menu, search) is boilerplate; an article's own <header> holds its headline.
  for (const element of Array.from(document.querySelectorAll('header')))
    if (!element.closest('article, main')) element.remove();
  const main = document.querySelector('main') ?? document.querySelector('[role="main"]');
  const fromMain = main ? blockText(main) : '';
  return fromMain !== '' ? fromMain : blockText(document.querySelector('body')!);
}

/** The page's own headline (its first <h1>), else its <title>: for when Readability names none. */
function headlineOrTitle(document: DomDocument): string | undefined {
  const heading = singleLine(document.querySelector('h1')?.textContent ?? '');
  if (heading) return heading;
  const title = singleLine(
    document.querySelector('head > title')?.textContent ?? document.querySelector('title')?.textContent ?? '',
  );
  return title || undefined;
}

// ---------------------------------------------------------------------------------------------------------
// DOM to lines

/** Elements that start and end a line of text (the HTML block-level and list/table-row elements). */
const BLOCKS = new Set([
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
const CELLS = new Set(['td', 'th']);
/** Never text, even if something above let them through. */
const SKIPPED = new Set([
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
function blockText(root: DomElement): string {
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

function singleLine(text: string): string {
  return cleanText(text).replace(/\n/gu, ' ');
}

function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}
