// The docs stay true and readable as plain text. docs/ARCHITECTURE.md is a map of the code: every file it names
// must exist and every code name it gives must be found in the code, so a rename that leaves the map behind fails
// here; it stays short enough to read (200 lines); a reference to one of its sections names a heading it has. And no
// Markdown table is wider than Biome's 120 columns: Biome pads every cell to its column's widest, so one long cell
// makes a whole table unreadable outside a renderer. Nor does any file point to the shared folder beside this
// checkout, which a clone lacks.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ARCHITECTURE = 'docs/ARCHITECTURE.md';
const MAX_ARCHITECTURE_LINES = 200;
const MAX_TABLE_COLUMNS = 120;

/** What .gitignore keeps out of the repository: generated, installed or local, never part of a clone. */
const NOT_IN_REPOSITORY = new Set([
  '.git',
  'node_modules',
  'dist',
  'cdk.out',
  'out',
  '.mujaz',
  'coverage',
  'reports',
  '.stryker-tmp',
]);
const GENERATED_FILE = /^bench\/datasets\/.*\.jsonl$|\.tsbuildinfo$|^\.env$/u;

function repositoryFiles(directory = ROOT): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (NOT_IN_REPOSITORY.has(entry.name)) return [];
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return repositoryFiles(path);
    const file = relative(ROOT, path).split('\\').join('/');
    return GENERATED_FILE.test(file) ? [] : [file];
  });
}

const FILES = repositoryFiles();
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

