// `npm run bench`, part 0 (also alone: `npx tsx bench/bundles.ts`): the Lambda bundles as `npm run build` makes
// them — each function's size, the packages that weigh most, and the median time a fresh Node process takes to
// require it — against the budgets of issue 9. Figures, never assertions (the tests assert no bundle carries mjml).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FunctionName } from '../lib/function-bundles';
import { PROJECT_ROOT } from '../lib/function-bundles';
import { type BuiltBundle, buildBundles } from '../scripts/build-bundles';

const LOADS = Number(process.env.MUJAZ_BENCH_LOADS ?? 7);
const KB = 1024;

/** Issue 9: API ≤ 500 KB and ≤ 150 ms to load, deliver ≤ 500 KB. */
const BUDGETS: Partial<Record<FunctionName, { kilobytes: number; loadMs?: number }>> = {
  api: { kilobytes: 500, loadMs: 150 },
  'deliver-digest': { kilobytes: 500 },
};

/** The AWS SDK packages the bundles leave to the Lambda runtime: preloaded for the "own code" figure. */
const SDK_PACKAGES = [
  '@aws-sdk/client-dynamodb',
  '@aws-sdk/lib-dynamodb',
  '@aws-sdk/client-ses',
  '@aws-sdk/client-sqs',
  '@aws-sdk/client-secrets-manager',
  '@aws-sdk/client-lambda',
];

/**
 * What every handler reads at module scope, with endpoints nobody listens on: loading reads the configuration and
 * starts the secret reads, which fail at once and are only awaited by the first invocation.
 */
const LOAD_ENVIRONMENT = {
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_REGION: 'eu-west-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
  MUJAZ_TABLE_NAME: 'bench',
  MUJAZ_DELIVERY_QUEUE_URL: 'http://127.0.0.1:9/queue/deliveries',
  MUJAZ_SUBSCRIPTION_QUEUE_URL: 'http://127.0.0.1:9/queue/subscriptions',
  MUJAZ_PUBLIC_BASE_URL: 'https://mujaz.example',
  MUJAZ_FROM_ADDRESS: 'digest@example.com',
  MUJAZ_SEND_RATE: '14',
  MUJAZ_TOKEN_SECRET_ARN: 'arn:bench:token',
  MUJAZ_ADMIN_TOKEN_SECRET_ARN: 'arn:bench:admin',
  MUJAZ_SEND_DIGEST_FUNCTION_NAME: 'bench',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

/** Milliseconds a fresh `node` takes to require the bundle (after the SDK, when `sdkPreloaded`). */
function loadMilliseconds(file: string, sdkPreloaded: boolean): number {
  const preload = sdkPreloaded ? SDK_PACKAGES.map((name) => `require(${JSON.stringify(name)});`).join('') : '';
  const script = `${preload}const t=process.hrtime.bigint();require(${JSON.stringify(file)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));process.exit(0)`;
  try {
    const output = execFileSync(process.execPath, ['-e', script], {
      // As the bundle test runs them: the SDK, which Lambda provides, from the project's node_modules.
      env: { PATH: process.env.PATH, NODE_PATH: join(PROJECT_ROOT, 'node_modules'), ...LOAD_ENVIRONMENT },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return Number(output);
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const reason = stderr.split('\n').find((line) => /^\w*Error\b/u.test(line)) ?? 'see its stderr';
    throw new Error(`${file} did not load: ${reason.slice(0, 300)}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The packages (or our own layers) that weigh most in a bundle, heaviest first. */
function heaviest(bundle: BuiltBundle, count: number): string {
  const weights = new Map<string, number>();
  for (const [path, bytes] of Object.entries(bundle.inputs)) {
    const name = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(path)?.[1] ?? path.split('/').slice(0, 2).join('/');
    weights.set(name, (weights.get(name) ?? 0) + bytes);
  }
  return [...weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${(bytes / KB).toFixed(0)}K`)
    .join(', ');
}

export async function benchBundles(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'mujaz-bench-bundles-'));
  try {
    const bundles = await buildBundles(directory);
    console.log(
      `Lambda bundles (npm run build: minified, @aws-sdk/* external; 1 KB = 1024 bytes) — median of ${LOADS} fresh ` +
        '`node` processes requiring each bundle, with the SDK from node_modules as Lambda provides it ("own": the SDK ' +
        'already loaded)',
    );
    for (const bundle of bundles.sort((a, b) => a.name.localeCompare(b.name))) {
      const kilobytes = bundle.bytes / KB;
      const gzip = gzipSync(readFileSync(bundle.file)).length / KB;
      const load = median(Array.from({ length: LOADS }, () => loadMilliseconds(bundle.file, false)));
      const own = median(Array.from({ length: LOADS }, () => loadMilliseconds(bundle.file, true)));
      const budget = BUDGETS[bundle.name];
      const verdicts = budget
        ? [
            `size ≤ ${budget.kilobytes} KB ${kilobytes <= budget.kilobytes ? 'met' : 'OVER'}`,
            // Both readings: the bundle's own code, and the start as a whole, whose SDK share no bundle change lowers.
            ...(budget.loadMs
              ? [
                  `load ≤ ${budget.loadMs} ms: own code ${own <= budget.loadMs ? 'met' : 'OVER'}, ` +
                    `with the SDK ${load <= budget.loadMs ? 'met' : 'OVER'} (the SDK's share ${(load - own).toFixed(0)} ms)`,
                ]
              : []),
          ].join(', ')
        : 'no budget';
      console.log(
        `  ${bundle.name.padEnd(18)} ${kilobytes.toFixed(0).padStart(5)} KB (gzip ${gzip.toFixed(0).padStart(4)} KB)  ` +
          `load ${load.toFixed(0).padStart(4)} ms (own ${own.toFixed(0).padStart(4)} ms)  ${verdicts}`,
      );
      console.log(`    heaviest: ${heaviest(bundle, 8)}`);
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchBundles().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
