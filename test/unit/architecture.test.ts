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
    expect(importsInto(core, ['adapters', 'formats', 'http', 'handlers', 'local', 'composition'])).toEqual([]);
  });

  it('keeps the wire formats between the edges and the core: they import the core’s domain and each other alone', () => {
    const formats = layer('formats');
    expect(formats.length).toBeGreaterThan(0);
    const outside = formats.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.startsWith('.') && !/^(\.\.\/core\/domain\/|\.\/)/u.test(specifier))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(outside).toEqual([]);
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

  it('builds the adapters the use cases run on in composition alone: no entry point imports one', () => {
    // Logging and metrics are the entry points' own: lambda-runtime (composition) makes the functions', and the local
    // runtime takes the console's.
    const observability = /(console-logger|logger-metrics)\.ts$/u;
    const portAdapters = layer('adapters')
      .filter((file) => !observability.test(file))
      .filter((file) => /\bimplements\b|:\s*(IdSource|Clock)\s*=/u.test(readFileSync(file, 'utf8')))
      .map((file) => relative(LAMBDAS, file).replace(/\.ts$/u, '').split('/')[1]);
    expect(portAdapters.length).toBeGreaterThan(15);
    const entryPoints = [...layer('handlers'), ...layer('local')];
    const violations = entryPoints.flatMap((file) =>
      importsOf(file)
        .filter((specifier) => portAdapters.some((adapter) => specifier.endsWith(`/adapters/${adapter}`)))
        .map((specifier) => `${relative(ROOT, file)} imports ${specifier}`),
    );
    expect(violations).toEqual([]);
  });

  it('keeps composition off the entry points it serves', () => {
    expect(importsInto(layer('composition'), ['handlers', 'local'])).toEqual([]);
  });

  it('gives every Lambda handler one shape: the one cold-start helper around what composition builds', () => {
    for (const file of layer('handlers')) {
      const source = readFileSync(file, 'utf8');
      expect([relative(ROOT, file), source.match(/export const handler = lambdaHandler\b/gu)?.length]).toEqual([
        relative(ROOT, file),
        1,
      ]);
      expect([relative(ROOT, file), /\.catch\(|\bready\b/u.test(source)]).toEqual([relative(ROOT, file), false]);
    }
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

  it('lets the CDK app know only bundling entries, the table and queue definitions, the route table, the metric names, the newsletter languages, the time zone, email address and schedule rules and the environment variables’ names from lambdas/', () => {
    const libFiles = sourceFiles(join(ROOT, 'lib'));
    const libImports = libFiles.flatMap((file) =>
      importsOf(file).filter((specifier) => specifier.includes('lambdas/')),
    );
    expect([...new Set(libImports)].sort()).toEqual([
      '../lambdas/adapters/dynamo-table-definition',
      '../lambdas/adapters/import-queue-definition',
      '../lambdas/adapters/source-poll-queue-definition',
      '../lambdas/adapters/work-queue-definition',
      '../lambdas/composition/config',
      '../lambdas/core/domain/digest-schedule',
      '../lambdas/core/domain/email-address',
      '../lambdas/core/domain/metric-names',
      '../lambdas/core/domain/newsletter-languages',
      '../lambdas/core/domain/time-zone',
      '../lambdas/http/routes',
    ]);
    // From the config, the names alone: how the functions read their environment is theirs.
    const fromConfig = libFiles.flatMap((file) =>
      [
        ...readFileSync(file, 'utf8').matchAll(
          /import\s*(type\s*)?\{([^}]*)\}\s*from\s*'[./]+\/lambdas\/composition\/config'/gu,
        ),
      ].map((match) => `${match[1] ?? ''}${match[2]!.trim()}`),
    );
    expect(fromConfig.length).toBeGreaterThan(0);
    expect([...new Set(fromConfig)]).toEqual(['ENVIRONMENT_VARIABLES']);
    expect(
      libFiles.flatMap((file) => importsOf(file)).filter((specifier) => /composition\/config/u.test(specifier)),
    ).toHaveLength(fromConfig.length);
  });

  it('spells no environment variable of ours in lib/: the CDK app sets each by the name config.ts exports', () => {
    const spellers = sourceFiles(join(ROOT, 'lib'))
      .filter((file) => /\bMUJAZ_[A-Z_]+/u.test(readFileSync(file, 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gmu, '')))
      .map((file) => relative(ROOT, file));
    expect(spellers).toEqual([]);
  });
});
