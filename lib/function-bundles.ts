// Infrastructure: which handlers become Lambda functions and how they are bundled — shared by the CDK stack
// and `npm run build`, so the bundle we test locally is the bundle we deploy.
import { join } from 'node:path';

export const PROJECT_ROOT = join(__dirname, '..');

export const FUNCTION_ENTRIES = {
  api: 'lambdas/handlers/api.ts',
  admin: 'lambdas/handlers/admin.ts',
  'send-digest': 'lambdas/handlers/send-digest.ts',
  'deliver-digest': 'lambdas/handlers/deliver-digest.ts',
  'delivery-feedback': 'lambdas/handlers/delivery-feedback.ts',
  sources: 'lambdas/handlers/sources.ts',
  'find-due-sources': 'lambdas/handlers/find-due-sources.ts',
  'poll-sources': 'lambdas/handlers/poll-sources.ts',
  'import-subscribers': 'lambdas/handlers/import-subscribers.ts',
} as const;

export type FunctionName = keyof typeof FUNCTION_ENTRIES;

export const BUNDLE_OPTIONS = {
  /** Lambda runs Node.js 24; node20 output also runs on this repository's Node 20. */
  target: 'node20',
  /** CommonJS: ESM bundles fail at run time on dynamic require of node: built-ins. */
  format: 'cjs',
  /** The Lambda runtime ships the AWS SDK v3; mjml only reaches for TypeScript in code paths we never use. */
  externalModules: ['@aws-sdk/*', 'typescript'],
  minify: true,
  /** Minified, yet class and function names survive: error names (ReportRejectedError...) stay readable in logs. */
  keepNames: true,
  sourceMap: true,
  /** Arabic stop words and HTML entity tables as themselves, not as \uXXXX escapes: a smaller bundle to load. */
  charset: 'utf8',
  /**
   * Packages replaced in every bundle, paths from the project root. semver: only the X-Ray SDK's captureAWS (AWS SDK
   * v2) needs it, and Mujaz never calls that (lambdas/bundling/semver-left-out.ts); ~29 KB off each function.
   */
  alias: { semver: './lambdas/bundling/semver-left-out.ts' },
} as const;

/**
 * The email templates, compiled at build time (scripts/compile-email-templates.ts), are read at cold start from
 * templates/ next to the handler (see findTemplatesDirectory); their MJML sources sit in the repository's templates/.
 */
export const TEMPLATES_DIRECTORY = 'templates';
