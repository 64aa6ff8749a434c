// Bench tooling: the summary development sets — which there are, at what ratio each is scored, and where their files
// live (bench/datasets/, rebuilt by `npm run datasets`; bench/datasets/README.md says from what).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DevSet {
  name: 'easc-dev' | 'bbc-dev';
  language: 'ar' | 'en';
  /** The references' mean length as a share of the text (datasets README): every system is scored at it. */
  ratio: number;
}

export const DEV_SETS: readonly DevSet[] = [
  { name: 'easc-dev', language: 'ar', ratio: 0.33 },
  { name: 'bbc-dev', language: 'en', ratio: 0.45 },
];

export interface DevArticle {
  id: string;
  lang: string;
  title: string;
  text: string;
  summaries: string[];
}

export const devSetFile = (set: DevSet) => join(__dirname, 'datasets', `${set.name}.jsonl`);

export const missingDevSets = () => DEV_SETS.filter((set) => !existsSync(devSetFile(set)));

/** What to do when a set is missing, in one sentence the bench and the tuner both print. */
export const REBUILD_ADVICE =
  'run `npm run datasets` to rebuild them from the public corpora (about 1,000 small files from GitHub; ' +
  'bench/datasets/README.md says which and why they are not in the repository)';

export function readDevSet(set: DevSet): DevArticle[] {
  if (!existsSync(devSetFile(set))) throw new Error(`bench/datasets/${set.name}.jsonl is missing: ${REBUILD_ADVICE}`);
  return readFileSync(devSetFile(set), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DevArticle);
}
