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
// unclosed <b> take 5 s, 300,000 nearly a minute); depth cannot exceed the number of start tags, so the core
// refuses a page with too many (MAX_PAGE_TAGS, checkPage) before it reaches us.
import { primaryLanguageOf } from '../core/domain/language-tag';
import { cleanLine } from '../core/domain/text-cleaning';
import type { ArticleExtractor, ExtractedArticle } from '../core/ports/article-extractor';
import { blockText } from './html-block-text';
import {
  type DomDocument,
  type DomElement,
  type DomNode,
  type DomText,
  isElement,
  parseHTML,
  TEXT_NODE,
} from './linkedom-dom';

export interface ReadabilityExtractorOptions {
  /** Above this many elements, skip Readability (its run time grows fast with size). */
  maxReadabilityElements?: number;
  /** Above this nesting depth, skip Readability (it recurses, and deep trees make it crawl). */
  maxReadabilityDepth?: number;
}

/**
 * Measured on linkedom: at these limits the worst shapes we tried take Readability 0.1–1.5 s. A long article page
 * has a few thousand elements.
 */
export const DEFAULT_EXTRACTOR_LIMITS: Required<ReadabilityExtractorOptions> = {
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
    // Required here, not imported: loaded with the first page, not at every start of the admin function.
    const { Readability } = require('@mozilla/readability') as typeof import('@mozilla/readability');
    const article = new Readability<DomElement>(document as never, {
      serializer: (node) => node as unknown as DomElement,
    }).parse();
    if (!article?.content) return undefined;
    const title = cleanLine(article.title ?? '');
    return { ...(title ? { title } : {}), text: blockText(article.content) };
  } catch {
    return undefined; // a page Readability cannot handle still has text: the caller falls back
  }
}

// ---------------------------------------------------------------------------------------------------------
// Loading and repairing the tree

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
  return attribute ? primaryLanguageOf(attribute.value) : undefined;
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
  const heading = cleanLine(document.querySelector('h1')?.textContent ?? '');
  if (heading) return heading;
  const title = cleanLine(
    document.querySelector('head > title')?.textContent ?? document.querySelector('title')?.textContent ?? '',
  );
  return title || undefined;
}
