// Imports as jobs on the local services (DynamoDB Local, the SQS stand-in, the files in a folder): a list of a few
// thousand rows is answered 202 at once and reaches done with exact counts; a worker that dies in the middle of a
// chunk, and a step delivered twice, leave every reader written once and every count exact; the CLI follows it all.
import { DeleteMessageCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Hono } from 'hono';
import { type CliEnvironment, runCli } from '../../cli/mujaz';
import { DynamoImportJobStore } from '../../lambdas/adapters/dynamo-import-job-store';
import { composeImportBatchHandler } from '../../lambdas/composition/compose-import-worker';
import { IMPORT_CHUNK_ROWS } from '../../lambdas/core/use-cases/import-jobs';
import { toSqsEvent } from '../../lambdas/local/queue-poller';
import { apiAppOver, createTestMujaz, type TestMujaz } from '../support/local-services';

const ADMIN_TOKEN = 'import-jobs-admin-token';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const runId = Math.random().toString(36).slice(2, 8);

interface Progress {
  id: string;
  state: string;
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
  firstRejections: Array<{ line: number; reason: string }>;
  problem?: string;
}

/**
 * A list of `readers` rows in the file's own order: every 50th row rejected, every 40th of rows 601 to 1200 naming
 * the reader of the row 600 lines before (a duplicate, in an earlier chunk), half confirmed elsewhere and half asked
 * to confirm.
 */
function list(name: string, readers: number): { csv: string; rejected: number; duplicates: number } {
  const lines = ['email,language,confirmed_at'];
  let rejected = 0;
  let duplicates = 0;
  for (let index = 1; index <= readers; index += 1) {
    if (index % 50 === 0) {
      lines.push(`broken-${index},,`);
      rejected += 1;
    } else if (index % 40 === 0 && index > 600 && index <= 1_200 && (index - 600) % 50 !== 0) {
      lines.push(`${name}-${runId}-${index - 600}@example.com,,`);
      duplicates += 1;
    } else lines.push(`${name}-${runId}-${index}@example.com,ar,${index % 2 ? '2025-01-01T00:00:00Z' : ''}`);
  }
  return { csv: `${lines.join('\n')}\n`, rejected, duplicates };
}

