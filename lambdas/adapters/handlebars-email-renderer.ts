// Adapter: renders emails from the templates compiled at build time (mjml-template-compiler.ts): HTML holding
// Handlebars placeholders, filled with escaped data. No MJML runs in a Lambda function. Each email's text part has
// a plain-text template of its own, filled from the same view, so no function carries an HTML-to-text converter.
import type { DigestView, RenderedEmail } from '../core/domain/digest';
import type { ConfirmationView, EmailRenderer } from '../core/ports/email-renderer';
import { HandlebarsConfirmationRenderer } from './handlebars-confirmation-renderer';
import { HandlebarsDigestPageRenderer } from './handlebars-digest-page-renderer';
import { type CompiledEmailTemplates, templateFiller } from './handlebars-templates';

export class HandlebarsEmailRenderer implements EmailRenderer {
  private readonly page: HandlebarsDigestPageRenderer;
  private readonly digestText: (view: DigestView) => string;
  private readonly confirmation: HandlebarsConfirmationRenderer;

  constructor(templates: CompiledEmailTemplates) {
    this.page = new HandlebarsDigestPageRenderer(templates);
    this.digestText = templateFiller().text<DigestView>(templates.digestText);
    this.confirmation = new HandlebarsConfirmationRenderer(templates);
  }

  async renderDigest(view: DigestView): Promise<RenderedEmail> {
    return { subject: view.subject, html: await this.page.renderDigestPage(view), text: this.digestText(view) };
  }

  renderDigestPage(view: DigestView): Promise<string> {
    return this.page.renderDigestPage(view);
  }

  renderConfirmation(view: ConfirmationView): Promise<RenderedEmail> {
    return this.confirmation.renderConfirmation(view);
  }
}
