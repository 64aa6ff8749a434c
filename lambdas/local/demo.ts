// `npm run demo`: the main job end to end on the embedded local stack — ingest the sample report, subscribe and
// confirm a reader, send the digest, write it to out/ — then stop everything and exit.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { consoleLogger } from '../adapters/console-logger';
import { readLocalConfig } from '../composition/config';
import type { Report } from '../core/domain/report';
import type { DigestProgress } from '../core/use-cases/digest-progress';
import { type LocalRuntime, startLocalRuntime } from './local-runtime';
import { silenceSdkNodeVersionWarning } from './local-stack';
import { emailsTo, linkIn, untilEmailsTo } from './ses-inbox';

const PROJECT_ROOT = resolve(__dirname, '..', '..');
const SAMPLE_REPORT = join(PROJECT_ROOT, 'samples', 'report-ar.txt');
const OUT = join(PROJECT_ROOT, 'out');
/** Every message the run sent, as <messageId>.eml. */
const OUTBOX = join(OUT, 'outbox');
const READER = 'reader@example.com';

async function runDemo(runtime: LocalRuntime): Promise<void> {
  const api = apiClient(runtime);
  const step = (text: string) => console.log(`• ${text}`);

  const ingested = await api<IngestAnswer>(
    'POST',
    '/reports',
    readFileSync(SAMPLE_REPORT, 'utf8'),
    'text/plain; charset=utf-8',
  );
  step(
    `report stored: ${ingested.report.id} (${ingested.report.language}, ${ingested.report.summary.length}-sentence summary)`,
  );

  await api('POST', '/subscriptions', JSON.stringify({ email: READER }));
  // The API answers at once; the confirmation goes out from the subscription queue, a moment later.
  const [confirmation] = await untilEmailsTo(runtime.sesEndpoint, READER);
  const confirmUrl = confirmation && linkIn(confirmation, '/subscriptions/confirm');
  if (!confirmUrl) throw new Error('No confirmation email with a confirmation link reached the SES endpoint');
  // The link opens a page with a button; only its POST confirms (mail scanners follow GET links).
  await api('POST', new URL(confirmUrl).pathname + new URL(confirmUrl).search, '');
  step(`reader subscribed and confirmed: ${READER}`);

  const started = await api<DigestProgress>('POST', '/digests', JSON.stringify({ mode: 'send' }));
  let sent = started;
  // The send composes and queues in the background; the deliver step works through the queue.
  for (let waited = 0; sent.state !== 'done'; waited += 200) {
    if (waited > 60_000) throw new Error(`Edition ${sent.id} is still ${sent.state} after a minute`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    sent = await api<DigestProgress>('GET', `/digests/${started.id}`);
  }
  const resend = await api<{ status?: string; id?: string }>('POST', '/digests', JSON.stringify({ mode: 'send' }));
  step(
    `edition ${sent.id} sent to ${sent.counts.sent} of ${sent.counts.recipients} reader(s) through the delivery queue; sending again found ${resend.status === 'no-reports' ? 'no new report' : `edition ${resend.id}`}`,
  );

  const digest = (await emailsTo(runtime.sesEndpoint, READER)).find(
    (email) => email.messageId !== confirmation.messageId,
  );
  const eml = digest && join(OUTBOX, `${digest.messageId}.eml`);
  if (!digest || !eml || !existsSync(eml)) throw new Error('The digest did not reach the SES endpoint');
  copyFileSync(eml, join(OUT, 'digest.eml'));
  writeFileSync(join(OUT, 'digest.html'), digest.body.html ?? '');

  console.log(`
Mujaz demo finished
  reports stored:        1 (${ingested.report.title})
  confirmed subscribers: ${sent.counts.recipients}
  digest subject:        ${digest.subject}
  SES message id:        ${digest.messageId}
  message (MIME):        ${relative(process.cwd(), join(OUT, 'digest.eml'))}
  HTML part:             ${relative(process.cwd(), join(OUT, 'digest.html'))}  (open it in a browser)
Run \`npm run dev\` to keep the API and the inbox viewer running.`);
}

/** The fields of the API's answers that the demo prints. */
interface IngestAnswer {
  report: Pick<Report, 'id' | 'title' | 'language' | 'summary'>;
}

function apiClient(runtime: LocalRuntime) {
  return async <Answer = unknown>(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
    contentType = 'application/json',
  ): Promise<Answer> => {
    const response = await fetch(`${runtime.apiUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${runtime.adminToken}`,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      ...(body === undefined ? {} : { body }),
    });
    const payload: unknown = await response.json();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${JSON.stringify(payload)}`);
    return payload as Answer;
  };
}

async function main(): Promise<void> {
  silenceSdkNodeVersionWarning(process.env);
  const local = readLocalConfig(process.env);
  console.log('Starting the local stack (DynamoDB Local, SES and SQS endpoints, API)…');
  rmSync(OUTBOX, { recursive: true, force: true });
  const runtime = await startLocalRuntime({
    ...local,
    outboxDirectory: OUTBOX,
    deliveryWorkers: local.deliveryWorkers,
    environment: process.env,
    logger: { ...consoleLogger('mujaz-demo'), info: () => undefined },
  });
  let failed = false;
  const stopOnSignal = () => void runtime.stop().finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    await runDemo(runtime);
  } catch (error) {
    failed = true;
    console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await runtime.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
