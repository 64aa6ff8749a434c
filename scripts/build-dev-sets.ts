// `npm run datasets`: rebuilds the summary development sets (bench/datasets/easc-dev.jsonl, bbc-dev.jsonl) from
// the public corpora at the commits bench/datasets/manifest.json pins, and checks each file's SHA-256 against the
// manifest, so the bench and the tuner score exactly the articles the shipped profiles were tuned on. The sets are
// not in the repository: the BBC articles may not be republished, and the EASC newspaper articles are distributed
// with a permission given to the corpus's authors, not to us (bench/datasets/README.md).
//
//   npm run datasets                       downloads the ~1,000 files it needs from GitHub (raw.githubusercontent.com)
//   npm run datasets -- --easc DIR --bbc DIR   reads them from local copies of the corpora instead
//   npm run datasets -- --easc DIR --bbc DIR --select   draws the sets anew from the whole corpora and rewrites the
//                                                        manifest (what was done once, kept here to show how)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { leadSentences, tokenize } from '../bench/rouge';

export const DATASETS_DIRECTORY = join(__dirname, '..', 'bench', 'datasets');
const MANIFEST_FILE = join(DATASETS_DIRECTORY, 'manifest.json');

export interface Corpus {
  repository: string;
  commit: string;
  /** The corpus's folder inside the repository; manifest paths are relative to it. */
  folder: string;
}

export interface EascEntry {
  id: string;
  article: string;
  summaries: string[];
}

export interface Manifest {
  'easc-dev': { corpus: Corpus; sources: string; sha256: string; articles: EascEntry[] };
  'bbc-dev': { corpus: Corpus; sha256: string; articles: string[] };
}

/** Where a corpus's files come from: a local copy, or the repository at its pinned commit on GitHub. */
export type FileSource = (path: string) => Promise<Buffer>;

export function localFiles(directory: string): FileSource {
  return async (path) => readFileSync(join(directory, path));
}

export function githubFiles(corpus: Corpus, baseUrl = 'https://raw.githubusercontent.com'): FileSource {
  return async (path) => {
    const segments = [...corpus.folder.split('/'), ...path.split('/')].map(encodeURIComponent).join('/');
    const url = `${baseUrl}/${corpus.repository}/${corpus.commit}/${segments}`;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        if (!response.ok) throw new Error(`${response.status} ${response.statusText} for ${url}`);
        return Buffer.from(await response.arrayBuffer());
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  };
}

// ------------------------------------------------------------------------------------------------ the records

/** Lines trimmed, runs of spaces collapsed, empty lines dropped; nothing else is changed. */
export function tidyText(raw: string): string {
  return raw
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/ +/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * A UTF-8 file, or Windows-1252 where it is not valid UTF-8 (one BBC file is). Not Node's TextDecoder for the
 * latter: Node 20's decodes 'windows-1252' as Latin-1, turning curly quotes into control characters.
 */
export function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(bytes, 'windows-1252');
  }
}

/**
 * The BBC summary files run sentences together ("$10.9bn.For the full-year"), and every summary sentence is one of
 * the article's: the summary is read as the article's sentences (the longest that fits first) and a space put back
 * between them. No rule on the characters alone can tell `."We` (a quote opening) from `."We` after a quote that
 * spans sentences.
 */
export function separateJoinedSentences(summary: string, articleText: string): string {
  const sentences = [...new Set(leadSentences(articleText))].sort((a, b) => b.length - a.length);
  const parts: string[] = [];
  for (let position = 0; position < summary.length; ) {
    if (summary[position] === ' ') {
      position += 1;
      continue;
    }
    const sentence = sentences.find((candidate) => summary.startsWith(candidate, position));
    if (!sentence)
      throw new Error(`a summary sentence is not in its article: "${summary.slice(position, position + 60)}…"`);
    parts.push(sentence);
    position += sentence.length;
  }
  return parts.join(' ');
}

export interface DevArticle {
  id: string;
  lang: 'ar' | 'en';
  title: string;
  text: string;
  summaries: string[];
  category: string;
  source?: string;
}

interface EascSource {
  name: string;
  url: string;
}

