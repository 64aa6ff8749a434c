// Test support: the real email renderer over templates/, compiled once (with mjml, as the build does) and shared
// by a test file's tests.
import { join } from 'node:path';
import { HandlebarsEmailRenderer } from '../../lambdas/adapters/handlebars-email-renderer';
import type { CompiledEmailTemplates } from '../../lambdas/adapters/handlebars-templates';
import { compileEmailTemplates } from '../../lambdas/adapters/mjml-template-compiler';
import type { EmailRenderer } from '../../lambdas/core/ports/email-renderer';

export const TEMPLATES_DIRECTORY = join(__dirname, '..', '..', 'templates');

let compiled: Promise<CompiledEmailTemplates> | undefined;

/** templates/ compiled as the build compiles it, once per test file. */
export function compiledTemplates(): Promise<CompiledEmailTemplates> {
  compiled ??= compileEmailTemplates(TEMPLATES_DIRECTORY);
  return compiled;
}

let shared: EmailRenderer | undefined;

/** The renderer the functions run, over the compiled templates; it compiles them at its first email. */
export function realRenderer(): EmailRenderer {
  const renderer = compiledTemplates().then((templates) => new HandlebarsEmailRenderer(templates));
  shared ??= {
    renderDigest: async (view) => (await renderer).renderDigest(view),
    renderDigestPage: async (view) => (await renderer).renderDigestPage(view),
    renderConfirmation: async (view) => (await renderer).renderConfirmation(view),
  };
  return shared;
}
