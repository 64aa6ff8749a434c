// `npm run dev`: the local stack and the API, kept running until Ctrl-C. DynamoDB data and every sent message
// are kept under .mujaz/ between runs. MUJAZ_DYNAMODB_ENDPOINT, MUJAZ_SES_ENDPOINT and MUJAZ_SQS_ENDPOINT make it
// use a service already running there (say, a fault-injecting proxy in front of SES) instead of starting one.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ENVIRONMENT_VARIABLES,
  LOCAL_ADMIN_TOKEN_VARIABLE,
  readLocalConfig,
  withLocalOperators,
} from '../composition/config';
import { startLocalRuntime } from './local-runtime';
import { silenceSdkNodeVersionWarning } from './local-stack';

const PROJECT_ROOT = resolve(__dirname, '..', '..');
const STATE = join(PROJECT_ROOT, '.mujaz');

/** The link-signing key survives restarts, so confirmation and unsubscribe links already mailed keep working. */
function persistentTokenSecret(): string {
  const file = join(STATE, 'token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(STATE, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** Who may sign in to the console when MUJAZ_OPERATORS is unset: a newcomer is in the console within a minute. */
const DEFAULT_LOCAL_OPERATOR = 'editor@example.com';

async function main(): Promise<void> {
  silenceSdkNodeVersionWarning(process.env);
  const local = readLocalConfig(process.env);
  const { environment, operators, chosen } = withLocalOperators(process.env, DEFAULT_LOCAL_OPERATOR);
  const runtime = await startLocalRuntime({
    apiPort: local.apiPort ?? 3000,
    dynamoPort: local.dynamoPort ?? 8000,
    sesPort: local.sesPort ?? 8005,
    running: local.running,
    dynamoDataDirectory: join(STATE, 'dynamodb'),
    outboxDirectory: join(STATE, 'outbox'),
    deliveryWorkers: local.deliveryWorkers,
    tokenSecret: local.tokenSecret ?? persistentTokenSecret(),
    ...(local.adminToken ? { adminToken: local.adminToken } : {}),
    environment,
  });
  console.log(`Mujaz is running locally.
  API:          ${runtime.apiUrl}
  Inbox viewer: ${runtime.inboxUrl}${
    Object.keys(local.running).length > 0
      ? `
  Running services used: ${Object.keys(local.running).join(', ')}`
      : ''
  }
  Console:      ${runtime.apiUrl}/console/sign-in — sign in as ${
    chosen
      ? `${operators} (from ${ENVIRONMENT_VARIABLES.operators})`
      : `${operators} (set ${ENVIRONMENT_VARIABLES.operators} to choose)`
  }; the link arrives in the inbox viewer
  Admin token:  ${runtime.adminToken}${local.adminToken ? ` (from ${LOCAL_ADMIN_TOKEN_VARIABLE})` : ` (generated; set ${LOCAL_ADMIN_TOKEN_VARIABLE} to choose one)`}
  Sent mail:    ${join(STATE, 'outbox')}

Try:
  curl -X POST ${runtime.apiUrl}/reports -H "Authorization: Bearer ${runtime.adminToken}" -H "Content-Type: text/plain" --data-binary @samples/report-ar.txt
  curl -X POST ${runtime.apiUrl}/subscriptions -H "Content-Type: application/json" -d '{"email":"reader@example.com"}'
  curl -X POST ${runtime.apiUrl}/digests -H "Authorization: Bearer ${runtime.adminToken}" -H "Content-Type: application/json" -d '{"mode":"send"}'
Press Ctrl-C to stop.`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void runtime.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`Could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
