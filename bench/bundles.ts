// `npm run bench`, part 0 (also alone: `npx tsx bench/bundles.ts`): the Lambda bundles as `npm run build` makes
// them — each function's size, the packages that weigh most, and the median time a fresh Node process takes to
// require it — against the budgets of issue 19. Figures, never assertions (the bundle test asserts the sizes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FunctionName } from '../lib/function-bundles';
import { PROJECT_ROOT } from '../lib/function-bundles';
import { BUNDLE_BUDGET_KB, BUNDLE_TARGET_KB, type BuiltBundle, buildBundles } from '../scripts/build-bundles';

const LOADS = Number(process.env.MUJAZ_BENCH_LOADS ?? 7);
const KB = 1024;

/**
 * Issue 19: the API's own code — the bundle required once the SDK, which the Lambda runtime provides, is loaded —
 * in at most 100 ms. The start as a whole is printed too, without a budget: the SDK's share is not ours to cut.
 */
const OWN_LOAD_BUDGET_MS: Partial<Record<FunctionName, number>> = { api: 100 };

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
  // The feed functions queue polls; the admin function starts imports and the import function runs them: each reads
  // where its queue is, and the imports' bucket, at load.
  MUJAZ_SOURCE_POLL_QUEUE_URL: 'http://127.0.0.1:9/queue/source-polls.fifo',
  MUJAZ_IMPORT_QUEUE_URL: 'http://127.0.0.1:9/queue/imports',
  MUJAZ_IMPORT_BUCKET: 'bench-imports',
  POWERTOOLS_LOG_LEVEL: 'SILENT',
};

/**
 * What it takes a fresh `node` to require the bundle (after the SDK, when `sdkPreloaded`): milliseconds of wall
 * clock, and of CPU (user and system, all of the process's threads), which other work on a busy machine does not
 * inflate as it does the wall clock.
 */
interface Load {
  wallMs: number;
  cpuMs: number;
}

function load(file: string, sdkPreloaded: boolean): Load {
  const preload = sdkPreloaded ? SDK_PACKAGES.map((name) => `require(${JSON.stringify(name)});`).join('') : '';
  const script = `${preload}const t=process.hrtime.bigint(),c=process.cpuUsage();require(${JSON.stringify(file)});const u=process.cpuUsage(c);process.stdout.write(JSON.stringify({wallMs:Number(process.hrtime.bigint()-t)/1e6,cpuMs:(u.user+u.system)/1e3}));process.exit(0)`;
  try {
    const output = execFileSync(process.execPath, ['-e', script], {
      // As the bundle test runs them: the SDK, which Lambda provides, from the project's node_modules.
      env: { PATH: process.env.PATH, NODE_PATH: join(PROJECT_ROOT, 'node_modules'), ...LOAD_ENVIRONMENT },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return JSON.parse(output) as Load;
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

/** The medians of `LOADS` fresh processes, wall and CPU each. */
function medianLoad(file: string, sdkPreloaded: boolean): Load {
  const loads = Array.from({ length: LOADS }, () => load(file, sdkPreloaded));
  return { wallMs: median(loads.map((one) => one.wallMs)), cpuMs: median(loads.map((one) => one.cpuMs)) };
}

/** The packages (or our own layers) that weigh most in a bundle, heaviest first. */
function heaviest(bundle: BuiltBundle, count: number): string {
  const weights = new Map<string, number>();
  for (const [path, bytes] of Object.entries(bundle.inputs)) {
    // A package by its name, our own code by its layer, and a data file of ours (the stopword lists) by itself.
    const name =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(path)?.[1] ??
      (path.endsWith('.json') ? path : path.split('/').slice(0, 2).join('/'));
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
        '`node` processes requiring each bundle, with the SDK from node_modules as Lambda provides it: "load" the ' +
        'start as a whole, "own" the bundle once the SDK is loaded; wall clock, and CPU in brackets (a busy machine ' +
        'inflates the wall clock, not the CPU)',
    );
    for (const bundle of bundles.sort((a, b) => a.name.localeCompare(b.name))) {
      const kilobytes = bundle.bytes / KB;
      const gzip = gzipSync(readFileSync(bundle.file)).length / KB;
      const whole = medianLoad(bundle.file, false);
      const own = medianLoad(bundle.file, true);
      const sizeBudget = BUNDLE_BUDGET_KB[bundle.name];
      const loadBudget = OWN_LOAD_BUDGET_MS[bundle.name];
      const verdicts = [
        `size ≤ ${BUNDLE_TARGET_KB} KB ${kilobytes <= BUNDLE_TARGET_KB ? 'met' : 'OVER'}` +
          (sizeBudget === BUNDLE_TARGET_KB
            ? ''
            : ` (its own ceiling ${sizeBudget} KB ${kilobytes <= sizeBudget ? 'met' : 'OVER'})`),
        ...(loadBudget === undefined
          ? []
          : [
              `own code ≤ ${loadBudget} ms: wall ${own.wallMs <= loadBudget ? 'met' : 'OVER'}, ` +
                `CPU ${own.cpuMs <= loadBudget ? 'met' : 'OVER'}`,
            ]),
      ].join(', ');
      console.log(
        `  ${bundle.name.padEnd(18)} ${kilobytes.toFixed(0).padStart(5)} KB (gzip ${gzip.toFixed(0).padStart(4)} KB)  ` +
          `load ${whole.wallMs.toFixed(0).padStart(4)} ms (${whole.cpuMs.toFixed(0).padStart(4)}), ` +
          `own ${own.wallMs.toFixed(0).padStart(4)} ms (${own.cpuMs.toFixed(0).padStart(4)})  ${verdicts}`,
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
