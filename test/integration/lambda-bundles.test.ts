// The deployable bundles themselves: built by the same esbuild options as the CDK stack, loaded by plain Node
// in a child process, and run against DynamoDB Local and the SES endpoint through the SDK's endpoint variables.
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lambdas/local/local-stack';
import { toSqsEvent } from '../../lambdas/local/queue-poller';
import { emailsTo } from '../../lambdas/local/ses-inbox';
import { PROJECT_ROOT } from '../../lib/function-bundles';
import { BUNDLE_BUDGET_KB, BUNDLE_TARGET_KB, type BuiltBundle, buildBundles } from '../../scripts/build-bundles';
import {
  createTestMujaz,
  localServices,
  TEST_BASE_URL,
  TEST_TOKEN_SECRET,
  type TestMujaz,
  uniqueAddress,
} from '../support/local-services';

const run = promisify(execFile);
const ADMIN_TOKEN = 'bundle-test-admin-token';
const SECRETS: Record<string, string> = {
  'arn:test:token-secret': TEST_TOKEN_SECRET,
  'arn:test:admin-token': ADMIN_TOKEN,
};

let outDir: string;
let bundles: BuiltBundle[];
let test: TestMujaz;
// No Secrets Manager runs locally: this stands in for GetSecretValue only, the one call the handlers make.
let secretsEndpoint: Server;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'mujaz-bundles-'));
  secretsEndpoint = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const secretId = (JSON.parse(body) as { SecretId: string }).SecretId;
      const value = SECRETS[secretId];
      response.writeHead(value ? 200 : 400, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify(
          value
            ? { ARN: secretId, Name: secretId, SecretString: value }
            : { __type: 'ResourceNotFoundException', message: 'no such secret' },
        ),
      );
    });
  });
  await new Promise<void>((resolve) => secretsEndpoint.listen(0, '127.0.0.1', resolve));
  // The deliver bundle consumes the queue here, not an in-process deliver step.
  test = await createTestMujaz('bundles', { deliveryWorkers: 0 });
  bundles = await buildBundles(outDir);
}, 60_000);

afterAll(async () => {
  await test.close();
  await new Promise((resolve) => secretsEndpoint.close(resolve));
  rmSync(outDir, { recursive: true, force: true });
});

type Bundle = 'api' | 'admin' | 'send-digest' | 'deliver-digest' | 'delivery-feedback';

async function invoke(bundle: Bundle, event: unknown): Promise<unknown> {
  return (await invokeWithOutput(bundle, event)).result;
}