/** SOURCES.CSV: "Article","Source","Source Name","URL", keyed by the article's name in lower case ("art and music 1"). */
export function parseEascSources(csv: string): Map<string, EascSource> {
  const sources = new Map<string, EascSource>();
  for (const line of tidyText(csv).split('\n').slice(1)) {
    const cells = [...line.matchAll(/"([^"]*)"|(?<=,|^)(?=,|$)/g)].map((match) => match[1] ?? '');
    const [article, , name, url] = cells;
    if (article && name) sources.set(article.toLowerCase(), { name, url: url ?? '' });
  }
  return sources;
}

/** "Art and Music (5).txt" → category "art and music", SOURCES.CSV key "art and music 5". */
function eascArticleName(path: string): { category: string; key: string } {
  const match = /([^/]+) \((\d+)\)\.txt$/i.exec(path);
  if (!match) throw new Error(`not an EASC article file name: ${path}`);
  const category = match[1]!.toLowerCase();
  return { category, key: `${category} ${match[2]}` };
}

/** The Wikipedia page title in the article's URL; newspaper articles have none. */
function wikipediaTitle(url: string): string {
  const page = /\/wiki\/(.+)$/.exec(url)?.[1];
  return page ? decodeURIComponent(page).replace(/_/g, ' ') : '';
}

export async function buildEascArticle(
  entry: EascEntry,
  files: FileSource,
  sources: ReadonlyMap<string, EascSource>,
): Promise<DevArticle> {
  const { category, key } = eascArticleName(entry.article);
  const source = sources.get(key);
  if (!source) throw new Error(`${entry.id}: ${key} is not in SOURCES.CSV`);
  const read = async (path: string) => tidyText(decodeText(await files(path)));
  return {
    id: entry.id,
    lang: 'ar',
    title: wikipediaTitle(source.url),
    text: await read(entry.article),
    summaries: await Promise.all(entry.summaries.map(read)),
    category,
    source: source.name,
  };
}

/** A BBC article file: the first line is the title, the rest the text. */
async function readBbcArticle(
  id: string,
  files: FileSource,
): Promise<{ category: string; title: string; text: string }> {
  const { category, file } = bbcFileOf(id);
  const [title = '', ...body] = tidyText(decodeText(await files(`News Articles/${category}/${file}`))).split('\n');
  return { category, title, text: body.join('\n') };
}

export async function buildBbcArticle(id: string, files: FileSource): Promise<DevArticle> {
  const { category, title, text } = await readBbcArticle(id, files);
  const summary = tidyText(decodeText(await files(`Summaries/${category}/${bbcFileOf(id).file}`)));
  return { id, lang: 'en', title, text, summaries: [separateJoinedSentences(summary, text)], category };
}

function bbcFileOf(id: string): { category: string; file: string } {
  const match = /^bbc-([a-z]+)-(\d{3})$/.exec(id);
  if (!match) throw new Error(`not a BBC article id: ${id}`);
  return { category: match[1]!, file: `${match[2]}.txt` };
}

export const jsonLines = (articles: readonly DevArticle[]) =>
  articles.map((article) => `${JSON.stringify(article)}\n`).join('');

