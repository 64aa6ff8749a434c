// Least privilege, proven on the running code: every DynamoDB call each function's code makes — through its real
// entry point, on DynamoDB Local — is recorded (action and index), and must be one its role grants (lib/
// table-access.ts, which the CDK tests check against the synthesized roles). A function that starts calling
// something new fails here before it fails in AWS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import type { Hono } from 'hono';
import { awsDigestSenderDeps, awsReaderDeps } from '../../lambdas/composition/aws-adapters';
import { awsMujazDeps } from '../../lambdas/composition/aws-mail-adapters';
import { awsFeedbackRecorderDeps } from '../../lambdas/composition/aws-table-adapters';
import { composeAdminUseCases } from '../../lambdas/composition/compose-admin-use-cases';
import { composeConsoleUseCases } from '../../lambdas/composition/compose-console-use-cases';
import { composeDigestSender } from '../../lambdas/composition/compose-digest-sender';
import { composeFeedbackRecorder } from '../../lambdas/composition/compose-feedback-recorder';
import { composeReaderUseCases } from '../../lambdas/composition/compose-reader-use-cases';
import type { CompositionOptions } from '../../lambdas/composition/composition-options';
import { publicLinks } from '../../lambdas/core/domain/links';
import { createAdminApp } from '../../lambdas/http/admin-routes';
import { createReaderApp } from '../../lambdas/http/reader-routes';
import { createSourcesApp } from '../../lambdas/http/source-routes';
import { toSqsEvent } from '../../lambdas/local/queue-poller';
import { linkIn, untilEmailsTo } from '../../lambdas/local/ses-inbox';
import { TABLE_ACCESS, type TableAccess } from '../../lib/table-access';
import { startFeedServer } from '../support/feed-server';
import { InMemoryMetrics } from '../support/in-memory-metrics';
import {
  createTestFeeds,
  createTestMujaz,
  localServices,
  TEST_TOKEN_SECRET,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';
import { compiledTemplates } from '../support/real-renderer';
import { silentLogger } from '../support/silent-logger';

const ADMIN = 'access-admin-token';
const OPERATOR = uniqueAddress('access-operator');
const sample = readFileSync(join(__dirname, '..', '..', 'samples', 'report-ar.txt'), 'utf8');
const { sesEndpoint } = localServices();

let test: TestMujaz;
/** The API function's app and the admin function's, each over its own composition, as their handlers build them. */
let readerApp: Hono;
let adminApp: Hono;
/** The admin function's composition, for what its console pages read (no route of this test serves them yet). */
let adminUseCases: ReturnType<typeof composeAdminUseCases>;
let composition: CompositionOptions;
/** What the code asked DynamoDB for since the last reset: `GetItem`, `Query@gsi1`, … */
const calls = new Set<string>();

beforeAll(async () => {
  // No poller: each function's share of the work is run here, one at a time, so that every call is its own.
  test = await createTestMujaz('access', { deliveryWorkers: 0, environment: { MUJAZ_OPERATORS: OPERATOR } });
  test.clients.dynamo.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as {
        IndexName?: string;
        TransactItems?: Array<Record<string, unknown>>;
      };
      const name = String(context.commandName ?? '').replace(/Command$/u, '');
      if (name === 'TransactWriteItems') {
        // IAM checks each action inside a transaction, not the transaction.
        for (const item of input.TransactItems ?? []) calls.add(`${Object.keys(item)[0]}Item`);
      } else {
        calls.add(input.IndexName ? `${name}@${input.IndexName}` : name);
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordTableAccess' },
  );
  composition = {
    logger: silentLogger,
    metrics: new InMemoryMetrics(),
    emailTemplates: await compiledTemplates(),
  };
  const secrets = { tokenSecret: TEST_TOKEN_SECRET };
  readerApp = createReaderApp({
    mujaz: composeReaderUseCases(awsReaderDeps(test.config, secrets, test.clients, composition), test.config),
    newsletter: test.config.newsletter,
    logger: silentLogger,
    clientAddress: () => '192.0.2.10',
    links: publicLinks(test.config.publicBaseUrl),
  });
  const adminDeps = awsMujazDeps(test.config, secrets, test.clients, composition);
  adminUseCases = composeAdminUseCases(adminDeps, test.config);
  adminApp = createAdminApp({
    mujaz: adminUseCases,
    imports: test.imports,
    console: composeConsoleUseCases(adminDeps, test.config),
    clientAddress: () => '192.0.2.10',
    // The send runs in its own function: the admin function only starts it.
    dispatcher: { dispatchSend: async () => undefined },
    adminToken: ADMIN,
    newsletter: test.config.newsletter,
    timeZone: test.config.timeZone,
    logger: silentLogger,
  });
});
afterAll(async () => test.close());

/** Runs `work` and answers what it asked DynamoDB for; an HTTP answer must be a success (the path ran whole). */
async function recorded(work: () => unknown): Promise<Set<string>> {
  calls.clear();
  const outcome = await work();
  if (outcome instanceof Response) expect(outcome.status).toBeLessThan(400);
  return new Set(calls);
}

/** Every call must be granted: its action, and for a query on an index, that index. */
function expectGranted(used: Set<string>, access: TableAccess): void {
  expect(used.size).toBeGreaterThan(0);
  for (const call of used) {
    const [action, index] = call.split('@');
    expect(access.actions).toContain(action);
    if (index !== undefined) expect(access.indexes).toContain(index);
  }
}

const admin = { authorization: `Bearer ${ADMIN}` };
/** A reader's request, to the API function. */
const request = (path: string, init: RequestInit = {}) => readerApp.request(path, init);
/** An operator's request, to the admin function. */
const adminGet = (path: string) => adminApp.request(path, { headers: admin });
const adminPost = (path: string, body: string, type = 'application/json') =>
  adminApp.request(path, { method: 'POST', headers: { 'content-type': type, ...admin }, body });

/**
 * Hands every message waiting in the queue to the deliver function's batch handler (or the import function's), as
 * its event source would.
 */
async function deliverAll(queueUrl: string, handleBatch = test.handleBatch): Promise<number> {
  let handled = 0;
  for (let idle = 0; idle < 3; ) {
    const { Messages = [] } = await test.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) {
      idle += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    const { batchItemFailures } = await handleBatch(toSqsEvent(Messages, queueUrl));
    expect(batchItemFailures).toEqual([]);
    handled += Messages.length;
  }
  return handled;
}

it('runs each function through its entry points and finds every DynamoDB call granted to it', async () => {
  const reader = uniqueAddress('access');
  const used: Record<keyof typeof TABLE_ACCESS, Set<string>> = {
    api: new Set(),
    admin: new Set(),
    'send-digest': new Set(),
    'deliver-digest': new Set(),
    'delivery-feedback': new Set(),
    // The feed functions' own test is below.
    sources: new Set(),
    'find-due-sources': new Set(),
    'poll-sources': new Set(),
    'import-subscribers': new Set(),
  };
  const add = (name: keyof typeof TABLE_ACCESS, calls: Set<string>) => {
    for (const call of calls) used[name].add(call);
  };

  let reportId = '';
  add(
    'admin',
    await recorded(async () => {
      const response = await adminPost('/reports', sample, 'text/plain; charset=utf-8');
      reportId = ((await response.clone().json()) as { report: { id: string } }).report.id;
      return response;
    }),
  );
  // An editor's edit, then its undoing, so that the report goes into the edition below as it was.
  const editReport = (body: unknown) =>
    adminApp.request(`/reports/${reportId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', ...admin },
      body: JSON.stringify(body),
    });
  add('admin', await recorded(() => editReport({ hold: true, priority: 1, summary: 'An editor’s summary.' })));
  add('admin', await recorded(() => editReport({ hold: false, priority: 0, summary: null })));
  add(
    'api',
    await recorded(() =>
      request('/subscriptions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: reader }),
      }),
    ),
  );
  add('deliver-digest', await recorded(() => deliverAll(test.subscriptionQueues.queueUrl)));
  const [confirmation] = await untilEmailsTo(sesEndpoint, reader);
  const confirm = new URL(linkIn(confirmation!, '/subscriptions/confirm')!);
  add('api', await recorded(() => request(`${confirm.pathname}${confirm.search}`)));
  add('api', await recorded(() => request(`${confirm.pathname}${confirm.search}`, { method: 'POST' })));
  const imported = uniqueAddress('imported');
  const upload = await adminPost(
    '/subscribers/import',
    `email,confirmed_at\n${imported},2026-01-01T00:00:00Z\n${uniqueAddress('asked')},\n`,
    'text/csv',
  );
  const importId = ((await upload.json()) as { import: string }).import;
  add('import-subscribers', await recorded(() => deliverAll(test.importQueues.queueUrl, test.handleImportBatch)));
  add('admin', await recorded(() => adminGet(`/subscribers/imports/${importId}`)));
  expect(await (await adminGet(`/subscribers/imports/${importId}`)).json()).toMatchObject({
    state: 'done',
    imported: 2,
  });
  add('admin', await recorded(() => adminGet('/subscribers.csv?status=all')));
  add('admin', await recorded(() => adminGet('/subscribers.csv')));
  add('admin', await recorded(() => adminPost('/digests', JSON.stringify({ mode: 'preview' }))));
  add(
    'admin',
    await recorded(() => adminPost('/digests', JSON.stringify({ mode: 'test', to: uniqueAddress('editor') }))),
  );
  add('admin', await recorded(() => adminPost('/digests', JSON.stringify({ mode: 'send' }))));

  // The send function's own composition, as its handler builds it: the send, and the watch a day later.
  const digests = composeDigestSender(awsDigestSenderDeps(test.config, test.clients, composition), test.config);
  add('send-digest', await recorded(() => digests.sendDigest()));
  add('send-digest', await recorded(() => digests.watchDigest()));
  add('deliver-digest', await recorded(() => deliverAll(test.queues.queueUrl)));

  add('admin', await recorded(() => adminGet('/digests/1')));
  add('admin', await recorded(() => adminUseCases.consoleOverview()));
  add('admin', await recorded(() => adminPost('/digests/1/retry', JSON.stringify({ include: ['failed', 'unknown'] }))));
  add('api', await recorded(() => request('/archive')));
  add('api', await recorded(() => request('/archive/1')));
  add('api', await recorded(() => request('/feed.xml')));
  const [, digest] = await untilEmailsTo(sesEndpoint, reader, { count: 2 });
  const unsubscribe = new URL(linkIn(digest!, '/unsubscribe')!);
  add('api', await recorded(() => request(`${unsubscribe.pathname}${unsubscribe.search}`)));
  add('api', await recorded(() => request(`${unsubscribe.pathname}${unsubscribe.search}`, { method: 'POST' })));
  add('api', await recorded(() => request(`/resubscribe${unsubscribe.search}`, { method: 'POST' })));

  // The console: a sign-in asked for (admin), its link mailed (deliver), opened and used, a page, a form, sign-out.
  const fromHere = { origin: 'http://localhost', 'content-type': 'application/x-www-form-urlencoded' };
  add(
    'admin',
    await recorded(() =>
      adminApp.request('/console/sign-in', { method: 'POST', headers: fromHere, body: `email=${OPERATOR}` }),
    ),
  );
  add('deliver-digest', await recorded(() => deliverAll(test.subscriptionQueues.queueUrl)));
  const [signInEmail] = await untilEmailsTo(sesEndpoint, OPERATOR);
  const signInLink = new URL(linkIn(signInEmail!, '/console/sign-in/confirm')!);
  const linkPath = `${signInLink.pathname}${signInLink.search}`;
  add('admin', await recorded(() => adminApp.request(linkPath)));
  let cookie = '';
  add(
    'admin',
    await recorded(async () => {
      const response = await adminApp.request(linkPath, { method: 'POST', headers: { origin: 'http://localhost' } });
      cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
      return response;
    }),
  );
  let csrf = '';
  add(
    'admin',
    await recorded(async () => {
      const response = await adminApp.request('/console', { headers: { cookie } });
      csrf = /name="_csrf" value="([^"]+)"/u.exec(await response.clone().text())?.[1] ?? '';
      return response;
    }),
  );
  const consoleForm = (path: string, body: string) =>
    adminApp.request(path, { method: 'POST', headers: { ...fromHere, cookie }, body: `_csrf=${csrf}&${body}` });
  add('admin', await recorded(() => consoleForm('/console/language', 'language=en')));
  add('admin', await recorded(() => consoleForm('/console/sign-out', '')));

  const bounce = JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', 'ses-events', 'bounce-permanent.json'), 'utf8'),
  ) as unknown;
  const feedback = composeFeedbackRecorder(awsFeedbackRecorderDeps(test.config, test.clients, composition));
  add('delivery-feedback', await recorded(() => feedback.recordDeliveryFeedback(bounce)));

  for (const [name, calls] of Object.entries(used)) {
    if (['sources', 'find-due-sources', 'poll-sources'].includes(name)) continue;
    expectGranted(calls, TABLE_ACCESS[name as keyof typeof TABLE_ACCESS]);
  }
  // What these flows exercised (a refused send's DeleteItem, the deliver function's release, is not among them).
  expect([...used.api].sort()).toEqual(
    ['BatchGetItem', 'GetItem', 'PutItem', 'Query', 'Query@gsi2', 'UpdateItem'].sort(),
  );
  expect([...used.admin].sort()).toEqual(
    ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'Query@gsi1', 'Query@gsi2', 'UpdateItem'].sort(),
  );
  expect([...used['send-digest']].sort()).toEqual(['GetItem', 'PutItem', 'Query', 'Query@gsi1', 'UpdateItem'].sort());
  expect([...used['deliver-digest']].sort()).toEqual(['GetItem', 'PutItem', 'UpdateItem'].sort());
  // A suppression and its counters, in one transaction.
  expect([...used['delivery-feedback']].sort()).toEqual(['GetItem', 'PutItem', 'UpdateItem'].sort());
  expect([...used['import-subscribers']].sort()).toEqual(['BatchGetItem', 'GetItem', 'PutItem', 'UpdateItem'].sort());
}, 60_000);

it('runs the feed functions through their entry points and finds every DynamoDB call granted to them', async () => {
  const web = await startFeedServer();
  // The article pages live on another host than the feed: each is fetched holding that host's page slot.
  const pages = await startFeedServer();
  const item = (n: number) =>
    `<item><title>Story ${n} of the harbour</title><link>${pages.url(`/story-${n}`)}</link><guid>g${n}</guid>` +
    `<description>The harbour council met on Monday about story ${n}. It decided to open the new pier in spring. ` +
    `Fishermen welcomed the decision and asked for more moorings.</description></item>`;
  const feed = (items: number[]) =>
    `<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour</title>${items.map(item).join('')}</channel></rss>`;
  web.serve('/feed.xml', { body: feed([1, 2]), contentType: 'application/rss+xml' });
  for (const n of [1, 2, 3]) {
    pages.serve(`/story-${n}`, {
      contentType: 'text/html',
      body: `<html><body><article><h1>Story ${n}</h1><p>The harbour council met on Monday about story ${n}, and decided to open the new pier in spring.</p><p>Fishermen welcomed the decision and asked for more moorings along the eastern wall.</p></article></body></html>`,
    });
  }
  try {
    const feeds = await createTestFeeds(test, { fetchAllow: [web.host, pages.host] });
    const sourcesApp = createSourcesApp({
      sources: feeds.sources,
      adminToken: ADMIN,
      newsletter: test.config.newsletter,
      timeZone: test.config.timeZone,
      logger: silentLogger,
    });
    const call = (method: string, path: string, body?: unknown) =>
      sourcesApp.request(path, {
        method,
        headers: { ...admin, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const used = {
      sources: new Set<string>(),
      'find-due-sources': new Set<string>(),
      'poll-sources': new Set<string>(),
    };
    const add = (name: keyof typeof used, calls: Set<string>) => {
      for (const call of calls) used[name].add(call);
    };
    let id = '';
    add(
      'sources',
      await recorded(async () => {
        const response = await call('POST', '/sources', { url: web.url('/feed.xml'), fullText: 'always' });
        id = ((await response.clone().json()) as { id: string }).id;
        return response;
      }),
    );
    add('sources', await recorded(() => call('GET', '/sources')));
    add('sources', await recorded(() => call('GET', `/sources/${id}`)));
    add('sources', await recorded(() => call('PATCH', `/sources/${id}`, { ignoreCache: true })));
    add('find-due-sources', await recorded(() => feeds.finder.queueDueSources()));
    add('poll-sources', await recorded(() => feeds.drainPolls()));
    // A changed feed: its old entries are seen (and looked at), the new one stored.
    web.serve('/feed.xml', { body: feed([1, 2, 3]), contentType: 'application/rss+xml' });
    add('sources', await recorded(() => call('POST', `/sources/${id}/poll`)));
    add('poll-sources', await recorded(() => feeds.drainPolls()));
    add('sources', await recorded(() => call('DELETE', `/sources/${id}`)));

    for (const [name, calls] of Object.entries(used)) expectGranted(calls, TABLE_ACCESS[name as keyof typeof used]);
    expect([...used.sources].sort()).toEqual(['DeleteItem', 'GetItem', 'PutItem', 'Query', 'Query@gsi2'].sort());
    expect([...used['find-due-sources']]).toEqual(['Query@gsi1']);
    // A page host's slot taken (PutItem) and given back (DeleteItem); a claim given back after a failure is too.
    expect(pages.requests('/story-3')).toHaveLength(1);
    expect([...used['poll-sources']].sort()).toEqual(['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem'].sort());
  } finally {
    await web.close();
    await pages.close();
  }
});