/** What a doc names as code: its inline code spans, and every word of its fenced blocks (diagrams, listings). */
function codeTokens(markdown: string): string[] {
  const fenced = /^```[^\n]*\n([\s\S]*?)^```/gmu;
  const blocks = [...markdown.matchAll(fenced)].flatMap((match) => match[1]!.split(/\s+/u));
  const inline = [...markdown.replace(fenced, '').matchAll(/`([^`\n]+)`/gu)].map((match) => match[1]!);
  return [...blocks, ...inline].map((token) => token.replace(/^[(]+|[),;:.]+$/gu, '')).filter(Boolean);
}

/**
 * A token names a file or folder when it has no spaces and either holds a slash or ends in a file extension we
 * keep (`dynamo-keys.ts`, `cdk.json`, `digest.mjml`), or is a dotfile (`.env.example`). Routes (`/health`), package
 * names (`@hono/node-server`) and URLs are not files.
 */
function isFilePath(token: string): boolean {
  if (/\s/u.test(token) || /^(\/|@|https?:|-)/u.test(token) || /[(){}'"=]/u.test(token)) return false;
  return (
    token.includes('/') ||
    /\.(ts|js|cjs|mjs|json|jsonl|jsonc|mjml|txt|md|java)$/u.test(token) ||
    /^\.[\w.-]+$/u.test(token)
  );
}

/**
 * Whether a path the doc gives is in the repository: from its root or from `lambdas/`; a bare file name anywhere;
 * `*` and `<name>` stand for any part of one path segment; a folder must hold a file.
 */
function existsInRepository(path: string, files: readonly string[]): boolean {
  const pattern = path
    .split(/\*|<[^>]+>/u)
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/gu, '\\$&'))
    .join('[^/]*');
  // A folder is named with or without its trailing slash, and must hold a file.
  const folder = path.endsWith('/');
  const under = folder ? '.+' : '(?:/.+)?';
  const bare = !path.replace(/\/$/u, '').includes('/');
  const candidates = bare && !folder ? [`(?:.*/)?${pattern}`] : [pattern, `lambdas/${pattern}`];
  return candidates.some((candidate) => {
    const regex = new RegExp(`^${candidate}${under}$`, 'u');
    return files.some((file) => regex.test(file));
  });
}

/** camelCase, PascalCase of two words or more, or UPPER_SNAKE_CASE: a name that code declares. */
function isCodeName(token: string): boolean {
  return (
    /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/u.test(token) ||
    /^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+$/u.test(token) ||
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/u.test(token)
  );
}

describe('docs/ARCHITECTURE.md', () => {
  const doc = read(ARCHITECTURE);
  const tokens = codeTokens(doc);

  it(`stays within ${MAX_ARCHITECTURE_LINES} lines`, () => {
    expect(doc.trimEnd().split('\n').length).toBeLessThanOrEqual(MAX_ARCHITECTURE_LINES);
  });

  it('names only files that exist', () => {
    const paths = [...new Set(tokens.filter(isFilePath))];
    expect(paths.length).toBeGreaterThan(60);
    expect(paths.filter((path) => !existsInRepository(path, FILES))).toEqual([]);
  });

  it('gives only code names that the code has', () => {
    // Code only: a comment may still give a name the code dropped (and test/mutation's JSON holds old sources).
    const source = FILES.filter((file) => /\.(ts|js|cjs|mjs|java|mjml)$/u.test(file))
      .map((file) => read(file).replace(/(?:^|\s)\/\/.*$|^\s*\/\*[\s\S]*?\*\//gmu, ''))
      .join('\n');
    const names = [...new Set(tokens.filter(isCodeName))];
    expect(names.length).toBeGreaterThan(40);
    expect(names.filter((name) => !new RegExp(`\\b${name}\\b`, 'u').test(source))).toEqual([]);
  });

  it('has every section that the code and the other docs refer to', () => {
    const headings = new Set([...doc.matchAll(/^#{2,3} (.+)$/gmu)].map((match) => match[1]!.trim()));
    const references = FILES.filter((file) => file !== ARCHITECTURE && /\.(ts|md)$/u.test(file)).flatMap((file) =>
      [...read(file).matchAll(/ARCHITECTURE(?:\.md)?\W{1,3}"([^"]+)"/gu)].map((match) => `${file}: ${match[1]}`),
    );
    expect(references.length).toBeGreaterThan(2);
    expect(references.filter((reference) => !headings.has(reference.split(': ')[1]!))).toEqual([]);
  });
});

describe('the rule for what the map names', () => {
  const files = ['lambdas/adapters/dynamo-keys.ts', 'lambdas/core/domain/data/labels.json', '.env.example', 'cdk.json'];

  it('finds files from the root, from lambdas/, by bare name, by pattern and as folders', () => {
    for (const path of ['adapters/dynamo-keys.ts', 'dynamo-keys.ts', 'dynamo-*.ts', 'core/domain/data/*.json'])
      expect([path, existsInRepository(path, files)]).toEqual([path, true]);
    for (const path of ['lambdas/adapters/', 'core/domain', '.env.example', 'cdk.json'])
      expect([path, existsInRepository(path, files)]).toEqual([path, true]);
  });

  it('finds no renamed file, no file in the wrong folder and no empty folder', () => {
    for (const path of ['dynamo-key.ts', 'core/dynamo-keys.ts', 'adapters/dynamo-keys.js', 'lambdas/http/', 'sqs-*.ts'])
      expect([path, existsInRepository(path, files)]).toEqual([path, false]);
  });

  it('takes paths, file names and dotfiles for files, and routes, packages and prose for none', () => {
    const paths = ['a/b', 'x.ts', 'cdk.json', 'digest.mjml', '.env.example', 'lib/'];
    expect(paths.filter(isFilePath)).toEqual(paths);
    expect(
      ['/health', '@hono/node-server', 'POST /digests', 'npm run build', '{watch: true}'].filter(isFilePath),
    ).toEqual([]);
  });

  it('reads code spans and the words of fenced blocks', () => {
    expect(codeTokens('A `b.ts`, and\n```text\nc/d ─► e.ts,\n```\n`f`.')).toEqual(['c/d', '─►', 'e.ts', 'b.ts', 'f']);
  });
});

it('keeps the repository self-contained: no file points to a folder beside the checkout', () => {
  // test/mutation holds Stryker's record of old sources, which it rewrites itself.
  const text = FILES.filter((file) => !file.startsWith('test/mutation/') && !/\.(png|pem)$/u.test(file));
  expect(text.length).toBeGreaterThan(300);
  expect(text.filter((file) => /\.\.\/shared\b|\/work\/shared\b/u.test(read(file)))).toEqual([]);
});

describe.each(['README.md', ...FILES.filter((file) => /^docs\/[^/]+\.md$/u.test(file))])('%s', (doc) => {
  it(`has no table wider than ${MAX_TABLE_COLUMNS} columns`, () => {
    const wide = read(doc)
      .split('\n')
      .map((line, index) => ({ line: index + 1, columns: [...line].length, table: line.startsWith('|') }))
      .filter(({ table, columns }) => table && columns > MAX_TABLE_COLUMNS)
      .map(({ line, columns }) => `${doc}:${line} is ${columns} columns`);
    expect(wide).toEqual([]);
  });
});
