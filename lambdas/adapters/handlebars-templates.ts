// Adapter: the compiled email templates (mjml-template-compiler.ts made them at build time: MJML to HTML, then
// Handlebars precompiled to JavaScript) and the one way they are filled: Handlebars' runtime, every value escaped,
// links only through the `url` helper. The runtime alone is a fifth of Handlebars, and parses nothing at start.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars/runtime';
import { escapeHtml } from '../core/domain/html';

/** The MJML templates, compiled to HTML with their Handlebars placeholders. */
export const EMAIL_TEMPLATE_NAMES = ['digest', 'confirmation', 'sign-in'] as const;
export type EmailTemplateName = (typeof EMAIL_TEMPLATE_NAMES)[number];

/**
 * Each template as the build leaves it: Handlebars' precompiled template (JavaScript source of its spec) of the
 * HTML compiled from MJML, or of the plain text.
 */
export interface CompiledEmailTemplates extends Record<EmailTemplateName, string> {
  /** The digest's text part, written as plain text (templates/digest.txt). */
  digestText: string;
  /** The confirmation's text part, written as plain text (templates/confirmation.txt). */
  confirmationText: string;
  /** The console sign-in email's text part (templates/sign-in.txt). */
  signInText: string;
}

/** Where each compiled template lies next to a bundle. */
export const COMPILED_TEMPLATE_FILES: Record<keyof CompiledEmailTemplates, string> = {
  digest: 'digest.js',
  digestText: 'digest-text.js',
  confirmation: 'confirmation.js',
  confirmationText: 'confirmation-text.js',
  'sign-in': 'sign-in.js',
  signInText: 'sign-in-text.js',
};

export class TemplateRenderError extends Error {
  constructor(template: string, details: string) {
    super(`The ${template} template did not render: ${details}`);
    this.name = 'TemplateRenderError';
  }
}

/** Reads the compiled templates once, at cold start: the build puts them in templates/ next to the handler. */
export function readCompiledEmailTemplates(directory: string): CompiledEmailTemplates {
  const read = (name: keyof CompiledEmailTemplates) =>
    readFileSync(join(directory, COMPILED_TEMPLATE_FILES[name]), 'utf8');
  return {
    digest: read('digest'),
    digestText: read('digestText'),
    confirmation: read('confirmation'),
    confirmationText: read('confirmationText'),
    'sign-in': read('sign-in'),
    signInText: read('signInText'),
  };
}

/**
 * MJML joins one section's closing Outlook conditional with the next one's opening. A section repeated by
 * `{{#each}}` is joined only once filled in, so the renderer does what MJML would have done (mjml-core's
 * mergeOutlookConditionnals, the same expression).
 */
const ADJACENT_OUTLOOK_CONDITIONALS = /<!\[endif\]-->\s*?<!--\[if mso \| IE\]>/gu;

export interface TemplateFiller {
  /** A compiled HTML template: every value HTML-escaped, Outlook conditionals joined as MJML joins them. */
  html<T>(compiled: string): (view: T) => string;
  /** A plain-text template: values as they are (`{{{ }}}` in the template), the trailing line break dropped. */
  text<T>(compiled: string): (view: T) => string;
}

/** A precompiled template's spec from its source: the build wrote it, as Handlebars.precompile made it. */
function templateSpec(compiled: string): TemplateSpecification {
  return new Function(`return (${compiled});`)() as TemplateSpecification;
}

export function templateFiller(): TemplateFiller {
  const handlebars = Handlebars.create();
  // The one place where a value is marked safe for HTML: only absolute http(s) URLs, attribute-escaped.
  handlebars.registerHelper('url', (value: unknown) => {
    // The value itself stays out of the message: it may carry a signed token.
    if (typeof value !== 'string' || !/^https?:\/\//iu.test(value))
      throw new TemplateRenderError('email', 'a link is not an absolute http(s) URL');
    return new handlebars.SafeString(escapeHtml(value));
  });
  return {
    html: <T>(compiled: string) => {
      const fill = handlebars.template<T>(templateSpec(compiled));
      return (view: T) => fill(view).replace(ADJACENT_OUTLOOK_CONDITIONALS, '');
    },
    text: <T>(compiled: string) => {
      const fill = handlebars.template<T>(templateSpec(compiled));
      return (view: T) => fill(view).trimEnd();
    },
  };
}
