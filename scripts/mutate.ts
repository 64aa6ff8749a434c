// `npm run mutate`: Stryker over lambdas/core, incremental (test/mutation/stryker-incremental.json is committed,
// so a run only re-tests what changed since the last one), printing the mutation score per file.
// `npm run mutate -- --mutate 'lambdas/core/domain/links.ts'` tests one part: its results replace that
// part's in the incremental file, and the table is printed for the whole core.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const INCREMENTAL_FILE = join(ROOT, 'test', 'mutation', 'stryker-incremental.json');

interface TestDefinition {
  id: string;
  name: string;
}
interface MutantResult {
  coveredBy?: string[];
  killedBy?: string[];
  [key: string]: unknown;
}
interface MutationReport {
  files: Record<string, { mutants: MutantResult[]; [key: string]: unknown }>;
  testFiles?: Record<string, { tests: TestDefinition[]; [key: string]: unknown }>;
  [key: string]: unknown;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const partial = args.includes('--mutate') || args.some((arg) => arg.startsWith('--mutate='));
  const scratch = partial ? mkdtempSync(join(tmpdir(), 'mujaz-mutate-')) : undefined;
  const incrementalFile = scratch ? join(scratch, 'part.json') : INCREMENTAL_FILE;
  if (scratch && existsSync(INCREMENTAL_FILE)) copyFileSync(INCREMENTAL_FILE, incrementalFile);
  try {
    const stryker = spawnSync(
      'npx',
      ['stryker', 'run', '--incremental', '--incrementalFile', incrementalFile, ...args],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    if (stryker.status !== 0) return stryker.status ?? 1;
    if (!scratch) return 0;
    const whole = existsSync(INCREMENTAL_FILE) ? read(INCREMENTAL_FILE) : undefined;
    const merged = whole ? mergePart(whole, read(incrementalFile)) : read(incrementalFile);
    mkdirSync(dirname(INCREMENTAL_FILE), { recursive: true });
    writeFileSync(INCREMENTAL_FILE, JSON.stringify(merged, null, 2));
    await printScores(merged);
    return 0;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

function read(path: string): MutationReport {
  return JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
}

/**
 * The part's files replace the whole's. Stryker numbers tests afresh in every run, so the whole's mutants are
 * re-pointed at the part's numbering by test file and name; tests that no longer exist are dropped.
 */
function mergePart(whole: MutationReport, part: MutationReport): MutationReport {
  const newId = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(part.testFiles ?? {})) {
    for (const test of tests) newId.set(`${file}\u0000${test.name}`, test.id);
  }
  const oldKey = new Map<string, string>();
  for (const [file, { tests }] of Object.entries(whole.testFiles ?? {})) {
    for (const test of tests) oldKey.set(test.id, `${file}\u0000${test.name}`);
  }
  const remap = (ids?: string[]) =>
    ids?.flatMap((id) => {
      const mapped = newId.get(oldKey.get(id) ?? '');
      return mapped === undefined ? [] : [mapped];
    });
  const files: MutationReport['files'] = {};
  for (const [name, file] of Object.entries(whole.files)) {
    if (name in part.files) continue;
    files[name] = {
      ...file,
      mutants: file.mutants.map((mutant) => ({
        ...mutant,
        coveredBy: remap(mutant.coveredBy),
        killedBy: remap(mutant.killedBy),
      })),
    };
  }
  return { ...part, files: { ...files, ...part.files } };
}

interface MetricsNode {
  name: string;
  file?: unknown;
  childResults: MetricsNode[];
  metrics: { mutationScore: number; killed: number; timeout: number; survived: number; noCoverage: number };
}

async function printScores(report: MutationReport): Promise<void> {
  const { calculateMutationTestMetrics } = (await import('mutation-testing-metrics')) as unknown as {
    calculateMutationTestMetrics(report: MutationReport): { systemUnderTestMetrics: MetricsNode };
  };
  const rows: string[] = [];
  const walk = (node: MetricsNode, path: string) => {
    const here = path ? `${path}/${node.name}` : node.name;
    if (node.file) {
      const { mutationScore, killed, timeout, survived, noCoverage } = node.metrics;
      rows.push(
        `${mutationScore.toFixed(2).padStart(7)}  ${String(killed + timeout).padStart(6)}  ${String(survived).padStart(8)}  ${String(noCoverage).padStart(6)}  ${here}`,
      );
    }
    for (const child of node.childResults) walk(child, node.file ? path : here);
  };
  const root = calculateMutationTestMetrics(report).systemUnderTestMetrics;
  for (const child of root.childResults) walk(child, '');
  console.log(`\n  score  killed  survived  no cov  file (the whole core, merged)\n${rows.join('\n')}`);
  console.log(`${root.metrics.mutationScore.toFixed(2).padStart(7)}  all files`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`mutate: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
