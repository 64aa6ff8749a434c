// The deliver step killed mid-batch (SIGKILL, in a process of its own; SQS runs in its own process too), with SES
// slow enough that messages are in flight: after the queue hands the turns out again, no reader has two copies,
// and every reader is either sent or counted unknown — the unknown ones at most the claims the dead process held.

import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { workQueue } from '../../lambdas/adapters/work-queue-definition';
import { PROJECT_ROOT } from '../../lib/function-bundles';
import { copiesPerReader, deliveryStatuses } from '../support/delivery-outcomes';
import { createTestMujaz, localServices, TEST_TOKEN_SECRET, type TestMujaz } from '../support/local-services';
import { seedSend } from '../support/readers';
import { SesFaultProxy } from '../support/ses-fault-proxy';

const READERS = 150;
const WORKERS = 2;
const runId = Math.random().toString(36).slice(2, 8);
const readers = Array.from({ length: READERS }, (_, index) => `crash-${runId}-${index}@example.com`);

let proxy: SesFaultProxy;
let test: TestMujaz;
let worker: ChildProcess | undefined;

beforeAll(async () => {
  // Every message answered half a second late: when the worker dies, some have reached SES without an answer.
  proxy = await SesFaultProxy.start(localServices().sesEndpoint, () => 'slow-pass');
  test = await createTestMujaz('crash', {
    sesEndpoint: proxy.endpoint,
    deliveryWorkers: 0,
    // Claims go stale, and turns come back, two seconds (twelve) after an attempt: the test waits for that once.
    environment: { MUJAZ_DELIVERY_TIMEOUT_SECONDS: '2' },
  });
  await seedSend(test, readers, {
    title: 'A report sent through a crash',
    body: 'The deliver step dies mid-batch. Its turns come back. Nobody gets two copies.',
  });
}, 60_000);
afterAll(async () => {
  worker?.kill('SIGKILL');
  await test.close();
  await proxy.stop();
});

function startWorker(): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(__dirname, '..', 'support', 'deliver-worker.ts'),
      JSON.stringify({
        config: test.config,
        services: { ...localServices(), sesEndpoint: proxy.endpoint },
        tokenSecret: TEST_TOKEN_SECRET,
        workers: WORKERS,
      }),
    ],
    { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env } },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.stdout?.once('data', () => resolve(child));
  });
}

it('ends, after redelivery, with no duplicate and every reader sent or unknown — unknown at most the claims in flight', async () => {
  expect(await test.mujaz.sendDigest()).toMatchObject({ edition: '1', recipients: READERS });
  worker = await startWorker();
  // Kill it while SES holds some of its messages: claims taken, answers not yet back.
  const claimed = async () =>
    [...(await deliveryStatuses(test, '1')).values()].filter((status) => status === 'sending').length;
  const giveUpAt = Date.now() + 60_000;
  while ((await test.mujaz.digestProgress('1')).counts.sent < 20 || (await claimed()) < 5) {
    if (Date.now() > giveUpAt) throw new Error('the worker sent nothing');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  worker.kill('SIGKILL');
  await new Promise((resolve) => worker?.once('exit', resolve));
  // Writes the worker had already put on the wire still land; what is left `sending` after them is orphaned.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const atCrash = await deliveryStatuses(test, '1');
  const inFlight = [...atCrash].filter(([, status]) => status === 'sending').map(([email]) => email);
  expect(inFlight.length).toBeGreaterThan(0);
  expect(inFlight.length).toBeLessThanOrEqual(WORKERS * workQueue.batchSize);

  worker = await startWorker();
  const progress = await test.untilDone('1', 90_000);
  worker.kill('SIGKILL');
  expect(progress.counts).toEqual({
    recipients: READERS,
    sent: READERS - inFlight.length,
    unknown: inFlight.length,
    failed: 0,
    skipped: 0,
    pending: 0,
  });
  const after = await deliveryStatuses(test, '1');
  expect(inFlight.filter((email) => after.get(email) !== 'unknown')).toEqual([]);

  const everyCopy = await copiesPerReader(localServices().sesEndpoint);
  const copies = new Map(readers.map((reader) => [reader, everyCopy.get(reader) ?? 0]));
  // Nobody twice; everyone recorded sent has their copy; an unknown one may or may not have it, as SES decided.
  expect([...copies.values()].filter((count) => count > 1)).toEqual([]);
  expect(readers.filter((reader) => after.get(reader) === 'sent' && copies.get(reader) !== 1)).toEqual([]);
}, 150_000);
