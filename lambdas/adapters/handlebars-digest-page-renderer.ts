// Adapter: the digest's HTML from its compiled template (mjml-template-compiler.ts), filled with escaped data — all a
// web page needs. Its own module, so that the API function, which renders editions only as pages, builds no text
// part and no confirmation.
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
