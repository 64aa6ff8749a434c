// Support for the CDK tests: the app as cdk.json configures it — its example values allowed, as `npm run synth`
// allows them — with bundling skipped (the bundles have their own test).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ALLOW_PLACEHOLDERS, buildMujaz } from '../../lib/mujaz-app';

export const cdkJson = JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as {
  context: Record<string, unknown>;
};

/** cdk.json's context with `overrides` on top, as `-c` would put them (give strings to be exactly what it gives). */
export function testContext(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...cdkJson.context, [ALLOW_PLACEHOLDERS]: true, ...overrides, 'aws:cdk:bundling-stacks': [] };
}

/** Both stacks' templates under that context. */
export function synthMujaz(overrides: Record<string, unknown> = {}): { data: Template; service: Template } {
  const outdir = mkdtempSync(join(tmpdir(), 'mujaz-cdk-'));
  try {
    const stacks = buildMujaz(new App({ outdir, context: testContext(overrides) }));
    return { data: Template.fromStack(stacks.stateful), service: Template.fromStack(stacks.stateless) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Builds the app under that context and returns what it threw (undefined when it built). */
export function buildError(overrides: Record<string, unknown>, base = testContext()): unknown {
  const outdir = mkdtempSync(join(tmpdir(), 'mujaz-cdk-'));
  try {
    buildMujaz(new App({ outdir, context: { ...base, ...overrides } }));
    return undefined;
  } catch (error) {
    return error;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
