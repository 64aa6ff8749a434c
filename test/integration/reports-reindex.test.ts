// `npm run reports:reindex` against DynamoDB Local: reports stored the way they were before the console's list
// (no gsi2 entry) are missing from it, are listed after one run, and a second run adds nothing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { reportKey, untakenReports } from '../../lambdas/adapters/dynamo-keys';
import { DynamoReportListIndex } from '../../lambdas/adapters/dynamo-report-list-index';
import { DynamoReportRepository } from '../../lambdas/adapters/dynamo-report-repository';
import type { Report } from '../../lambdas/core/domain/report';
import { createTestTable, localClients, localServices } from '../support/local-services';
import { storedReport } from '../support/report-fixtures';

const ROOT = join(__dirname, '..', '..');
const clients = localClients();
afterAll(() => {
  clients.dynamo.destroy();
  clients.ses.destroy();
  clients.sqs.destroy();
});

/** As saveIfAbsent wrote a report before the console's list: the untaken index, and no gsi2. */
async function storeTheOldWay(tableName: string, stored: Report, taken?: string): Promise<void> {
  await clients.dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...reportKey(stored.id),
        entity: 'report',
        ...(taken === undefined ? untakenReports.indexKeys(stored.receivedAt, stored.id) : { editionId: taken }),
        ...stored,
      },
    }),
  );
}

async function reindex(tableName: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'scripts', 'reindex-reports.ts'),
      '--table',
      tableName,
      '--endpoint',
      localServices().dynamoEndpoint,
    ],
    { cwd: ROOT },
  );
  return stdout;
}

it('lists the reports stored before the list, once, beside those stored since', async () => {
  const tableName = await createTestTable('reindex');
  const reports = new DynamoReportRepository(clients.dynamo, tableName);
  const oldUntaken = storedReport('0000000000000000000000a1', '2026-01-05T09:00:00.000Z');
  const oldTaken = storedReport('0000000000000000000000a2', '2026-01-04T09:00:00.000Z');
  const recent = storedReport('0000000000000000000000b1', '2026-02-01T09:00:00.000Z');
  await storeTheOldWay(tableName, oldUntaken);
  await storeTheOldWay(tableName, oldTaken, '3');
  await reports.saveIfAbsent(recent);
  const listed = async () => (await reports.recent(10)).reports.map((stored) => stored.id);
  expect(await listed()).toEqual([recent.id]);

  expect(await reindex(tableName)).toMatch(/^indexed 2 reports in [\d.]+ s; 1 were listed already\n$/u);
  // Newest first, by arrival, as if each had been listed when it came; and each as stored (no field lost).
  expect(await listed()).toEqual([recent.id, oldUntaken.id, oldTaken.id]);
  expect((await reports.recent(10)).reports[2]).toMatchObject({ ...oldTaken, editionId: '3' });

  expect(await reindex(tableName)).toMatch(/^indexed 0 reports in [\d.]+ s; 3 were listed already\n$/u);
  expect(await listed()).toEqual([recent.id, oldUntaken.id, oldTaken.id]);
  // A report listed between the pass's read and its write (a new one, another run) is left as it is.
  const index = new DynamoReportListIndex(clients.dynamo, tableName);
  expect(await index.addToList({ id: recent.id, receivedAt: '1999-01-01T00:00:00.000Z' })).toBe(false);
  expect(await listed()).toEqual([recent.id, oldUntaken.id, oldTaken.id]);
}, 60_000);

it('tells an operator who names no table how to run it', async () => {
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'reindex-reports.ts')], {
    cwd: ROOT,
  });
  await expect(run).rejects.toMatchObject({
    code: 2,
    stderr: expect.stringContaining('usage: npm run reports:reindex -- --table NAME'),
  });
}, 30_000);
