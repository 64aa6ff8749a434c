// The dependency rule, checked: the core stays pure, each layer imports only what is below it, and configuration
// is read in one place.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const LAMBDAS = join(ROOT, 'lambdas');

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

/** `lambdas/<layer>/...` imports that reach into one of `layers`, as "file imports specifier". */
function importsInto(files: string[], layers: string[]): string[] {
  const pattern = new RegExp(`(^|/)(${layers.join('|')})/`, 'u');
  return files.flatMap((file) =>
    importsOf(file)
      .filter((specifier) => specifier.startsWith('.') && pattern.test(specifier))
      .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
  );
}

const layer = (name: string) => sourceFiles(join(LAMBDAS, name));

describe('the dependency rule', () => {
  const core = layer('core');

  it('finds every layer', () => {
    for (const name of ['core', 'adapters', 'http', 'composition', 'handlers', 'local']) {
      expect(layer(name).length).toBeGreaterThan(1);
    }
    expect(core.length).toBeGreaterThan(20);
  });

  it('keeps lambdas/core free of AWS, Lambda, templating, HTML parsing, HTTP, file system and outer layers', () => {
    const forbidden =
      /^(@aws-sdk\/|@aws-lambda-powertools\/|aws-lambda$|aws-cdk-lib|mjml|handlebars|nodemailer|html-to-text|linkedom|@mozilla\/readability|jsdom|htmlparser2|cheerio|parse5|hono|@hono\/|(node:)?fs(\/|$)|(node:)?(child_process|http|https|net|os|path)$)/u;
    const violations = core.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => forbidden.test(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
    expect(importsInto(core, ['adapters', 'http', 'handlers', 'local', 'composition'])).toEqual([]);
  });

  it('keeps the ports speaking domain types only: core/ports import nothing from use cases', () => {
    expect(importsInto(layer('core/ports'), ['use-cases'])).toEqual([]);
    expect(importsInto(layer('core/domain'), ['use-cases', 'ports'])).toEqual([]);
  });

  it('lets adapters implement ports without knowing who uses them', () => {
    const violations = importsInto(layer('adapters'), ['handlers', 'local', 'composition']);
    // The one HTTP port (starting a send elsewhere) belongs to the HTTP edge, and the Lambda adapter implements it.
    const httpImports = layer('adapters').flatMap((file) =>
      importsOf(file).filter((specifier) => /\/http\//u.test(specifier)),
    );
    expect(violations).toEqual([]);
    expect([...new Set(httpImports)]).toEqual(['../http/digest-dispatcher']);
  });

  it('keeps the HTTP edge off the adapters and the entry points', () => {
    expect(importsInto(layer('http'), ['adapters', 'handlers', 'local', 'composition'])).toEqual([]);
  });

  it('reads configuration in composition/config.ts only: no other file names an environment variable', () => {
    const names = /\b(MUJAZ_[A-Z_]+|AWS_REGION|PORT)\b|process\.env\.|process\.env\[/u;
    const readers = sourceFiles(LAMBDAS)
      .filter((file) => !file.endsWith(join('composition', 'config.ts')))
      .filter((file) => names.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gmu, '')))
      .map((file) => relative(ROOT, file));
    expect(readers).toEqual([]);
  });

  it('hands process.env over only from the entry points (handlers and the local runtime)', () => {
    const passing = sourceFiles(LAMBDAS)
      .filter((file) => /process\.env/u.test(readFileSync(file, 'utf8')))
      .map((file) => relative(LAMBDAS, file).split('/')[0]);
    expect([...new Set(passing)].sort()).toEqual(['handlers', 'local']);
  });

  it('lets the CDK app know only bundling entries, the table and queue definitions, the route table, the metric names, the newsletter languages and the time zone rule from lambdas/', () => {
    const libImports = sourceFiles(join(ROOT, 'lib')).flatMap((file) =>
      importsOf(file).filter((specifier) => specifier.includes('lambdas/')),
    );
    expect([...new Set(libImports)].sort()).toEqual([
      '../lambdas/adapters/delivery-queue-definition',
      '../lambdas/adapters/dynamo-table-definition',
      '../lambdas/core/domain/metric-names',
      '../lambdas/core/domain/newsletter-languages',
      '../lambdas/core/domain/time-zone',
      '../lambdas/http/routes',
    ]);
  });
});