describe('with the import worker running', () => {
  let test: TestMujaz;
  let app: Hono;
  beforeAll(async () => {
    test = await createTestMujaz('imports');
    app = apiAppOver(test, ADMIN_TOKEN);
  });
  afterAll(async () => test.close());

  const progressOf = async (id: string) =>
    (await (await app.request(`/subscribers/imports/${id}`, { headers: admin })).json()) as Progress;
  const untilSettled = async (id: string, timeoutMs = 60_000): Promise<Progress> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const progress = await progressOf(id);
      if (progress.state === 'done' || progress.state === 'failed') return progress;
      if (Date.now() > deadline) throw new Error(`import not settled: ${JSON.stringify(progress)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  it('answers 202 for 3,000 rows before reading them, and reaches done with exact counts and the rejections listed', async () => {
    const { csv, rejected, duplicates } = list('api', 3_000);
    const upload = await app.request('/subscribers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(upload.status).toBe(202);
    const { import: id } = (await upload.json()) as { import: string };
    const done = await untilSettled(id);
    expect(done).toEqual({
      id,
      state: 'done',
      rows: 3_000,
      imported: 3_000 - rejected - duplicates,
      skipped: duplicates,
      rejected,
      firstRejections: Array.from({ length: rejected }, (_, index) => ({
        line: (index + 1) * 50 + 1,
        reason: 'email is not a valid address',
      })),
    });
    // Those confirmed elsewhere are in the table; the others are asked (the deliver step stores them as pending).
    const confirmed = await test.importDeps.subscribers.find(`api-${runId}-1@example.com`);
    expect(confirmed).toMatchObject({ status: 'confirmed', subscribedVia: 'import', language: 'ar' });
  }, 90_000);

  it('answers 202 at once for a list broken at line 50,000, then fails it naming that line and no address', async () => {
    const { csv } = list('broken', 49_998);
    const body = `${csv}"broken-${runId}@example.com,ar,\nlast-${runId}@example.com,,\n`;
    const upload = await app.request('/subscribers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/csv' },
      body,
    });
    expect(upload.status).toBe(202);
    const { import: id } = (await upload.json()) as { import: string };
    const failed = await untilSettled(id);
    expect(failed).toMatchObject({
      state: 'failed',
      rows: 0,
      imported: 0,
      problem: 'The file is not valid CSV (line 50000).',
    });
    expect(JSON.stringify(failed)).not.toContain('@');
    expect(await test.importDeps.subscribers.find(`broken-${runId}-1@example.com`)).toBeUndefined();
  }, 90_000);

  it('follows an import from the CLI with a progress bar to its counts', async () => {
    const { csv, rejected, duplicates } = list('cli', 1_200);
    const bar: Array<[number, number] | 'stop'> = [];
    const out: string[] = [];
    const io: CliEnvironment = {
      fetch: async (url, init) => app.request(url, init),
      readFile: async () => Buffer.from(csv),
      writeFile: async () => undefined,
      stdout: (line) => out.push(line),
      stderr: (line) => out.push(`stderr: ${line}`),
      env: { MUJAZ_ADMIN_TOKEN: ADMIN_TOKEN },
      // The total as the bar shows it after each update: the rows are counted once the worker has read the list.
      progressBar: (_total, kind) => {
        expect(kind).toBe('import');
        return { update: (done, total) => bar.push([done, total]), stop: () => bar.push('stop') };
      },
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 100))),
    };
    expect(await runCli(['subscribers', 'import', 'list.csv'], io)).toBe(1);
    expect(out[0]).toMatch(/^import [\w-]{16} queued \(GET \/subscribers\/imports\/[\w-]{16}\)$/u);
    expect(out[1]).toBe(`imported ${1_200 - rejected - duplicates}, skipped ${duplicates}, rejected ${rejected}`);
    expect(out.slice(2)).toHaveLength(rejected);
    expect(out[2]).toBe('  line 51: email is not a valid address');
    // The bar ends at every row, and never goes back.
    expect(bar.at(-1)).toBe('stop');
    expect(bar.at(-2)).toEqual([1_200, 1_200]);
    const shown = bar.filter((entry): entry is [number, number] => entry !== 'stop').map(([done]) => done);
    expect(shown).toEqual([...shown].sort((a, b) => a - b));
  }, 90_000);

  it('answers 404 for an unknown import and 400 for what is no import id', async () => {
    const unknown = await app.request('/subscribers/imports/AAAAAAAAAAAAAAAA', { headers: admin });
    expect(unknown.status).toBe(404);
    const bad = await app.request('/subscribers/imports/..%2Fsecrets', { headers: admin });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });
});

