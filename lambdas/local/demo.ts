// `npm run demo`: the main job end to end on the embedded local stack — ingest the sample report, register the
// sample feed and let the poller store its items, subscribe and confirm a reader, send the digest, write it to
// out/ — then stop everything and exit. The feed (samples/feed-ar.xml, hand-made: three invented Arabic news items)
// is served from this process on a free port of 127.0.0.1, which the runtime's fetcher may reach because the demo
// names it in MUJAZ_FETCH_ALLOW; nothing else local is allowed.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { consoleLogger } from '../adapters/console-logger';
import { readLocalConfig, withFetchAllowed } from '../composition/config';
import type { Report } from '../core/domain/report';
import type { SourceView } from '../core/domain/source-input';
import type { DigestProgress } from '../core/use-cases/digest-progress';
import { type LocalRuntime, startLocalRuntime } from './local-runtime';
import { silenceSdkNodeVersionWarning } from './local-stack';
import { emailsTo, linkIn, untilEmailsTo } from './ses-inbox';

const PROJECT_ROOT = resolve(__dirname, '..', '..');
const SAMPLE_REPORT = join(PROJECT_ROOT, 'samples', 'report-ar.txt');
const SAMPLE_FEED = join(PROJECT_ROOT, 'samples', 'feed-ar.xml');
/** Where the demo's feed server answers with the sample feed. */
const SAMPLE_FEED_PATH = '/feed-ar.xml';
const OUT = join(PROJECT_ROOT, 'out');
/** Every message the run sent, as <messageId>.eml. */
const OUTBOX = join(OUT, 'outbox');
const READER = 'reader@example.com';

async function runDemo(runtime: LocalRuntime, feedUrl: string): Promise<void> {
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

  // The sample items carry their whole text, and their links lead nowhere (a reserved domain): no page is fetched.
  const registered = await api<SourceView>('POST', '/sources', JSON.stringify({ url: feedUrl, fullText: 'never' }));
  step(`feed registered as source ${registered.id}: ${registered.name} (${feedUrl}); its first poll is queued`);
  const source = await untilPolled(api, registered.id);
  step(
    `feed polled through the poll queue: ${source.lastPoll.created} item(s) stored as reports (GET /sources/${source.id})`,
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
  reports stored:        ${1 + source.reportsCreated}: 1 posted (${ingested.report.title}), ${source.reportsCreated} from the feed
  feed source:           ${source.id} (${source.name}): ${relative(process.cwd(), SAMPLE_FEED)}, served at ${feedUrl}
  confirmed subscribers: ${sent.counts.recipients}
  digest subject:        ${digest.subject}
  SES message id:        ${digest.messageId}
  message (MIME):        ${relative(process.cwd(), join(OUT, 'digest.eml'))}
  HTML part:             ${relative(process.cwd(), join(OUT, 'digest.html'))}  (open it in a browser)
Run \`npm run dev\` to keep the API, the inbox viewer and the editors' console running (it prints their addresses).`);
}

/** The source once its first poll is done (GET /sources/{id} shows what it did); throws when that poll failed. */
async function untilPolled(
  api: ReturnType<typeof apiClient>,
  id: string,
): Promise<SourceView & { lastPoll: NonNullable<SourceView['lastPoll']> }> {
  for (let waited = 0; waited <= 60_000; waited += 200) {
    const source = await api<SourceView>('GET', `/sources/${id}`);
    const { lastPoll } = source;
    if (lastPoll?.status === 'failed') throw new Error(`The sample feed's poll failed: ${lastPoll.error}`);
    if (lastPoll) return { ...source, lastPoll };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`Source ${id} was not polled within a minute`);
}

/** Serves the sample feed on a free port of 127.0.0.1, as a news site serves its RSS. */
async function serveSampleFeed(): Promise<{ server: Server; host: string; url: string }> {
  const feed = readFileSync(SAMPLE_FEED);
  const server = createServer((request, response) => {
    if (request.url !== SAMPLE_FEED_PATH) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feed);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, host, url: `http://${host}${SAMPLE_FEED_PATH}` };
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
  const feed = await serveSampleFeed();
  const closeFeed = () => new Promise<void>((resolve) => feed.server.close(() => resolve()));
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime({
      ...local,
      outboxDirectory: OUTBOX,
      deliveryWorkers: local.deliveryWorkers,
      environment: withFetchAllowed(process.env, [feed.host]),
      logger: { ...consoleLogger('mujaz-demo'), info: () => undefined },
    });
  } catch (error) {
    await closeFeed();
    throw error;
  }
  let failed = false;
  const stopOnSignal = () => void Promise.all([runtime.stop(), closeFeed()]).finally(() => process.exit(130));
  process.once('SIGINT', stopOnSignal);
  process.once('SIGTERM', stopOnSignal);
  try {
    await runDemo(runtime, feed.url);
  } catch (error) {
    failed = true;
    console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await Promise.all([runtime.stop(), closeFeed()]);
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
