// `npm run counts:rebuild -- --table NAME [--region R] [--endpoint URL]`: the console's counters rebuilt from one
// paginated pass over every subscriber — for a table that had readers before it had counters, or whose counters an
// operator doubts. The one place that reads the whole list to count it: an operator's explicit action, run when the
// list is quiet (a reader who moves during the pass may be missed). AWS credentials come from the usual chain.
import { parseArgs } from 'node:util';
import { createDynamoSqsClients } from '../lambdas/adapters/dynamo-sqs-clients';
import { awsCountsRebuildDeps } from '../lambdas/composition/aws-table-adapters';
import { rebuildConsoleCounts } from '../lambdas/core/use-cases/rebuild-console-counts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { table: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } },
  });
  if (!values.table) {
    console.error('usage: npm run counts:rebuild -- --table NAME [--region R] [--endpoint URL]');
    process.exit(2);
  }
  const local = values.endpoint !== undefined;
  const clients = createDynamoSqsClients({
    region: values.region ?? (local ? 'us-east-1' : (process.env.AWS_REGION ?? 'us-east-1')),
    // A local endpoint takes any credentials; AWS gets the default chain's.
    ...(local
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, dynamoEndpoint: values.endpoint }
      : {}),
  });
  try {
    const started = Date.now();
    const { readers, counts } = await rebuildConsoleCounts(awsCountsRebuildDeps({ tableName: values.table }, clients));
    console.log(
      `counted ${readers} subscribers in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${counts.totals.confirmed ?? 0} confirmed, ${counts.totals.left ?? 0} left, ` +
        `${counts.totals.suppressed ?? 0} suppressed`,
    );
  } finally {
    clients.dynamo.destroy();
    clients.sqs.destroy();
  }
}

void main();
