// Adapter: the digest's HTML from its compiled template (mjml-template-compiler.ts), filled with escaped data — all a
// web page needs. Its own module, so that the API function, which renders editions only as pages, carries no
// HTML-to-text converter (html-to-text, htmlparser2 and its entity tables).
import type { DigestView } from '../core/domain/digest';
import type { DigestPageRenderer } from '../core/ports/email-renderer';
import { type CompiledEmailTemplates, templateFiller } from './handlebars-templates';

export class HandlebarsDigestPageRenderer implements DigestPageRenderer {
  private readonly digest: (view: DigestView) => string;

  constructor(templates: Pick<CompiledEmailTemplates, 'digest'>) {
    this.digest = templateFiller().html<DigestView>(templates.digest);
  }

  async renderDigestPage(view: DigestView): Promise<string> {
    return this.digest(view);
  }
}