export const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/** Maps with at most `limit` calls in flight: a thousand downloads at once would be refused. */
async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await map(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export async function buildDevSets(
  manifest: Manifest,
  easc: FileSource,
  bbc: FileSource,
): Promise<Record<keyof Manifest, string>> {
  const sources = parseEascSources(decodeText(await easc(manifest['easc-dev'].sources)));
  const eascArticles = await mapLimited(manifest['easc-dev'].articles, 8, (entry) =>
    buildEascArticle(entry, easc, sources),
  );
  const bbcArticles = await mapLimited(manifest['bbc-dev'].articles, 8, (id) => buildBbcArticle(id, bbc));
  return { 'easc-dev': jsonLines(eascArticles), 'bbc-dev': jsonLines(bbcArticles) };
}

// ------------------------------------------------------------------------------------------------ the draw

/** Within each category, articles in the order of the SHA-256 of their id: a fixed order nobody chose. */
function byHashWithinCategory<T extends { id: string; category: string }>(articles: readonly T[]): Map<string, T[]> {
  const categories = new Map<string, T[]>();
  for (const article of articles)
    categories.set(article.category, [...(categories.get(article.category) ?? []), article]);
  for (const group of categories.values()) group.sort((a, b) => (sha256(a.id) < sha256(b.id) ? -1 : 1));
  return categories;
}

/** EASC: the first round(2n/3) of each category go to dev (102 of 153), the rest are held out. */
export function drawEasc(articles: readonly { id: string; category: string }[]): Set<string> {
  const dev = new Set<string>();
  for (const group of byHashWithinCategory(articles).values()) {
    for (const article of group.slice(0, Math.round((2 * group.length) / 3))) dev.add(article.id);
  }
  return dev;
}

/**
 * BBC: files whose text (as scorer tokens) repeats an earlier file's are dropped (files in category and name order),
 * then the first 40 of each category go to dev (200), the next 20 are held out.
 */
export function drawBbc(articles: readonly { id: string; category: string; text: string }[]): Set<string> {
  const seen = new Set<string>();
  const unique = articles.filter((article) => {
    const tokens = tokenize(article.text).join(' ');
    if (seen.has(tokens)) return false;
    seen.add(tokens);
    return true;
  });
  const dev = new Set<string>();
  for (const group of byHashWithinCategory(unique).values())
    for (const article of group.slice(0, 40)) dev.add(article.id);
  return dev;
}

const topicNumber = (id: string) => Number(/\d+$/.exec(id)![0]);

async function selectFromCorpora(manifest: Manifest, eascDirectory: string, bbcDirectory: string): Promise<Manifest> {
  const eascRoot = join(eascDirectory, 'EASC-UTF-8');
  const entries: EascEntry[] = readdirSync(join(eascRoot, 'Articles')).map((topic) => {
    const [article] = readdirSync(join(eascRoot, 'Articles', topic));
    const summaries = readdirSync(join(eascRoot, 'MTurk', topic)).sort();
    return {
      id: `easc-${topic}`,
      article: relative(eascDirectory, join(eascRoot, 'Articles', topic, article!)),
      summaries: summaries.map((file) => relative(eascDirectory, join(eascRoot, 'MTurk', topic, file))),
    };
  });
  const eascDev = drawEasc(
    entries.map((entry) => ({ id: entry.id, category: eascArticleName(entry.article).category })),
  );

  const bbcFiles = localFiles(bbcDirectory);
  const bbcArticles = [];
  for (const category of readdirSync(join(bbcDirectory, 'News Articles')).sort()) {
    for (const file of readdirSync(join(bbcDirectory, 'News Articles', category)).sort()) {
      const id = `bbc-${category}-${file.replace(/\.txt$/, '')}`;
      bbcArticles.push({ id, ...(await readBbcArticle(id, bbcFiles)) });
    }
  }
  const bbcDev = drawBbc(bbcArticles);
  return {
    'easc-dev': {
      ...manifest['easc-dev'],
      articles: entries.filter((entry) => eascDev.has(entry.id)).sort((a, b) => topicNumber(a.id) - topicNumber(b.id)),
    },
    'bbc-dev': {
      ...manifest['bbc-dev'],
      articles: bbcArticles.map((article) => article.id).filter((id) => bbcDev.has(id)),
    },
  };
}

export function readManifest(): Manifest {
  return JSON.parse(readFileSync(MANIFEST_FILE, 'utf8')) as Manifest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { easc: { type: 'string' }, bbc: { type: 'string' }, select: { type: 'boolean', default: false } },
  });
  let manifest = readManifest();
  if (values.select) {
    if (!values.easc || !values.bbc)
      throw new Error('--select needs local copies of both corpora: --easc DIR --bbc DIR');
    manifest = await selectFromCorpora(manifest, values.easc, values.bbc);
  }
  const easc = values.easc ? localFiles(values.easc) : githubFiles(manifest['easc-dev'].corpus);
  const bbc = values.bbc ? localFiles(values.bbc) : githubFiles(manifest['bbc-dev'].corpus);
  const built = await buildDevSets(manifest, easc, bbc);
  mkdirSync(DATASETS_DIRECTORY, { recursive: true });
  let differs = false;
  for (const [name, content] of Object.entries(built) as [keyof Manifest, string][]) {
    const file = join(DATASETS_DIRECTORY, `${name}.jsonl`);
    const digest = sha256(content);
    if (values.select) manifest[name].sha256 = digest;
    if (digest !== manifest[name].sha256) {
      differs = true;
      console.error(`${name}: SHA-256 ${digest} is not the manifest's ${manifest[name].sha256}; not written`);
      continue;
    }
    writeFileSync(file, content);
    console.log(`wrote ${relative(process.cwd(), file)}: ${content.split('\n').length - 1} articles, SHA-256 checked`);
  }
  if (values.select) writeFileSync(MANIFEST_FILE, `${JSON.stringify(manifest, null, 2)}\n`);
  if (differs) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
