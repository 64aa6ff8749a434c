// Adapter (build time): compiles the MJML email templates once into HTML that still holds their Handlebars
// placeholders, so that no Lambda function carries mjml. The build (scripts/compile-email-templates.ts, the CDK
// bundling hook), the local runtime and the tests all compile through this one function.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import mjml2html from 'mjml';
import {
  COMPILED_TEMPLATE_FILES,
  type CompiledEmailTemplates,
  EMAIL_TEMPLATE_NAMES,
  type EmailTemplateName,
} from './handlebars-templates';

export class TemplateCompileError extends Error {
  constructor(template: string, details: string) {
    super(`The ${template} template did not compile: ${details}`);
    this.name = 'TemplateCompileError';
  }
}

/** The plain-text templates in the repository's templates/ directory: each email's text part. */
const TEXT_SOURCES = {
  digestText: 'digest.txt',
  confirmationText: 'confirmation.txt',
  signInText: 'sign-in.txt',
} as const;

/** The MJML source of a template in the repository's templates/ directory. */
export const sourceTemplateFile = (name: EmailTemplateName) => `${name}.mjml`;

/** Handlebars comments say nothing to MJML, which would keep them as text. */
const HANDLEBARS_COMMENT = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}/gu;
/**
 * A Handlebars block tag alone on its line (`{{#each items}}`, `{{else}}`, `{{/if}}`): between sections or columns
 * MJML would drop it, so it goes through as mj-raw, which MJML passes on verbatim.
 */
const STANDALONE_BLOCK_TAG = /^([ \t]*)(\{\{(?:[#^/][^}]*|else)\}\})[ \t]*$/gmu;

/**
 * MJML interprets `direction` and `align` (column order, inlined `direction:`/`text-align:` styles), and its strict
 * validation refuses a placeholder there. So the template is compiled once left-to-right and once right-to-left,
 * and every word where the two differ becomes the placeholder again. The view always pairs them (layoutOf: rtl
 * with right, ltr with left), so a `left`/`right` MJML derived from a `direction` is `{{align}}` too.
 */
const LAYOUTS = [
  { direction: 'ltr', align: 'left' },
  { direction: 'rtl', align: 'right' },
] as const;
const PLACEHOLDER_OF_DIFFERENCE: Record<string, string> = { 'ltr|rtl': '{{direction}}', 'left|right': '{{align}}' };

/** Compiles one template, validated strictly, into HTML whose only remaining syntax is Handlebars. */
export async function compileEmailTemplate(name: string, mjmlSource: string): Promise<string> {
  const prepared = mjmlSource.replace(HANDLEBARS_COMMENT, '').replace(STANDALONE_BLOCK_TAG, '$1<mj-raw>$2</mj-raw>');
  const [ltr, rtl] = await Promise.all(
    LAYOUTS.map((layout) =>
      renderStrictly(
        name,
        prepared.replaceAll('{{direction}}', layout.direction).replaceAll('{{align}}', layout.align),
      ),
    ),
  );
  // Split into words and what lies between them: the two outputs must differ in whole words only.
  const left = ltr!.split(/(\w+)/u);
  const right = rtl!.split(/(\w+)/u);
  if (left.length !== right.length)
    throw new TemplateCompileError(name, 'its left-to-right and right-to-left forms differ in structure');
  return left
    .map((word, index) => {
      const other = right[index]!;
      if (word === other) return word;
      const placeholder = PLACEHOLDER_OF_DIFFERENCE[`${word}|${other}`];
      if (!placeholder)
        throw new TemplateCompileError(name, `its two directions differ in "${word}" / "${other}", not a layout word`);
      return placeholder;
    })
    .join('');
}

async function renderStrictly(name: string, mjml: string): Promise<string> {
  try {
    // fonts: {} keeps MJML from linking Google Fonts (an external resource, and no Arabic glyphs). No minify: MJML's
    // minifier leaves CSS alone on this Node (its cssnano is a major version behind) and crashes with
    // skipInternalWarnings.
    return (await mjml2html(mjml, { validationLevel: 'strict', keepComments: false, fonts: {} })).html;
  } catch (error) {
    throw new TemplateCompileError(name, error instanceof Error ? error.message : String(error));
  }
}

/**
 * HTML: every value escaped. ignoreStandalone: a block tag alone on its line leaves the line's indentation and line
 * break, as the whitespace MJML puts between the elements it renders; Handlebars would otherwise remove the line.
 */
const HTML_TEMPLATE_OPTIONS = { strict: true, noEscape: false, ignoreStandalone: true } as const;
const TEXT_TEMPLATE_OPTIONS = { strict: true } as const;

/**
 * Every template of a directory of sources (the repository's templates/) ready for Handlebars' runtime: the MJML
 * ones compiled to HTML, then each precompiled, with the options the renderer's filling relies on.
 */
export async function compileEmailTemplates(sourceDirectory: string): Promise<CompiledEmailTemplates> {
  const sources = await compileEmailTemplateSources(sourceDirectory);
  const precompile = (name: keyof CompiledEmailTemplates, options: PrecompileOptions) => {
    try {
      // precompile returns the spec as JavaScript source, though its typings say a spec object.
      return Handlebars.precompile(sources[name], options) as unknown as string;
    } catch (error) {
      throw new TemplateCompileError(name, error instanceof Error ? error.message : String(error));
    }
  };
  return {
    digest: precompile('digest', HTML_TEMPLATE_OPTIONS),
    digestText: precompile('digestText', TEXT_TEMPLATE_OPTIONS),
    confirmation: precompile('confirmation', HTML_TEMPLATE_OPTIONS),
    confirmationText: precompile('confirmationText', TEXT_TEMPLATE_OPTIONS),
    'sign-in': precompile('sign-in', HTML_TEMPLATE_OPTIONS),
    signInText: precompile('signInText', TEXT_TEMPLATE_OPTIONS),
  };
}

/**
 * The templates before Handlebars precompiles them: the MJML ones compiled to HTML with their placeholders, and
 * the plain-text ones as written.
 */
export async function compileEmailTemplateSources(sourceDirectory: string): Promise<CompiledEmailTemplates> {
  const [digest, confirmation, signIn] = await Promise.all(
    EMAIL_TEMPLATE_NAMES.map((name) =>
      compileEmailTemplate(name, readFileSync(join(sourceDirectory, sourceTemplateFile(name)), 'utf8')),
    ),
  );
  const text = (name: keyof typeof TEXT_SOURCES) => readFileSync(join(sourceDirectory, TEXT_SOURCES[name]), 'utf8');
  return {
    digest: digest!,
    digestText: text('digestText'),
    confirmation: confirmation!,
    confirmationText: text('confirmationText'),
    'sign-in': signIn!,
    signInText: text('signInText'),
  };
}

/** What the build puts next to a bundle: each template compiled, under the name the renderer reads. */
export async function writeCompiledEmailTemplates(sourceDirectory: string, outputDirectory: string): Promise<void> {
  const compiled = await compileEmailTemplates(sourceDirectory);
  mkdirSync(outputDirectory, { recursive: true });
  for (const [name, file] of Object.entries(COMPILED_TEMPLATE_FILES))
    writeFileSync(join(outputDirectory, file), compiled[name as keyof CompiledEmailTemplates]);
}
