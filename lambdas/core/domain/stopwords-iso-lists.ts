// Core layer: the stopwords-iso lists, shipped as data that scripts/generate-stopword-lists.ts wrote from the package
// (a test keeps the two equal): every language's words in one Brotli-compressed block, unpacked at first use. The
// summarizer reads a report's own language's list; language detection reads those of English's Latin-script rivals.
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

export type StopwordLists = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * The data file. `lists` is, Brotli-compressed and in base64, the JSON of each shipped language's words joined by
 * line breaks (no word holds one): 172 KB of words weigh 68 KB in the bundle, and unpack in about a millisecond.
 */
export interface StopwordData {
  source: string;
  lists: string;
}

const SEPARATOR = '\n';

/** Nothing reads stopwords-iso's English list (1,298 words): the summarizer uses NLTK's (summary-stop-words.ts). */
export const UNSHIPPED_STOPWORD_LANGUAGES: readonly string[] = ['en'];

/**
 * The data file's content for these lists: every language but the unshipped ones, words in the package's order; a
 * language without words has no list to ship (an empty string would come back as one empty word).
 */
export function encodeStopwordLists(lists: StopwordLists, source: string): StopwordData {
  const shipped: Record<string, string> = {};
  for (const [language, words] of Object.entries(lists)) {
    if (!words?.length || UNSHIPPED_STOPWORD_LANGUAGES.includes(language)) continue;
    const unfit = words.find((word) => word === '' || word.includes(SEPARATOR));
    if (unfit !== undefined) throw new Error(`The ${language} stopword list holds ${JSON.stringify(unfit)}`);
    shipped[language] = words.join(SEPARATOR);
  }
  const json = Buffer.from(JSON.stringify(shipped));
  const compressed = brotliCompressSync(json, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: json.length,
    },
  });
  return { source, lists: compressed.toString('base64') };
}

export function decodeStopwordLists(data: StopwordData): StopwordLists {
  const shipped = JSON.parse(brotliDecompressSync(Buffer.from(data.lists, 'base64')).toString('utf8')) as Record<
    string,
    string
  >;
  return Object.fromEntries(Object.entries(shipped).map(([language, words]) => [language, words.split(SEPARATOR)]));
}

let lists: StopwordLists | undefined;

/** Each shipped language's list, as stopwords-iso has it; built once, at the first report that needs one. */
export function stopwordsIsoLists(): StopwordLists {
  // require, not import: ~14,000 words that only report intake reads are built at their first use, not at every
  // cold start (and the script that writes the file loads this module before there is one).
  lists ??= decodeStopwordLists(require('./data/stopwords-iso.json') as StopwordData);
  return lists;
}
