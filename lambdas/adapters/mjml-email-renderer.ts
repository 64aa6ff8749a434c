// Adapter: renders emails from the MJML templates in templates/, with data through Handlebars (escaped).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { convert } from 'html-to-text';
import mjml2html from 'mjml';
import type { DigestView, RenderedEmail } from '../core/domain/digest';
import { escapeHtml } from '../core/domain/html';
import type { ConfirmationView, EmailRenderer } from '../core/ports/email-renderer';

export interface EmailTemplateSources {
  digest: string;
  confirmation: string;
}

export class TemplateRenderError extends Error {
  constructor(template: string, details: string) {
    super(`The ${template} template did not render: ${details}`);
    this.name = 'TemplateRenderError';
  }
}

/** Reads the templates once, at cold start: Lambda bundles them next to the handler, locally they are in templates/. */
export function readEmailTemplates(directory: string): EmailTemplateSources {
  return {
    digest: readFileSync(join(directory, 'digest.mjml'), 'utf8'),
    confirmation: readFileSync(join(directory, 'confirmation.mjml'), 'utf8'),
  };
}

export class MjmlEmailRenderer implements EmailRenderer {
  private readonly digest: Handlebars.TemplateDelegate<DigestView>;
  private readonly confirmation: Handlebars.TemplateDelegate<ConfirmationView>;

  constructor(sources: EmailTemplateSources) {
    const handlebars = Handlebars.create();
    // The one place where a value is marked safe for HTML: only absolute http(s) URLs, attribute-escaped.
    handlebars.registerHelper('url', (value: unknown) => {
      // The value itself stays out of the message: it may carry a signed token.
      if (typeof value !== 'string' || !/^https?:\/\//iu.test(value))
        throw new TemplateRenderError('email', 'a link is not an absolute http(s) URL');
      return new handlebars.SafeString(escapeHtml(value));
    });
    const compile = <T>(source: string) => handlebars.compile<T>(source, { strict: true, noEscape: false });
    this.digest = compile<DigestView>(sources.digest);
    this.confirmation = compile<ConfirmationView>(sources.confirmation);
  }

  async renderDigest(view: DigestView): Promise<RenderedEmail> {
    return { subject: view.subject, ...(await renderMjml('digest', this.digest(view))) };
  }

  async renderConfirmation(view: ConfirmationView): Promise<RenderedEmail> {
    return { subject: view.subject, ...(await renderMjml('confirmation', this.confirmation(view))) };
  }
}

async function renderMjml(template: string, mjml: string): Promise<{ html: string; text: string }> {
  let result: Awaited<ReturnType<typeof mjml2html>>;
  try {
    // Strict validation runs on the filled-in template, where every attribute holds a real value.
    result = await mjml2html(mjml, { validationLevel: 'strict', keepComments: false, fonts: {} });
  } catch (error) {
    throw new TemplateRenderError(template, error instanceof Error ? error.message : String(error));
  }
  return { html: result.html, text: htmlToText(result.html) };
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
