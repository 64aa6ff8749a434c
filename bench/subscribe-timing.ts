// `npm run bench`, part 5: can the answer to POST /subscriptions tell a known address from an unknown one? On the
// embedded local stack (DynamoDB Local, SQS, the SES endpoint), over HTTP: requests for confirmed readers and for
// fresh addresses, interleaved; the answer's status and body, the median and p90 time of each, and how many requests
// the best single time threshold classifies right (50 % is a coin toss). Figures, never assertions.
import { performance } from 'node:perf_hooks';
import { startLocalRuntime } from '../lambdas/local/local-runtime';

const REQUESTS = Number(process.env.MUJAZ_BENCH_SUBSCRIBES ?? 80);

export async function benchSubscribeTiming(): Promise<void> {
  const runtime = await startLocalRuntime({
    // Every request here comes from 127.0.0.1: the per-client limit would answer 429 after five.
    environment: { MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE: '10000' },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  try {
    const known = Array.from({ length: REQUESTS / 2 }, (_, index) => `known${index}@example.com`);
    const csv = `email,confirmed_at\n${known.map((email) => `${email},2026-01-01T00:00:00Z`).join('\n')}\n`;
    const upload = await fetch(`${runtime.apiUrl}/subscribers/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${runtime.adminToken}`, 'content-type': 'text/csv' },
      body: csv,
    });
    // The import runs as a job: the known readers are stored once it is done.
    const { import: id } = (await upload.json()) as { import: string };
    for (let state = 'queued'; state !== 'done'; ) {
      if (state === 'failed') throw new Error('the import of the known readers failed');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const progress = await fetch(`${runtime.apiUrl}/subscribers/imports/${id}`, {
        headers: { authorization: `Bearer ${runtime.adminToken}` },
      });
      state = ((await progress.json()) as { state: string }).state;
    }
    const subscribe = async (email: string) => {
      const started = performance.now();
      const response = await fetch(`${runtime.apiUrl}/subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      const answer = `${response.status} ${await response.text()}`;
      return { ms: performance.now() - started, answer };
    };
    for (let warm = 0; warm < 10; warm += 1) await subscribe(`warm${warm}@example.com`);
    const samples: Array<{ known: boolean; ms: number; answer: string }> = [];
    for (let index = 0; index < REQUESTS / 2; index += 1) {
      samples.push({ known: true, ...(await subscribe(known[index]!)) });
      samples.push({ known: false, ...(await subscribe(`fresh${index}-${Date.now()}@example.com`)) });
    }
    const times = (isKnown: boolean) =>
      samples
        .filter((sample) => sample.known === isKnown)
        .map((sample) => sample.ms)
        .sort((a, b) => a - b);
    const quantile = (sorted: number[], q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
    const answers = new Set(samples.map((sample) => sample.answer));
    // The best a timing attacker can do with one threshold, either way round.
    let best = 0;
    for (const { ms: threshold } of samples) {
      const fasterIsKnown = samples.filter((sample) => sample.ms <= threshold === sample.known).length;
      best = Math.max(best, fasterIsKnown, samples.length - fasterIsKnown);
    }
    console.log('\nSubscribe answers, known vs unknown addresses (embedded local stack, over HTTP)');
    console.log(`  requests: ${samples.length} (${REQUESTS / 2} confirmed readers, ${REQUESTS / 2} fresh addresses)`);
    console.log(`  distinct answers (status and body): ${answers.size} — ${[...answers][0]?.slice(0, 60)}…`);
    for (const [label, sorted] of [
      ['confirmed', times(true)],
      ['fresh', times(false)],
    ] as const) {
      console.log(
        `  ${label.padEnd(9)} median ${quantile(sorted, 0.5).toFixed(1)} ms, p90 ${quantile(sorted, 0.9).toFixed(1)} ms`,
      );
    }
    console.log(
      `  best single threshold classifies ${best} of ${samples.length} (${((100 * best) / samples.length).toFixed(0)} %; 50 % is chance)`,
    );
  } finally {
    await runtime.stop();
  }
}

if (require.main === module) {
  benchSubscribeTiming().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
