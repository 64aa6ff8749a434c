// Test support: how emails were rendered before the build compiled the templates — Handlebars fills the MJML
// source, then mjml compiles the result, strictly validated, for every email. Kept as the reference the compiled
// templates must match byte for byte (test/unit/adapters/compiled-templates-equivalence.test.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import type { DigestView } from '../../lambdas/core/domain/digest';
import { escapeHtml } from '../../lambdas/core/domain/html';
import type { ConfirmationView } from '../../lambdas/core/ports/email-renderer';

export interface ReferenceRenderer {
  digestHtml(view: DigestView): Promise<string>;
  confirmationHtml(view: ConfirmationView): Promise<string>;
}

export function mjmlReferenceRenderer(templatesDirectory: string): ReferenceRenderer {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('url', (value: unknown) => new handlebars.SafeString(escapeHtml(String(value))));
  const compile = <T>(name: string) =>
    handlebars.compile<T>(readFileSync(join(templatesDirectory, `${name}.mjml`), 'utf8'), {
      strict: true,
      noEscape: false,
    });
  const digest = compile<DigestView>('digest');
  const confirmation = compile<ConfirmationView>('confirmation');
  const toHtml = async (mjml: string) =>
    (await mjml2html(mjml, { validationLevel: 'strict', keepComments: false, fonts: {} })).html;
  return {
    digestHtml: (view) => toHtml(digest(view)),
    confirmationHtml: (view) => toHtml(confirmation(view)),
  };
}
