// Adapter: the double opt-in email — its HTML from the compiled MJML template, its text part from a plain-text
// template of its own (as the digest's), filled from the same view.
import type { RenderedEmail } from '../core/domain/digest';
import type { ConfirmationRenderer, ConfirmationView } from '../core/ports/email-renderer';
import { type CompiledEmailTemplates, templateFiller } from './handlebars-templates';

export class HandlebarsConfirmationRenderer implements ConfirmationRenderer {
  private readonly html: (view: ConfirmationView) => string;
  private readonly text: (view: ConfirmationView) => string;

  constructor(templates: Pick<CompiledEmailTemplates, 'confirmation' | 'confirmationText'>) {
    const filler = templateFiller();
    this.html = filler.html<ConfirmationView>(templates.confirmation);
    this.text = filler.text<ConfirmationView>(templates.confirmationText);
  }

  async renderConfirmation(view: ConfirmationView): Promise<RenderedEmail> {
    return { subject: view.subject, html: this.html(view), text: this.text(view) };
  }
}
