// Adapter: renders emails from the templates compiled at build time (mjml-template-compiler.ts): HTML holding
// Handlebars placeholders, filled with escaped data. No MJML runs in a Lambda function. The digest's text part is
// derived from its HTML (html-to-text); the confirmation has a text template of its own.
import type { DigestView, RenderedEmail } from '../core/domain/digest';
import type { ConfirmationView, EmailRenderer } from '../core/ports/email-renderer';
import { HandlebarsConfirmationRenderer } from './handlebars-confirmation-renderer';
import { HandlebarsDigestPageRenderer } from './handlebars-digest-page-renderer';
import type { CompiledEmailTemplates } from './handlebars-templates';

export class HandlebarsEmailRenderer implements EmailRenderer {
  private readonly page: HandlebarsDigestPageRenderer;
  private readonly confirmation: HandlebarsConfirmationRenderer;

  constructor(templates: CompiledEmailTemplates) {
    this.page = new HandlebarsDigestPageRenderer(templates);
    this.confirmation = new HandlebarsConfirmationRenderer(templates);
  }

  async renderDigest(view: DigestView): Promise<RenderedEmail> {
    const html = await this.page.renderDigestPage(view);
    return { subject: view.subject, html, text: htmlToText(html) };
  }

  renderDigestPage(view: DigestView): Promise<string> {
    return this.page.renderDigestPage(view);
  }

  renderConfirmation(view: ConfirmationView): Promise<RenderedEmail> {
    return this.confirmation.renderConfirmation(view);
  }
}

function htmlToText(html: string): string {
  // Required here, not imported: the admin function loads it (and its HTML parser) with its first digest, not at
  // every start.
  const { convert } = require('html-to-text') as typeof import('html-to-text');
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