/** What the bundle answered, and the lines it wrote to stdout before (the metrics' EMF lines, in Lambda). */
async function invokeWithOutput(
  bundle: Bundle,
  event: unknown,
  environment: NodeJS.ProcessEnv = {},
): Promise<{ result: unknown; lines: string[] }> {
  const { dynamoEndpoint, sesEndpoint, sqsEndpoint } = localServices();
  // The answer goes last, on a line of its own.
  const script = `require(${JSON.stringify(join(outDir, bundle, 'index.js'))}).handler(${JSON.stringify(event)}, {}).then((result) => process.stdout.write('\\n' + JSON.stringify(result)))`;
  const { stdout } = await run(process.execPath, ['-e', script], {
    env: {
      PATH: process.env.PATH,
      // The bundles leave the AWS SDK to the Lambda runtime; here it comes from the project's node_modules.
      NODE_PATH: join(PROJECT_ROOT, 'node_modules'),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: dynamoEndpoint,
      AWS_ENDPOINT_URL_SES: sesEndpoint,
      AWS_ENDPOINT_URL_SQS: sqsEndpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(secretsEndpoint.address() as AddressInfo).port}`,
      MUJAZ_TABLE_NAME: test.tableName,
      MUJAZ_DELIVERY_QUEUE_URL: test.queues.queueUrl,
      MUJAZ_SUBSCRIPTION_QUEUE_URL: test.subscriptionQueues.queueUrl,
      // The admin function reads where imports go at cold start; these routes never reach S3.
      MUJAZ_IMPORT_QUEUE_URL: test.importQueues.queueUrl,
      MUJAZ_IMPORT_BUCKET: 'mujaz-import-files-test',
      MUJAZ_PUBLIC_BASE_URL: TEST_BASE_URL,
      MUJAZ_FROM_ADDRESS: 'موجز <digest@example.com>',
      MUJAZ_TIME_ZONE: test.config.timeZone,
      // Set, so that no cold start waits on GetSendQuota, which the local SES endpoint does not answer.
      MUJAZ_SEND_RATE: '100',
      MUJAZ_TOKEN_SECRET_ARN: 'arn:test:token-secret',
      MUJAZ_ADMIN_TOKEN_SECRET_ARN: 'arn:test:admin-token',
      MUJAZ_SEND_DIGEST_FUNCTION_NAME: 'not-invoked-by-these-tests',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      ...environment,
    },
  });
  const lines = stdout.split('\n');
  return { result: JSON.parse(lines.pop()!), lines: lines.filter((line) => line !== '') };
}

/** The CloudWatch metrics (EMF) lines among a bundle's output. */
function emfLines(lines: string[]): Array<Record<string, unknown> & { _aws: { CloudWatchMetrics: unknown[] } }> {
  return lines.map((line) => JSON.parse(line)).filter((entry) => entry._aws?.CloudWatchMetrics !== undefined);
}

function httpEvent(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return {
    version: '2.0',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', ...headers },
    requestContext: { http: { method, path }, domainName: 'api.mujaz.test' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    isBase64Encoded: false,
  };
}

/** The npm packages a bundle carries, by name. */
const packagesIn = (bundle: BuiltBundle): Set<string> =>
  new Set(
    Object.keys(bundle.inputs).flatMap((path) => {
      const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/u.exec(path);
      return match ? [match[1]!] : [];
    }),
  );

describe('the Lambda bundles', () => {
  it('carry no mjml and no Handlebars compiler: the templates next to them were compiled at build time', () => {
    expect(bundles.map((bundle) => bundle.name).sort()).toEqual(
      [
        'admin',
        'api',
        'deliver-digest',
        'delivery-feedback',
        'send-digest',
        'sources',
        'find-due-sources',
        'poll-sources',
        'import-subscribers',
      ].sort(),
    );
    for (const bundle of bundles) {
      expect([...packagesIn(bundle)].filter((name) => name.startsWith('mjml'))).toEqual([]);
      expect(Object.keys(bundle.inputs).filter((path) => /handlebars\/compiler\//u.test(path))).toEqual([]);
      // Precompiled: the HTML MJML made, as Handlebars' runtime takes it.
      expect(readFileSync(join(outDir, bundle.name, 'templates', 'digest.js'), 'utf8')).toContain('"compiler":');
    }
  });

  it('each weigh no more than their budget: 500 KB, the functions that read pages or the web aside', () => {
    const overBudget = bundles
      .map((bundle) => ({ name: bundle.name, kilobytes: Math.ceil(bundle.bytes / 1024) }))
      .filter(({ name, kilobytes }) => kilobytes > BUNDLE_BUDGET_KB[name]);
    expect(overBudget).toEqual([]);
    expect(BUNDLE_TARGET_KB).toBe(500);
    for (const name of [
      'api',
      'send-digest',
      'deliver-digest',
      'delivery-feedback',
      'find-due-sources',
      'import-subscribers',
    ] as const)
      expect(BUNDLE_BUDGET_KB[name]).toBe(BUNDLE_TARGET_KB);
  });

  it('leave semver out: only the X-Ray SDK captureAWS, for AWS SDK v2 clients Mujaz never has, asks for it', () => {
    for (const bundle of bundles) {
      expect(Object.keys(bundle.inputs).filter((path) => path.includes('node_modules/semver/'))).toEqual([]);
      // An upgrade that reaches for semver anywhere else must bring it back (BUNDLE_OPTIONS.alias), not fail in Lambda.
      expect(bundle.replacedImports).toEqual([
        { importer: expect.stringMatching(/aws-xray-sdk-core\/dist\/lib\/patchers\/aws_p\.js$/u), replaced: 'semver' },
      ]);
    }
  });

  it('carry only what their function uses: report intake, mail and the CSV writer in admin alone, the web in the feed functions', () => {
    const intake = ['@mozilla/readability', 'linkedom', 'htmlparser2'];
    const adminOnly = [...intake, 'csv-parse', 'csv-stringify'];
    const web = ['undici', 'feedsmith', 'iconv-lite', 'ipaddr.js'];
    const unused: Record<string, string[]> = {
      api: [...adminOnly, 'nodemailer', ...web],
      admin: [...web],
      'send-digest': [...adminOnly, 'hono', 'nodemailer', ...web],
      'deliver-digest': [...adminOnly, 'hono', ...web],
      'delivery-feedback': [...adminOnly, 'hono', 'handlebars', 'nodemailer', ...web],
      // The finder reads no page: the sources and the queue alone.
      'find-due-sources': [...adminOnly, 'hono', 'handlebars', 'nodemailer', ...web],
      sources: ['csv-parse', 'csv-stringify', 'nodemailer'],
      'poll-sources': ['csv-parse', 'csv-stringify', 'nodemailer', 'hono'],
      // The table, the queues, S3 and the list's reader (the upload is stored as sent): no writer, no pages, no mail.
      'import-subscribers': [...intake, 'csv-stringify', 'hono', 'handlebars', 'nodemailer', ...web],
    };
    for (const bundle of bundles) {
      const carried = packagesIn(bundle);
      expect({ [bundle.name]: unused[bundle.name]!.filter((name) => carried.has(name)) }).toEqual({
        [bundle.name]: [],
      });
      // Each email's text part has its own template; the stopword lists are our own data (core/domain/data).
      expect({ [bundle.name]: ['html-to-text', 'stopwords-iso'].filter((name) => carried.has(name)) }).toEqual({
        [bundle.name]: [],
      });
    }
    // The admin function does ingest pages and mail test sends: the lists above name packages it really bundles.
    expect([...packagesIn(bundles.find((bundle) => bundle.name === 'admin')!)]).toEqual(
      expect.arrayContaining([...adminOnly, 'hono', 'nodemailer']),
    );
  });

  it('delivery-feedback suppresses the address of a hard bounce that SES published over SNS', async () => {
    const reader = uniqueAddress('bounced');
    await test.mujaz.importSubscribers([{ line: 2, email: reader, confirmedAt: '2025-01-01T00:00:00Z' }]);
    const bounce = JSON.parse(
      readFileSync(join(__dirname, '..', 'fixtures', 'ses-events', 'bounce-permanent.json'), 'utf8'),
    ) as { bounce: { bouncedRecipients: Array<{ emailAddress: string }> } };
    bounce.bounce.bouncedRecipients[0]!.emailAddress = reader;
    const sns = (message: string) => ({ Records: [{ EventSource: 'aws:sns', Sns: { Message: message } }] });
    expect(await invoke('delivery-feedback', sns(JSON.stringify(bounce)))).toEqual({ suppressed: 1, dropped: 0 });
    expect(await invoke('delivery-feedback', sns('not json'))).toEqual({ suppressed: 0, dropped: 1 });
    const confirmed = [];
    for await (const subscriber of test.mujaz.confirmedSubscribers()) confirmed.push(subscriber.email);
    expect(confirmed).not.toContain(reader);
  }, 30_000);

  it('traces an invocation in Lambda: a subsegment for it, annotated, and one for each AWS call it made', async () => {
    const reader = uniqueAddress('traced');
    await test.mujaz.importSubscribers([{ line: 2, email: reader, confirmedAt: '2025-01-01T00:00:00Z' }]);
    const complaint = JSON.parse(
      readFileSync(join(__dirname, '..', 'fixtures', 'ses-events', 'complaint.json'), 'utf8'),
    ) as { complaint: { complainedRecipients: Array<{ emailAddress: string }> } };
    complaint.complaint.complainedRecipients[0]!.emailAddress = reader;
    // The X-Ray daemon Lambda runs: the SDK sends it each closed (sub)segment as a UDP datagram.
    const daemon = createSocket('udp4');
    const documents: Array<Record<string, unknown>> = [];
    daemon.on('message', (datagram) => documents.push(JSON.parse(datagram.toString().split('\n')[1]!)));
    await new Promise<void>((resolve) => daemon.bind(0, '127.0.0.1', resolve));
    try {
      const traceId = '1-5759e988-bd862e3fe1be46a994272793';
      const { result } = await invokeWithOutput(
        'delivery-feedback',
        { Records: [{ EventSource: 'aws:sns', Sns: { Message: JSON.stringify(complaint) } }] },
        {
          // What Lambda sets, and Powertools and the X-Ray SDK look for.
          AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
          AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
          LAMBDA_TASK_ROOT: outDir,
          _X_AMZN_TRACE_ID: `Root=${traceId};Parent=53995c3f42cd8ad8;Sampled=1`,
          AWS_XRAY_DAEMON_ADDRESS: `127.0.0.1:${daemon.address().port}`,
        },
      );
      expect(result).toEqual({ suppressed: 1, dropped: 0 });
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      daemon.close();
    }
    const invocation = documents.find((document) => document.name === '## mujaz-delivery-feedback');
    expect(invocation).toMatchObject({
      trace_id: '1-5759e988-bd862e3fe1be46a994272793',
      annotations: { ColdStart: true, Service: 'mujaz-delivery-feedback' },
    });
    const calls = documents.filter((document) => document.parent_id === invocation!.id);
    expect(calls.length).toBeGreaterThan(0);
    // The suppression and its counters are one transaction, which names no one table: X-Ray records its operation.
    const operationOf = (call: Record<string, unknown>) => (call.aws as { operation?: string }).operation;
    expect(calls.map(operationOf)).toContain('TransactWriteItems');
    for (const call of calls)
      expect(call).toMatchObject(
        operationOf(call) === 'TransactWriteItems'
          ? { namespace: 'aws' }
          : { namespace: 'aws', aws: { table_name: test.tableName } },
      );
  }, 30_000);

  it('send-digest, invoked as by the schedule, queues every confirmed reader; deliver-digest sends each one', async () => {
    const reader = uniqueAddress('bundle');
    await test.mujaz.ingestReport({
      title: 'A report for the bundle',
      body: 'First sentence of the body. Second sentence of the body. Third one here. Fourth one.',
      language: 'en',
    });
    await test.mujaz.subscribe(reader, { via: 'api' });
    const [confirmation] = await emailsTo(localServices().sesEndpoint, reader);
    const token = new URL(
      /href="([^"]+confirm[^"]+)"/u.exec(confirmation!.body.html!)![1]!.replace(/&amp;/gu, '&'),
    ).searchParams.get('token')!;
    await test.mujaz.confirmSubscription(token);

    expect(await invoke('send-digest', {})).toMatchObject({ status: 'queued', edition: '1', recipients: 1 });
    expect(await invoke('send-digest', {})).toMatchObject({ status: 'no-reports', recipients: 0 });
    // The watch a day later only looks: the send finished, and nothing more is queued.
    expect(await invoke('send-digest', { watch: true })).toMatchObject({ overdue: false });
    // The event's period by the one instant rule: a day alone, which Date.parse would take as midnight UTC, is refused.
    await expect(invoke('send-digest', { from: '2026-11-01' })).rejects.toThrow(/`from` is not a date and time/u);
    const { Messages = [] } = await test.clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: test.queues.queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        AttributeNames: ['All'],
        MessageSystemAttributeNames: ['All'],
      }),
    );
    expect(Messages).toHaveLength(1);
    const event = toSqsEvent(Messages, test.queues.queueUrl);
    const delivered = await invokeWithOutput('deliver-digest', event);
    expect(delivered.result).toEqual({ batchItemFailures: [] });
    // What CloudWatch turns into the DigestsSent metric of the Mujaz namespace, for this function.
    expect(emfLines(delivered.lines)).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({
          CloudWatchMetrics: [
            { Namespace: 'Mujaz', Dimensions: [['service']], Metrics: [{ Name: 'DigestsSent', Unit: 'Count' }] },
          ],
        }),
        service: 'mujaz-deliver-digest',
        DigestsSent: 1,
      }),
    ]);
    // The same turn again, as SQS may hand it out: nothing is sent twice, and nothing counted.
    const repeated = await invokeWithOutput('deliver-digest', event);
    expect(repeated.result).toEqual({ batchItemFailures: [] });
    expect(emfLines(repeated.lines)).toEqual([]);
    expect((await test.mujaz.digestProgress('1')).counts).toMatchObject({ recipients: 1, sent: 1, pending: 0 });
    const received = await emailsTo(localServices().sesEndpoint, reader);
    expect(received.filter((email) => email.body.html?.includes('A report for the bundle'))).toHaveLength(1);
    // The edition's web page, from the API bundle, which carries no HTML-to-text converter.
    const page = (await invoke('api', httpEvent('GET', '/archive/1', undefined, { accept: 'text/html' }))) as {
      statusCode: number;
      body: string;
    };
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A report for the bundle');
  }, 60_000);

  it('api and admin answer API Gateway events: 4xx JSON for bad input, 401 for anonymous admin calls', async () => {
    expect(await invoke('api', httpEvent('GET', '/health'))).toMatchObject({
      statusCode: 200,
      body: '{"status":"ok"}',
    });

    const badEmail = (await invoke('api', httpEvent('POST', '/subscriptions', { email: 'not-an-address' }))) as {
      statusCode: number;
      body: string;
    };
    expect(badEmail.statusCode).toBe(400);
    expect(JSON.parse(badEmail.body)).toMatchObject({
      error: { code: 'invalid_input', problems: [{ field: 'email' }] },
    });

    // The operator's routes are the admin function's: the API function knows none of them.
    expect(await invoke('api', httpEvent('POST', '/digests', { mode: 'preview' }))).toMatchObject({ statusCode: 404 });
    expect(await invoke('admin', httpEvent('POST', '/digests', { mode: 'preview' }))).toMatchObject({
      statusCode: 401,
    });
    await test.mujaz.ingestReport({
      title: 'A report waiting for the next edition',
      body: 'It came after the last send. The preview shows it. Nothing takes it yet.',
    });
    const preview = (await invoke(
      'admin',
      httpEvent('POST', '/digests', { mode: 'preview' }, { authorization: `Bearer ${ADMIN_TOKEN}` }),
    )) as { statusCode: number; body: string };
    expect(preview.statusCode).toBe(200);
    expect(JSON.parse(preview.body)).toMatchObject({ mode: 'preview', reports: 1, frozen: false });
  }, 30_000);

  it('admin reads an HTML page with the bundled extractor, and answers a rejected report with its reason', async () => {
    const html = readFileSync(join(PROJECT_ROOT, 'test', 'fixtures', 'html', 'english-news-article.html'), 'utf8');
    const page = (await invoke(
      'admin',
      httpEvent('POST', '/reports', html, { 'content-type': 'text/html', authorization: `Bearer ${ADMIN_TOKEN}` }),
    )) as { statusCode: number; body: string };
    expect(page.statusCode).toBe(201);
    expect(JSON.parse(page.body)).toMatchObject({
      created: true,
      report: { title: 'Harbour town bets on tidal power to cut bills', language: 'en' },
    });

    const single = (await invoke(
      'admin',
      httpEvent(
        'POST',
        '/reports',
        { title: 'T', text: 'One sentence only.' },
        { authorization: `Bearer ${ADMIN_TOKEN}` },
      ),
    )) as { statusCode: number; body: string };
    expect(single.statusCode).toBe(400);
    expect(JSON.parse(single.body)).toMatchObject({ error: { code: 'invalid_input', reason: 'single_sentence' } });
  }, 30_000);

  it('keeps class names through minification (keepNames), so error names stay readable in logs', () => {
    const bundle = readFileSync(join(outDir, 'admin', 'index.js'), 'utf8');
    for (const name of ['ReportRejectedError', 'InvalidInputError', 'ReadabilityArticleExtractor'])
      expect(bundle).toContain(`"${name}"`);
  });
});
