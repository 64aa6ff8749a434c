// Adapter: renders emails from the templates compiled at build time (mjml-template-compiler.ts): HTML holding
// Handlebars placeholders, filled here with escaped data. No MJML runs in a Lambda function.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import type { DigestView, RenderedEmail } from '../core/domain/digest';
import { escapeHtml } from '../core/domain/html';
import type { ConfirmationView, EmailRenderer } from '../core/ports/email-renderer';

export const EMAIL_TEMPLATE_NAMES = ['digest', 'confirmation'] as const;
export type EmailTemplateName = (typeof EMAIL_TEMPLATE_NAMES)[number];

/** Each template as compiled HTML with its Handlebars placeholders. */
export type CompiledEmailTemplates = Record<EmailTemplateName, string>;

/** A compiled template's file name next to a bundle. */
export const compiledTemplateFile = (name: EmailTemplateName) => `${name}.html`;

export class TemplateRenderError extends Error {
  constructor(template: string, details: string) {
    super(`The ${template} template did not render: ${details}`);
    this.name = 'TemplateRenderError';
  }
}

/** Reads the compiled templates once, at cold start: the build puts them in templates/ next to the handler. */
export function readCompiledEmailTemplates(directory: string): CompiledEmailTemplates {
  return Object.fromEntries(
    EMAIL_TEMPLATE_NAMES.map((name) => [name, readFileSync(join(directory, compiledTemplateFile(name)), 'utf8')]),
  ) as CompiledEmailTemplates;
}

/**
 * MJML joins one section's closing Outlook conditional with the next one's opening. A section repeated by
 * `{{#each}}` is joined only once filled in, so the renderer does what MJML would have done (mjml-core's
 * mergeOutlookConditionnals, the same expression).
 */
const ADJACENT_OUTLOOK_CONDITIONALS = /<!\[endif\]-->\s*?<!--\[if mso \| IE\]>/gu;

export class HandlebarsEmailRenderer implements EmailRenderer {
  private readonly digest: Handlebars.TemplateDelegate<DigestView>;
  private readonly confirmation: Handlebars.TemplateDelegate<ConfirmationView>;

  constructor(templates: CompiledEmailTemplates) {
    const handlebars = Handlebars.create();
    // The one place where a value is marked safe for HTML: only absolute http(s) URLs, attribute-escaped.
    handlebars.registerHelper('url', (value: unknown) => {
      // The value itself stays out of the message: it may carry a signed token.
      if (typeof value !== 'string' || !/^https?:\/\//iu.test(value))
        throw new TemplateRenderError('email', 'a link is not an absolute http(s) URL');
      return new handlebars.SafeString(escapeHtml(value));
    });
    // ignoreStandalone: a block tag alone on its line leaves the line's indentation and line break, as the
    // whitespace MJML puts between the elements it renders; Handlebars would otherwise remove the whole line.
    const compile = <T>(source: string) =>
      handlebars.compile<T>(source, { strict: true, noEscape: false, ignoreStandalone: true });
    this.digest = compile<DigestView>(templates.digest);
    this.confirmation = compile<ConfirmationView>(templates.confirmation);
  }

  async renderDigest(view: DigestView): Promise<RenderedEmail> {
    return { subject: view.subject, ...render(this.digest(view)) };
  }

  async renderConfirmation(view: ConfirmationView): Promise<RenderedEmail> {
    return { subject: view.subject, ...render(this.confirmation(view)) };
  }
}

function render(filled: string): { html: string; text: string } {
  const html = filled.replace(ADJACENT_OUTLOOK_CONDITIONALS, '');
  return { html, text: htmlToText(html) };
}

function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: 78,
    selectors: [
      { selector: '.preheader', format: 'skip' },
      { selector: 'title', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  });
}
