// `npx tsx scripts/generate-stopword-lists.ts` (`-- --check`: compare only, exit 1 if the shipped file differs)
// writes lambdas/core/domain/data/stopwords-iso.json from the stopwords-iso package, in the form the functions
// ship it (core/domain/stopwords-iso-lists.ts), so that the package is only a development dependency.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import stopwordsIso from 'stopwords-iso';
import {
  decodeStopwordLists,
  encodeStopwordLists,
  type StopwordData,
} from '../lambdas/core/domain/stopwords-iso-lists';

export const STOPWORD_DATA_FILE = join(__dirname, '..', 'lambdas', 'core', 'domain', 'data', 'stopwords-iso.json');

/** The data file's text, as this script writes it from the installed stopwords-iso. */
export function stopwordDataText(): string {
  const { version } = JSON.parse(readFileSync(require.resolve('stopwords-iso/package.json'), 'utf8')) as {
    version: string;
  };
  const source = `stopwords-iso ${version} (MIT), written by scripts/generate-stopword-lists.ts: do not edit`;
  return `${JSON.stringify(encodeStopwordLists(stopwordsIso, source), null, 2)}\n`;
}

/** A data file's text as what it says: its source and the unpacked lists (another Node's Brotli may pack them into
 * other bytes, so files are compared this way, never byte for byte). */
export function unpackStopwordFile(text: string): { source: string; lists: ReturnType<typeof decodeStopwordLists> } {
  const data = JSON.parse(text) as StopwordData;
  return { source: data.source, lists: decodeStopwordLists(data) };
}

if (require.main === module) {
  const text = stopwordDataText();
  if (process.argv.includes('--check')) {
    const same = isDeepStrictEqual(
      unpackStopwordFile(readFileSync(STOPWORD_DATA_FILE, 'utf8')),
      unpackStopwordFile(text),
    );
    console.log(
      `${STOPWORD_DATA_FILE} ${same ? 'is what stopwords-iso gives' : 'differs from what stopwords-iso gives'}`,
    );
    process.exit(same ? 0 : 1);
  }
  writeFileSync(STOPWORD_DATA_FILE, text);
  console.log(`wrote ${STOPWORD_DATA_FILE}`);
}