describe('when the worker dies mid-import', () => {
  let test: TestMujaz;
  let app: Hono;
  beforeAll(async () => {
    // No poller: each step is handed to a worker here, the dying one or the healthy one. A step that was received
    // and not finished comes back a second later.
    test = await createTestMujaz('imports-crash', { deliveryWorkers: 0, importVisibilitySeconds: 1 });
    app = apiAppOver(test, ADMIN_TOKEN);
  });
  afterAll(async () => test.close());

  /** Hands each waiting step, one at a time, to `handle`; stops after `limit` steps or when the queue stays empty. */
  const work = async (handle: typeof test.handleImportBatch, limit = Number.POSITIVE_INFINITY): Promise<number> => {
    let handled = 0;
    for (let idle = 0; idle < 15 && handled < limit; ) {
      const { Messages = [] } = await test.clients.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: test.importQueues.queueUrl,
          MaxNumberOfMessages: 1,
          WaitTimeSeconds: 0,
          AttributeNames: ['All'],
          MessageSystemAttributeNames: ['All'],
        }),
      );
      if (Messages.length === 0) {
        idle += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      idle = 0;
      const { batchItemFailures } = await handle(toSqsEvent(Messages, test.importQueues.queueUrl));
      if (batchItemFailures.length === 0) {
        await test.clients.sqs.send(
          new DeleteMessageCommand({
            QueueUrl: test.importQueues.queueUrl,
            ReceiptHandle: Messages[0]!.ReceiptHandle,
          }),
        );
      }
      handled += 1;
    }
    return handled;
  };

  it('resumes where it stopped: every reader written once, every count exact, a step delivered twice counted once', async () => {
    const readers = IMPORT_CHUNK_ROWS * 3;
    const { csv, rejected, duplicates } = list('crash', readers);
    const upload = await app.request('/subscribers/import', {
      method: 'POST',
      headers: { ...admin, 'content-type': 'text/csv' },
      body: csv,
    });
    const { import: id } = (await upload.json()) as { import: string };

    // A worker that dies at its 600th subscriber write: after the first chunk, in the middle of the second.
    let writes = 0;
    const subscribers = test.importDeps.subscribers;
    const dying = composeImportBatchHandler({
      ...test.importDeps,
      subscribers: {
        ...subscribers,
        find: (email) => subscribers.find(email),
        findMany: (emails) => subscribers.findMany(emails),
        replace: async (next, previous) => {
          writes += 1;
          if (writes >= 600) throw new Error('worker killed');
          return subscribers.replace(next, previous);
        },
      } as typeof subscribers,
    });
    await work(dying, 4);
    const halfway = (await (await app.request(`/subscribers/imports/${id}`, { headers: admin })).json()) as Progress;
    expect(halfway.state).toBe('running');
    expect(halfway.imported).toBeGreaterThan(0);
    expect(halfway.imported).toBeLessThan(readers - rejected - duplicates);

    await work(test.handleImportBatch);
    const imported = readers - rejected - duplicates;
    const expected = { id, state: 'done', rows: readers, imported, skipped: duplicates, rejected };
    const progressOf = async () =>
      (await (await app.request(`/subscribers/imports/${id}`, { headers: admin })).json()) as Progress;
    expect(await progressOf()).toMatchObject(expected);

    // Every confirmed-elsewhere reader was written once: revision 1.
    for (let index = 1; index <= readers; index += 2) {
      if (index % 50 === 0 || (index % 40 === 0 && index > 600 && index <= 1_200)) continue;
      const reader = await subscribers.find(`crash-${runId}-${index}@example.com`);
      expect([index, reader?.revision]).toEqual([index, 1]);
    }

    // Every chunk, and the check, delivered again: nothing changes.
    await test.importDeps.importQueue.enqueue([
      { importId: id },
      ...Array.from({ length: 3 }, (_, chunk) => ({ importId: id, chunk })),
    ]);
    await work(test.handleImportBatch);
    expect(await progressOf()).toMatchObject(expected);
  }, 120_000);

  it('keeps a chunk plan as first saved, and adds a chunk’s counts once (DynamoDB)', async () => {
    const store = new DynamoImportJobStore(test.clients.dynamo, test.config.tableName);
    const id = `plan${runId}`.padEnd(16, '0').slice(0, 16);
    await store.create({ id, createdAt: new Date().toISOString() });
    expect(await store.find(id)).toMatchObject({ state: 'queued', rows: 0 });
    expect(await store.recordChecks(id, { rows: 10, chunks: 1, skipped: 1, rejected: 2, firstRejections: [] })).toBe(
      true,
    );
    expect(await store.recordChecks(id, { rows: 9, chunks: 1, skipped: 1, rejected: 2, firstRejections: [] })).toBe(
      false,
    );
    expect(await store.savePlan(id, 0, { admitted: [0, 1], skipped: 5 })).toEqual({ admitted: [0, 1], skipped: 5 });
    expect(await store.savePlan(id, 0, { admitted: [3], skipped: 6 })).toEqual({ admitted: [0, 1], skipped: 5 });
    expect(await store.recordChunk(id, 0, { imported: 2, skipped: 5 })).toBe(true);
    expect(await store.recordChunk(id, 0, { imported: 2, skipped: 5 })).toBe(false);
    expect(await store.find(id)).toMatchObject({
      state: 'running',
      rows: 10,
      chunks: 1,
      chunksDone: 1,
      imported: 2,
      skipped: 6,
    });
    expect(await store.findChunk(id, 0)).toEqual({ plan: { admitted: [0, 1], skipped: 5 }, done: true });
  });
});
