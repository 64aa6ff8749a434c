// The dependency rule, checked: the core stays pure, and only entry points read the environment.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/gu)].map((match) => match[1]!);
}

describe('the dependency rule', () => {
  const core = sourceFiles(join(ROOT, 'lambdas', 'core'));

  it('finds the core', () => {
    expect(core.length).toBeGreaterThan(10);
  });

  it('keeps lambdas/core free of AWS, Lambda, templating, HTML parsing, HTTP, file system and outer layers', () => {
    const forbidden =
      /^(@aws-sdk\/|@aws-lambda-powertools\/|aws-lambda$|aws-cdk-lib|mjml|handlebars|nodemailer|html-to-text|linkedom|@mozilla\/readability|jsdom|htmlparser2|cheerio|parse5|hono|@hono\/|zod$|(node:)?fs(\/|$)|(node:)?child_process$|(node:)?http$)|\/(adapters|http|handlers|local|composition)\//u;
    const violations = core.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => forbidden.test(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it('never reads process.env in the core or the adapters', () => {
    const files = [
      ...core,
      ...sourceFiles(join(ROOT, 'lambdas', 'adapters')),
      ...sourceFiles(join(ROOT, 'lambdas', 'http')),
    ];
    const readers = files
      .filter((file) => /process\.env/u.test(readFileSync(file, 'utf8')))
      .map((file) => relative(ROOT, file));
    expect(readers).toEqual([]);
  });

  it('lets the CDK app know only bundling entries and the table definition from lambdas/', () => {
    const libImports = sourceFiles(join(ROOT, 'lib')).flatMap((file) =>
      importsOf(file).filter((specifier) => specifier.includes('lambdas/')),
    );
    expect([...new Set(libImports)]).toEqual(['../lambdas/adapters/dynamo-table-definition']);
  });
});
