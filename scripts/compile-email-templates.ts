// Build step: `tsx scripts/compile-email-templates.ts <mjml-source-dir> <output-dir>` compiles the MJML email
// templates into HTML with their Handlebars placeholders, as the renderer in every Lambda function reads them.
// The CDK bundling hook runs it; `npm run build` calls the same function directly.
import { writeCompiledEmailTemplates } from '../lambdas/adapters/mjml-template-compiler';

const [sourceDirectory, outputDirectory] = process.argv.slice(2);
if (!sourceDirectory || !outputDirectory) {
  console.error('usage: tsx scripts/compile-email-templates.ts <mjml-source-dir> <output-dir>');
  process.exit(2);
}
writeCompiledEmailTemplates(sourceDirectory, outputDirectory).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
