// `npm run bench -- imports`: a list of 100,000 rows (BENCH_IMPORT_ROWS to change it) imported as a job on the local
// stack — DynamoDB Local, the SQS stand-in, the files in a folder — by the import worker as the import function runs
// it (a step a batch, importQueue.maxConcurrency at once): the upload's answer time (what POST /subscribers/import
// does before its 202: decode, check the first line, store, queue), then the whole job's, and rows per second.
// Half the rows are confirmed elsewhere (written to the table), half asked to confirm (queued for the deliver step,
// which does not run here: its mail is the delivery bench's).
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDynamoSqsClients } from '../lambdas/adapters/dynamo-sqs-clients';
import { importQueue } from '../lambdas/adapters/import-queue-definition';
import { awsImportDeps } from '../lambdas/composition/aws-import-adapters';
import { composeImportBatchHandler, composeImportUseCases } from '../lambdas/composition/compose-import-worker';
import type { Logger } from '../lambdas/core/ports/logger';
import { decodeUtf8 } from '../lambdas/http/request-body';
import { subscriberList } from '../lambdas/http/subscriber-list-upload';
import {
  ensureTable,
  ensureWorkQueues,
  silenceSdkNodeVersionWarning,
  startLocalStack,
} from '../lambdas/local/local-stack';
import { startQueuePoller } from '../lambdas/local/queue-poller';

const quiet: Logger = { info: () => undefined, warn: () => undefined, error: (message) => console.error(message) };

export async function benchImports(): Promise<void> {
  silenceSdkNodeVersionWarning(process.env);
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
  const stack = await startLocalStack();
  const clients = createDynamoSqsClients({
    region: stack.region,
    credentials: stack.credentials,
    dynamoEndpoint: stack.dynamoEndpoint,
    sqsEndpoint: stack.sqsEndpoint,
  });
  try {
    const name = `bench-imports-${randomBytes(3).toString('hex')}`;
    await ensureTable(stack, name);
    const subscriptions = await ensureWorkQueues(stack, `${name}-subscriptions`, 60);
    const imports = await ensureWorkQueues(stack, `${name}-imports`, 600);
    const deps = awsImportDeps(
      { tableName: name, subscriptionQueueUrl: subscriptions.queueUrl, importQueueUrl: imports.queueUrl },
      clients,
      { folder: mkdtempSync(join(tmpdir(), 'mujaz-bench-imports-')) },
      { logger: quiet },
    );
    const lines = ['email,language,confirmed_at'];
    for (let index = 0; index < rows; index += 1)
      lines.push(`reader-${index}@example.com,ar,${index % 2 ? '2025-01-01T00:00:00Z' : ''}`);
    const body = new TextEncoder().encode(lines.join('\n'));

    const uploadStart = performance.now();
    // What the route does before it answers: the body read as UTF-8, its first line checked, stored, queued.
    const { id } = await composeImportUseCases(deps).startImport(subscriberList(decodeUtf8(body.buffer)));
    const answeredMs = performance.now() - uploadStart;
    const poller = startQueuePoller({
      sqs: clients.sqs,
      queueUrl: imports.queueUrl,
      handleBatch: composeImportBatchHandler(deps),
      workers: importQueue.maxConcurrency,
      batchSize: importQueue.batchSize,
      logger: quiet,
      idleMs: 20,
    });
    let checkedSeconds: number | undefined;
    let progress = await deps.importJobs.find(id);
    while (progress && !(progress.state === 'running' && progress.chunksDone >= progress.chunks)) {
      if (progress.state === 'failed') throw new Error(`the import failed: ${progress.problem}`);
      if (checkedSeconds === undefined && progress.state === 'running')
        checkedSeconds = (performance.now() - uploadStart) / 1_000;
      await new Promise((resolve) => setTimeout(resolve, 200));
      progress = await deps.importJobs.find(id);
    }
    const seconds = (performance.now() - uploadStart) / 1_000;
    await poller.stop();
    console.log(
      `Imports: ${rows.toLocaleString('en')} rows on DynamoDB Local, ${importQueue.maxConcurrency} steps at once`,
    );
    console.log(`  upload answered (first line checked, stored, queued) in ${answeredMs.toFixed(0)} ms`);
    console.log(`  list read and checked by the worker ${checkedSeconds?.toFixed(1) ?? '<0.2'} s after the upload`);
    console.log(
      `  whole job done in ${seconds.toFixed(1)} s from the upload: ${Math.round(rows / seconds).toLocaleString('en')} rows/s ` +
        `(imported ${progress?.imported}, skipped ${progress?.skipped}, rejected ${progress?.rejected})`,
    );
  } finally {
    clients.dynamo.destroy();
    clients.sqs.destroy();
    await stack.stop();
  }
}

if (require.main === module) {
  benchImports().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
