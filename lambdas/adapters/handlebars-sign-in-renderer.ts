// Adapter: the console's sign-in email — its HTML from the compiled MJML template, its text part from a plain-text
// template of its own (as the confirmation's), filled from the same view.
import type { RenderedEmail } from '../core/domain/digest';
import type { SignInLinkRenderer, SignInLinkView } from '../core/ports/email-renderer';
import { type CompiledEmailTemplates, templateFiller } from './handlebars-templates';

export class HandlebarsSignInRenderer implements SignInLinkRenderer {
  private readonly html: (view: SignInLinkView) => string;
  private readonly text: (view: SignInLinkView) => string;

  constructor(templates: Pick<CompiledEmailTemplates, 'sign-in' | 'signInText'>) {
    const filler = templateFiller();
    this.html = filler.html<SignInLinkView>(templates['sign-in']);
    this.text = filler.text<SignInLinkView>(templates.signInText);
  }

  async renderSignInLink(view: SignInLinkView): Promise<RenderedEmail> {
    return { subject: view.subject, html: this.html(view), text: this.text(view) };
  }
}
