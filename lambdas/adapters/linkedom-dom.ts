// Adapter support: the slice of the DOM that the article extractor uses, over linkedom's light DOM.
// linkedom's typings are marked ESM-only, so TypeScript refuses to import them into this CommonJS project
// (TS1479) although require() loads its CommonJS build; they also describe DOM-lib types this project does
// not load. Hence a require, typed with the little we use — made at the first page parsed, not when the API
// function starts: linkedom, its HTML parser and entity tables take ~60 ms to load with Readability.
export function parseHTML(html: string): { document: unknown } {
  return (require('linkedom') as { parseHTML(html: string): { document: unknown } }).parseHTML(html);
}

/** The slice of the DOM this adapter uses, typed here because the project compiles without the DOM lib. */
export interface DomNode {
  readonly nodeType: number;
  readonly childNodes: ArrayLike<DomNode>;
  readonly firstChild: DomNode | null;
  readonly textContent: string | null;
  remove(): void;
}
export interface DomText extends DomNode {
  readonly data: string;
}
export interface DomElement extends DomNode {
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
export interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  createElement(name: string): DomElement;
  appendChild(node: DomNode): DomNode;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;

export function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}
