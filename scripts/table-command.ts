// The command-line plumbing the operator's one-off table commands share (npm run counts:rebuild, reports:reindex):
// `--table NAME [--region R] [--endpoint URL]` read, the DynamoDB client made (a local endpoint takes any
// credentials; AWS gets the default chain's), the command run, the clients closed.
import { parseArgs } from 'node:util';
import { createDynamoSqsClients, type DynamoSqsClients } from '../lambdas/adapters/dynamo-sqs-clients';

/** Runs `command` against the table the arguments name; prints `usage` and exits 2 when they name none. */
export async function runTableCommand(
  usage: string,
  command: (config: { tableName: string }, clients: DynamoSqsClients) => Promise<void>,
): Promise<void> {
  const { values } = parseArgs({
    options: { table: { type: 'string' }, region: { type: 'string' }, endpoint: { type: 'string' } },
  });
  if (!values.table) {
    console.error(`usage: ${usage} -- --table NAME [--region R] [--endpoint URL]`);
    process.exit(2);
  }
  const local = values.endpoint !== undefined;
  const clients = createDynamoSqsClients({
    region: values.region ?? (local ? 'us-east-1' : (process.env.AWS_REGION ?? 'us-east-1')),
    ...(local
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, dynamoEndpoint: values.endpoint }
      : {}),
  });
  try {
    await command({ tableName: values.table }, clients);
  } finally {
    clients.dynamo.destroy();
    clients.sqs.destroy();
  }
}
