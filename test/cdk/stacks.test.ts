// CDK assertions on the synthesized templates (bundling skipped: the bundles have their own test).

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { mujazTable } from '../../lambdas/adapters/dynamo-table-definition';
import { importQueue, importVisibilitySeconds } from '../../lambdas/adapters/import-queue-definition';
import { workQueue } from '../../lambdas/adapters/work-queue-definition';
import { API_ROUTES, apiGatewayPath, servingFunction } from '../../lambdas/http/routes';
import { FUNCTION_ENTRIES } from '../../lib/function-bundles';
import { buildMujaz } from '../../lib/mujaz-app';
import { applyNagChecks } from '../../lib/nag';
import { API_THROTTLE } from '../../lib/service-api';
import { TABLE_ACCESS } from '../../lib/table-access';
import { cdkJson, synthMujaz, testContext } from './mujaz-templates';

let outdir: string;
let data: Template;
let service: Template;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'mujaz-cdk-'));
  const app = new App({ outdir, context: testContext() });
  const { stateful, stateless } = buildMujaz(app);
  data = Template.fromStack(stateful);
  service = Template.fromStack(stateless);
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('MujazData (stateful)', () => {
  it('creates the table from the shared definition: keys, both indexes and TTL', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      KeySchema: [
        { AttributeName: mujazTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: mujazTable.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: mujazTable.indexes.map((index) =>
        Match.objectLike({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        }),
      ),
      TimeToLiveSpecification: { AttributeName: mujazTable.timeToLiveAttribute, Enabled: true },
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('retains the table and both secrets when the stack goes', () => {
    data.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    const secrets = data.findResources('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    expect(Object.keys(secrets)).toHaveLength(2);
  });

  it('retains every resource it holds, the requested certificate too: a kept domain still uses it', () => {
    const withDomain = synthMujaz({ 'mujaz:domainName': 'news.example.com' }).data.toJSON().Resources as Record<
      string,
      { Type: string; DeletionPolicy?: string; UpdateReplacePolicy?: string }
    >;
    const types = Object.values(withDomain).map((resource) => resource.Type);
    expect(types).toEqual(expect.arrayContaining(['AWS::CertificateManager::Certificate', 'AWS::SES::EmailIdentity']));
    for (const [id, resource] of Object.entries(withDomain))
      expect([id, resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual([id, 'Retain', 'Retain']);
  });
});

describe('MujazService (stateless)', () => {
  it('runs every function on Node.js 24, arm64, traced, with the newsletter settings and secret ARNs (never values)', () => {
    const functions = service.findResources('AWS::Lambda::Function', {
      Properties: { Runtime: 'nodejs24.x', TracingConfig: { Mode: 'Active' } },
    });
    expect(Object.keys(functions)).toHaveLength(Object.keys(FUNCTION_ENTRIES).length);
    for (const fn of Object.values(functions)) {
      const properties = (
        fn as { Properties: { Architectures: string[]; Environment: { Variables: Record<string, unknown> } } }
      ).Properties;
      expect(properties.Architectures).toEqual(['arm64']);
      expect(properties.Environment.Variables).toMatchObject({
        MUJAZ_TIME_ZONE: cdkJson.context['mujaz:timeZone'],
        MUJAZ_NEWSLETTER_LANGUAGE: cdkJson.context['mujaz:newsletterLanguage'],
        MUJAZ_FROM_ADDRESS: cdkJson.context['mujaz:fromAddress'],
        MUJAZ_TABLE_NAME: expect.anything(),
        MUJAZ_PUBLIC_BASE_URL: expect.anything(),
        MUJAZ_SES_CONFIGURATION_SET: expect.anything(),
        MUJAZ_DELIVERY_QUEUE_URL: expect.anything(),
        MUJAZ_SUBSCRIPTION_QUEUE_URL: expect.anything(),
        MUJAZ_DELIVERY_TIMEOUT_SECONDS: '60',
      });
      expect(JSON.stringify(properties.Environment.Variables)).not.toMatch(/SecretString|secretsmanager:.*::/u);
    }
  });

  it('gives the admin function the admin secret and the right to start a send', () => {
    service.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          MUJAZ_ADMIN_TOKEN_SECRET_ARN: Match.anyValue(),
          MUJAZ_SEND_DIGEST_FUNCTION_NAME: Match.anyValue(),
        }),
      },
    });
    service.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction', Effect: 'Allow' })]),
      },
    });
    service.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'ses:SendRawEmail', Effect: 'Allow' })]),
      },
    });
  });

  it('sends through a configuration set whose bounces and complaints reach the feedback function over SNS', () => {
    service.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: Match.anyValue() },
      }),
    });
    service.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda' });
    service.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'sns:Publish', Principal: { Service: 'ses.amazonaws.com' } }),
        ]),
      },
    });
    const feedback = service.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('hard bounces or complaints') },
    });
    const [properties] = Object.values(feedback).map(
      (fn) => (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties,
    );
    // It holds no secret: it only reads and writes subscribers.
    expect(properties!.Environment.Variables).not.toHaveProperty('MUJAZ_TOKEN_SECRET_ARN');
  });

  it('fans readers out through an encrypted queue whose turns the deliver function takes ten at a time, with partial batch answers, and a dead-letter queue', () => {
    const queues = service.findResources('AWS::SQS::Queue', {
      Properties: { RedrivePolicy: { maxReceiveCount: workQueue.maxReceiveCount } },
    });
    // Readers' turns, and subscribe requests (their own queue: a big send never holds a confirmation back); and the
    // import steps' queue, whose timings are the import function's (below).
    expect(Object.keys(queues).sort()).toEqual([
      expect.stringMatching(/^Deliveries/u),
      expect.stringMatching(/^ImportSteps/u),
      expect.stringMatching(/^Subscriptions/u),
    ]);
    const workQueues = Object.entries(queues).filter(([id]) => !id.startsWith('ImportSteps'));
    for (const [, queue] of workQueues as Array<[string, { Properties: Record<string, unknown> }]>) {
      // Six times the deliver function's timeout: a turn never comes back while an attempt may still run.
      expect(queue.Properties).toMatchObject({ VisibilityTimeout: 360, SqsManagedSseEnabled: true });
    }
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: workQueue.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: cdkJson.context['mujaz:deliverConcurrency'] },
    });
    service.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('sends one batch of readers'),
      Timeout: 60,
    });
    // The send function and the admin function (retries) queue readers; only the deliver function consumes them.
    const queuers = handlersWith(
      (statement) =>
        [statement.Action].flat().includes('sqs:SendMessage') &&
        /"Deliveries[A-Z0-9]+"/u.test(JSON.stringify(statement.Resource)),
    );
    expect(queuers).toEqual(['admin', 'send-digest']);
  });

  it('has the deliver function mail the confirmations of subscribe requests, which the API and imports queue', () => {
    const mappings = service.findResources('AWS::Lambda::EventSourceMapping');
    const sources = Object.values(mappings).map(
      (mapping) =>
        (mapping as { Properties: { EventSourceArn: { 'Fn::GetAtt': string[] }; FunctionName: { Ref: string } } })
          .Properties,
    );
    const deliverSources = sources.filter((source) => /^DeliverDigestFunction/u.test(source.FunctionName.Ref));
    expect(deliverSources.map((source) => source.EventSourceArn['Fn::GetAtt'][0]).sort()).toEqual([
      expect.stringMatching(/^Deliveries/u),
      expect.stringMatching(/^Subscriptions/u),
    ]);
    // The other mappings are the poll function's and the import function's, each on its own queue.
    expect(
      sources
        .filter((source) => !deliverSources.includes(source))
        .map((source) => source.FunctionName.Ref)
        .sort(),
    ).toEqual([expect.stringMatching(/^ImportSubscribersFunction/u), expect.stringMatching(/^PollSourcesFunction/u)]);
    const queuersOfSubscriptions = handlersWith(
      (statement) =>
        [statement.Action].flat().includes('sqs:SendMessage') &&
        /"Subscriptions[A-Z0-9]+"/u.test(JSON.stringify(statement.Resource)),
    );
    expect(queuersOfSubscriptions).toEqual(['api', 'admin', 'import-subscribers']);
  });

  it('keeps uploaded lists in a private, encrypted, TLS-only bucket that forgets them in days, for the admin and import functions alone', () => {
    service.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'imports/', ExpirationInDays: importQueue.filesExpireDays, Status: 'Enabled' }),
        ]),
      },
    });
    service.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    const s3 = (handler: string) =>
      statementsOf(handler)
        .filter((statement) => [statement.Action].flat().some((action) => action.startsWith('s3:')))
        .map((statement) => ({
          actions: [statement.Action].flat().sort(),
          resource: JSON.stringify(statement.Resource),
        }));
    expect(handlersWith((statement) => [statement.Action].flat().some((action) => action.startsWith('s3:')))).toEqual([
      'admin',
      'import-subscribers',
    ]);
    expect(s3('admin')).toEqual([{ actions: ['s3:PutObject'], resource: expect.stringContaining('/imports/*') }]);
    expect(s3('import-subscribers')).toEqual([
      { actions: ['s3:GetObject', 's3:PutObject'], resource: expect.stringContaining('/imports/*') },
    ]);
  });

  it('runs imports from their own encrypted queue, a step a batch, with partial batch answers and a dead-letter queue', () => {
    const [steps] = Object.entries(service.findResources('AWS::SQS::Queue')).filter(([id]) =>
      id.startsWith('ImportSteps'),
    );
    expect(steps?.[1]).toMatchObject({
      Properties: {
        VisibilityTimeout: importVisibilitySeconds(importQueue.timeoutSeconds),
        SqsManagedSseEnabled: true,
        RedrivePolicy: { maxReceiveCount: importQueue.maxReceiveCount },
      },
    });
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: importQueue.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: importQueue.maxConcurrency },
    });
    expect(functionOf('import-subscribers')).toMatchObject({
      Timeout: importQueue.timeoutSeconds,
      Architectures: ['arm64'],
    });
    // The admin function queues an import's check; the import function its chunks.
    expect(
      handlersWith(
        (statement) =>
          [statement.Action].flat().includes('sqs:SendMessage') &&
          /"ImportSteps[A-Z0-9]+"/u.test(JSON.stringify(statement.Resource)),
      ),
    ).toEqual(['admin', 'import-subscribers']);
  });

  it('routes exactly the app’s paths, each to the function that serves it, with its own throttle', () => {
    service.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    service.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const routeKeys = Object.values(service.findResources('AWS::ApiGatewayV2::Route')).map(
      (route) => (route as { Properties: { RouteKey: string } }).Properties.RouteKey,
    );
    const expectedKeys = API_ROUTES.map((route) => `ANY ${apiGatewayPath(route.path)}`);
    expect(routeKeys.sort()).toEqual([...expectedKeys].sort());
    expect(routeKeys).not.toContain('ANY /{proxy+}');
    // Readers' routes to the API function, the operator's to the admin function, and nothing else to either.
    const integrations = service.findResources('AWS::ApiGatewayV2::Integration') as Record<
      string,
      { Properties: { IntegrationUri: { 'Fn::GetAtt': string[] } } }
    >;
    const routes = Object.values(service.findResources('AWS::ApiGatewayV2::Route')) as Array<{
      Properties: { RouteKey: string; Target: { 'Fn::Join': [string, unknown[]] } };
    }>;
    const servedBy = Object.fromEntries(
      routes.map((route) => {
        const integration = JSON.stringify(route.Properties.Target).match(/"Ref":"(\w+)"/u)![1]!;
        const fn = integrations[integration]!.Properties.IntegrationUri['Fn::GetAtt'][0];
        return [route.Properties.RouteKey, fn];
      }),
    );
    expect(servedBy).toEqual(
      Object.fromEntries(
        API_ROUTES.map((route) => [`ANY ${apiGatewayPath(route.path)}`, functionOf(servingFunction(route)).logicalId]),
      ),
    );
    expect(servedBy['ANY /reports']).toBe(functionOf('admin').logicalId);
    expect(servedBy['ANY /subscriptions']).toBe(functionOf('api').logicalId);
    expect(servedBy['ANY /sources/{id}/poll']).toBe(functionOf('sources').logicalId);
    const [stage] = Object.values(service.findResources('AWS::ApiGatewayV2::Stage')) as Array<{
      Properties: { RouteSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> };
    }>;
    expect(Object.keys(stage!.Properties.RouteSettings).sort()).toEqual([...expectedKeys].sort());
    // Written out: the subscribe form and the admin routes take the fewest; a change here is a reviewer's to see.
    expect(stage!.Properties.RouteSettings['ANY /subscriptions']).toEqual({
      ThrottlingRateLimit: 5,
      ThrottlingBurstLimit: 10,
    });
    expect(stage!.Properties.RouteSettings['ANY /digests']).toEqual({
      ThrottlingRateLimit: 5,
      ThrottlingBurstLimit: 10,
    });
    expect(stage!.Properties.RouteSettings['ANY /unsubscribe']).toEqual({
      ThrottlingRateLimit: 20,
      ThrottlingBurstLimit: 50,
    });
    for (const settings of Object.values(stage!.Properties.RouteSettings))
      expect(settings.ThrottlingRateLimit).toBeLessThanOrEqual(API_THROTTLE.rateLimit);
  });

  it('throttles the API as a whole and writes access logs that leave the query string (and its tokens) out', () => {
    const stages = Object.values(service.findResources('AWS::ApiGatewayV2::Stage')) as Array<{
      Properties: {
        StageName: string;
        AutoDeploy: boolean;
        DefaultRouteSettings: { ThrottlingRateLimit: number; ThrottlingBurstLimit: number };
        AccessLogSettings: { DestinationArn: unknown; Format: string };
      };
    }>;
    expect(stages).toHaveLength(1);
    const [stage] = stages;
    expect(stage!.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: API_THROTTLE.rateLimit,
        ThrottlingBurstLimit: API_THROTTLE.burstLimit,
      },
    });
    expect(JSON.stringify(stage!.Properties.AccessLogSettings.DestinationArn)).toMatch(/ApiAccessLogs/u);
    const format = JSON.parse(stage!.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({ requestId: '$context.requestId', path: '$context.path', status: '$context.status' });
    expect(JSON.stringify(format)).not.toMatch(/querystring|requestOverride|\$request\./iu);
  });

  it('watches each send 23 hours later, in the same time zone, through the send function', () => {
    const schedules = (
      Object.values(service.findResources('AWS::Scheduler::Schedule')) as Array<{
        Properties: {
          ScheduleExpression: string;
          ScheduleExpressionTimezone: string;
          Target: { Arn: unknown; Input: string };
        };
      }>
    ).filter(
      (schedule) => !JSON.stringify(schedule.Properties.Target.Arn).includes(functionOf('find-due-sources').logicalId),
    );
    expect(
      schedules.map((schedule) => [schedule.Properties.ScheduleExpression, schedule.Properties.Target.Input]).sort(),
    ).toEqual([
      ['cron(0 16 ? * FRI *)', '{"watch":true}'],
      ['cron(0 17 ? * THU *)', '{}'],
    ]);
    for (const schedule of schedules) {
      expect(schedule.Properties.ScheduleExpressionTimezone).toBe(cdkJson.context['mujaz:timeZone']);
      expect(JSON.stringify(schedule.Properties.Target.Arn)).toContain(functionOf('send-digest').logicalId);
    }
  });

  it('runs the finder of due sources every mujaz:feedPollMinutes (15 by default), with retries and a dead-letter queue', () => {
    const finder = (context: Record<string, unknown>) =>
      (
        Object.values(synthMujaz(context).service.findResources('AWS::Scheduler::Schedule')) as Array<{
          Properties: { ScheduleExpression: string; Target: { Arn: unknown; RetryPolicy: unknown } };
        }>
      ).filter((schedule) => JSON.stringify(schedule.Properties.Target.Arn).includes('FindDueSourcesFunction'));
    const [standard] = finder({});
    expect(standard!.Properties.ScheduleExpression).toBe('rate(15 minutes)');
    expect(standard!.Properties.Target.RetryPolicy).toMatchObject({ MaximumRetryAttempts: 2 });
    expect(finder({ 'mujaz:feedPollMinutes': '5' })[0]!.Properties.ScheduleExpression).toBe('rate(5 minutes)');
    expect(() => finder({ 'mujaz:feedPollMinutes': '0' })).toThrow(/feedPollMinutes/u);
  });

  it('polls sources from an encrypted FIFO queue, one per invocation, its FIFO dead-letter queue after 3 tries', () => {
    const queues = service.findResources('AWS::SQS::Queue') as Record<
      string,
      {
        Properties: {
          FifoQueue?: boolean;
          RedrivePolicy?: { maxReceiveCount: number };
          SqsManagedSseEnabled?: boolean;
        };
      }
    >;
    const polls = Object.entries(queues).find(([id]) => id.startsWith('SourcePolls'))![1].Properties;
    expect(polls).toMatchObject({ FifoQueue: true, SqsManagedSseEnabled: true, RedrivePolicy: { maxReceiveCount: 3 } });
    expect(Object.entries(queues).find(([id]) => id.startsWith('SourcePollDeadLetters'))![1].Properties).toMatchObject({
      FifoQueue: true,
      SqsManagedSseEnabled: true,
    });
    service.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: functionOf('poll-sources').logicalId },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    expect(functionOf('poll-sources').Timeout).toBe(300);
    // Only the sources function and the finder queue polls.
    const queuers = handlersWith(
      (statement) =>
        [statement.Action].flat().includes('sqs:SendMessage') &&
        /"SourcePolls[A-Z0-9]+"/u.test(JSON.stringify(statement.Resource)),
    );
    expect(queuers.sort()).toEqual(['find-due-sources', 'sources']);
  });

  it('never lets the fetcher past its address guard in AWS: no function is given MUJAZ_FETCH_ALLOW', () => {
    for (const fn of Object.values(service.findResources('AWS::Lambda::Function')))
      expect(JSON.stringify(fn)).not.toContain('MUJAZ_FETCH_ALLOW');
  });

  it('schedules the weekly send with the cron and time zone from cdk.json, retries and a dead-letter queue', () => {
    service.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: cdkJson.context['mujaz:digestSchedule'],
      ScheduleExpressionTimezone: cdkJson.context['mujaz:timeZone'],
      Target: Match.objectLike({
        Input: '{}',
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
        DeadLetterConfig: Match.objectLike({ Arn: Match.anyValue() }),
      }),
    });
  });
});

describe('what a replacement would hurt', () => {
  it('keeps the logical IDs of the API, its stage, the queues, their event source mappings and the topics', () => {
    // A changed logical ID is a new resource: a new execute-api URL, which links already mailed point to; new queues
    // without the turns waiting in the old ones; a second mapping of the same queue, which Lambda refuses.
    const kept = [
      'AWS::ApiGatewayV2::Api',
      'AWS::ApiGatewayV2::Stage',
      'AWS::SQS::Queue',
      'AWS::Lambda::EventSourceMapping',
      'AWS::SNS::Topic',
      'AWS::SES::ConfigurationSet',
    ];
    const ids = Object.entries(service.toJSON().Resources as Record<string, { Type: string }>)
      .filter(([, resource]) => kept.includes(resource.Type))
      .map(([id]) => id);
    expect(ids.sort()).toEqual(
      [
        'HttpApiF5A9A8A7',
        'HttpApiDefaultStage3EEB07D6',
        'DeliveriesBF2F7293',
        'DeliveryDeadLettersB0889D5D',
        'Subscriptions1F71F6D8',
        'SubscriptionDeadLettersF76316D5',
        'SendRequestDeadLetters5AB90760',
        'FeedbackDeadLetters07994F3B',
        'ScheduleDeadLetters0406ECBC',
        'SourcePolls3F2A0626',
        'SourcePollDeadLetters6A00D511',
        'SourceFinderDeadLetters7A943743',
        'ImportStepsFAEAF1D3',
        'ImportDeadLetters00789C42',
        'ImportSubscribersFunctionSqsEventSourceMujazServiceImportSteps06333A87CFB978D9',
        'PollSourcesFunctionSqsEventSourceMujazServiceSourcePolls1927C223CFA7E4DA',
        'DeliverDigestFunctionSqsEventSourceMujazServiceDeliveries0BF0CCE153434480',
        'DeliverDigestFunctionSqsEventSourceMujazServiceSubscriptionsE3C0669217C4EAF4',
        'DeliveryFeedbackTopic1834D5DB',
        'MonitoringAlarmTopicAF62D4F1',
        'SendingF3DBE6DB',
      ].sort(),
    );
  });
});

describe('context validation', () => {
  it('refuses a missing setting or an unknown time zone with a message naming it', () => {
    const synth = (context: Record<string, unknown>) => () =>
      buildMujaz(new App({ outdir, context: testContext(context) }));
    expect(synth({ 'mujaz:fromAddress': '' })).toThrow(/mujaz:fromAddress/u);
    expect(synth({ 'mujaz:fromAddress': 'موجز' })).toThrow(/names no sender address/u);
    expect(synth({ 'mujaz:fromAddress': 'موجز <digest>' })).toThrow(/names no sender address/u);
    expect(synth({ 'mujaz:timeZone': 'Mars/Olympus' })).toThrow(/Mars\/Olympus/u);
    expect(synth({ 'mujaz:newsletterLanguage': 'fr' })).toThrow(/newsletterLanguage/u);
    expect(synth({ 'mujaz:deliverConcurrency': 1 })).toThrow(/deliverConcurrency/u);
    expect(synth({ 'mujaz:deliverConcurrency': 'many' })).toThrow(/deliverConcurrency/u);
    expect(synth({ 'mujaz:domainName': 'https://news.example.com' })).toThrow(/mujaz:domainName.*host name/u);
    expect(synth({ 'mujaz:certificateArn': 'arn:aws:acm:x' })).toThrow(/needs "mujaz:domainName"/u);
    expect(synth({ 'mujaz:domainName': 'news.example.com', 'mujaz:certificateArn': 'cert' })).toThrow(
      /mujaz:certificateArn/u,
    );
  });
});

describe('the sending domain and the public domain', () => {
  const synthWith = (context: Record<string, unknown>) => {
    const app = new App({ outdir, context: testContext(context) });
    const stacks = buildMujaz(app);
    return { data: Template.fromStack(stacks.stateful), service: Template.fromStack(stacks.stateless) };
  };
  const baseUrls = (template: Template) =>
    Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn) =>
        (fn as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables
          .MUJAZ_PUBLIC_BASE_URL,
    );

  it('verifies the From address’s domain in SES, with 2048-bit Easy DKIM and a MAIL FROM subdomain, kept forever', () => {
    data.hasResource('AWS::SES::EmailIdentity', {
      Properties: {
        EmailIdentity: 'example.com',
        DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
        MailFromAttributes: { MailFromDomain: 'bounce.example.com', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
      },
      DeletionPolicy: 'Retain',
    });
    for (const index of [1, 2, 3]) data.hasOutput(`DkimRecord${index}`, {});
    expect(synthWith({ 'mujaz:verifyEmailDomain': false }).data.findResources('AWS::SES::EmailIdentity')).toEqual({});
  });

  it('without a custom domain, builds links from the API’s own URL', () => {
    for (const url of baseUrls(service)) expect(JSON.stringify(url)).toMatch(/"HttpApi\w+","ApiEndpoint"/u);
    data.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
  });

  it('with one, requests its certificate, keeps the domain with the data, maps the API to it and builds links from it', () => {
    const withDomain = synthWith({ 'mujaz:domainName': 'news.example.com' });
    withDomain.data.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'news.example.com',
      ValidationMethod: 'DNS',
    });
    withDomain.data.hasResource('AWS::ApiGatewayV2::DomainName', {
      Properties: { DomainName: 'news.example.com' },
      DeletionPolicy: 'Retain',
    });
    withDomain.data.hasOutput('PublicDomainTarget', {});
    withDomain.service.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    const urls = baseUrls(withDomain.service).map((url) => JSON.stringify(url));
    expect(urls).toHaveLength(Object.keys(FUNCTION_ENTRIES).length);
    for (const url of urls) {
      expect(url).toMatch(/^\{"Fn::Join":\["",\["https:\/\/",/u);
      expect(url).toMatch(/PublicDomain/u);
      expect(url).not.toMatch(/execute-api|HttpApi/u);
    }
  });

  it('uses a given certificate instead of requesting one', () => {
    const arn = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
    const withCertificate = synthWith({ 'mujaz:domainName': 'news.example.com', 'mujaz:certificateArn': arn });
    withCertificate.data.resourceCountIs('AWS::CertificateManager::Certificate', 0);
    withCertificate.data.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: arn })],
    });
  });
});

type Statement = { Action: string | string[]; Resource: unknown; Effect: string; Condition?: unknown };

/** The function whose service name is `mujaz-<handler>`: its logical id and properties. */
function functionOf(handler: string) {
  const functions = service.findResources('AWS::Lambda::Function', {
    Properties: { Environment: { Variables: Match.objectLike({ POWERTOOLS_SERVICE_NAME: `mujaz-${handler}` }) } },
  });
  const [found] = Object.entries(functions) as Array<
    [string, { Properties: { Role: { 'Fn::GetAtt': string[] }; Timeout: number } }]
  >;
  const [logicalId, fn] = found!;
  return { logicalId, ...fn.Properties };
}

const HANDLERS = Object.keys(FUNCTION_ENTRIES) as Array<keyof typeof FUNCTION_ENTRIES>;

/** The functions whose role has a statement like that, in HANDLERS' order. */
function handlersWith(matches: (statement: Statement) => boolean): string[] {
  return HANDLERS.filter((handler) => statementsOf(handler).some(matches));
}

/** Every statement of that function's role. */
function statementsOf(handler: string): Statement[] {
  const role = functionOf(handler).Role['Fn::GetAtt'][0];
  const policies = Object.values(service.findResources('AWS::IAM::Policy')) as Array<{
    Properties: { Roles: Array<{ Ref: string }>; PolicyDocument: { Statement: Statement[] } };
  }>;
  return policies
    .filter((policy) => policy.Properties.Roles.some((ref) => ref.Ref === role))
    .flatMap((policy) => policy.Properties.PolicyDocument.Statement);
}

describe('least privilege on the table', () => {
  const onTable = (statements: Statement[]) =>
    statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('dynamodb:')));
  /** The index a resource names ('' for the table itself), read from the synthesized Fn::Join. */
  const indexOf = (resource: unknown) => /\/index\/(\w+)"/u.exec(JSON.stringify(resource))?.[1] ?? '';

  // Written out, not read from TABLE_ACCESS: widening a role takes a change here too, for a reviewer to see.
  const expected: Record<string, { actions: string[]; indexes: string[] }> = {
    api: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query', 'BatchGetItem'], indexes: ['gsi2'] },
    // DeleteItem: a console sign-in link used once (a conditional delete), a session ended by sign-out.
    admin: {
      actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'BatchGetItem'],
      indexes: ['gsi1', 'gsi2'],
    },
    'send-digest': { actions: ['GetItem', 'PutItem', 'UpdateItem', 'Query'], indexes: ['gsi1'] },
    'deliver-digest': { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'], indexes: [] },
    'delivery-feedback': { actions: ['GetItem', 'PutItem', 'UpdateItem'], indexes: [] },
    sources: { actions: ['GetItem', 'PutItem', 'DeleteItem', 'Query'], indexes: ['gsi2'] },
    'find-due-sources': { actions: ['Query'], indexes: ['gsi1'] },
    'poll-sources': { actions: ['GetItem', 'PutItem', 'DeleteItem', 'BatchGetItem'], indexes: [] },
    'import-subscribers': { actions: ['GetItem', 'PutItem', 'UpdateItem', 'BatchGetItem'], indexes: [] },
  };

  it('covers every function', () => {
    expect(Object.keys(expected).sort()).toEqual(Object.keys(TABLE_ACCESS).sort());
  });

  it.each(Object.entries(expected))(
    'gives %s exactly the DynamoDB actions its code calls, on the table and the indexes it queries',
    (handler, access) => {
      const statements = onTable(statementsOf(handler));
      expect(statements).toHaveLength(1);
      const [statement] = statements;
      expect(statement!.Effect).toBe('Allow');
      expect([statement!.Action].flat().sort()).toEqual(access.actions.map((action) => `dynamodb:${action}`).sort());
      const resources = [statement!.Resource].flat();
      expect(resources.map(indexOf).sort()).toEqual(['', ...access.indexes].sort());
      // Every resource is this table (imported from the data stack), never a wildcard.
      for (const resource of resources) {
        expect(JSON.stringify(resource)).toMatch(/OutputFnGetAttTable[A-Za-z0-9]*Arn/u);
        expect(JSON.stringify(resource)).not.toMatch(/\*/u);
      }
    },
  );

  it('never grants a wildcard action, Scan, BatchWriteItem, or a stream or table-management action', () => {
    const actions = Object.keys(TABLE_ACCESS).flatMap((handler) =>
      onTable(statementsOf(handler)).flatMap((statement) => [statement.Action].flat()),
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(action).toMatch(/^dynamodb:(GetItem|PutItem|UpdateItem|DeleteItem|Query|BatchGetItem)$/u);
    }
    // Only the deliver function releases a claim; only the API reads editions in batches for the archive.
    expect(onTable(statementsOf('api')).flatMap((statement) => [statement.Action].flat())).not.toContain(
      'dynamodb:DeleteItem',
    );
  });
});

describe('least privilege beyond the table, and what the reviewer’s mutations would change', () => {
  const withAction = (handler: string, prefix: string) =>
    statementsOf(handler).filter((statement) => [statement.Action].flat().some((action) => action.startsWith(prefix)));
  const handlers = HANDLERS;

  it('lets only the admin and deliver functions mail, as the newsletter’s address, through its configuration set', () => {
    for (const handler of handlers) {
      const ses = withAction(handler, 'ses:SendRawEmail');
      if (handler !== 'admin' && handler !== 'deliver-digest') {
        expect(ses).toEqual([]);
        continue;
      }
      expect(ses).toHaveLength(1);
      const text = JSON.stringify(ses[0]!.Resource);
      expect(text).not.toMatch(/\*/u);
      expect(text).toContain(':identity/digest@example.com');
      expect(text).toContain(':identity/example.com');
      expect(text).toMatch(/:configuration-set\/",\{"Ref":"Sending/u);
      expect(ses[0]!.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'digest@example.com' } });
    }
  });

  it('gives each function the secrets it reads and no other, never a wildcard', () => {
    const secretsOf = (handler: string) =>
      withAction(handler, 'secretsmanager:').flatMap((statement) => {
        expect([statement.Action].flat().sort()).toEqual([
          'secretsmanager:DescribeSecret',
          'secretsmanager:GetSecretValue',
        ]);
        expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"/u);
        return [...JSON.stringify(statement.Resource).matchAll(/OutputRef(\w+?Secret)[A-F0-9]/gu)].map(
          (match) => match[1],
        );
      });
    // The public function holds no admin token: the operator's routes are not in it.
    expect(secretsOf('api')).toEqual(['TokenSigningSecret']);
    expect(secretsOf('admin').sort()).toEqual(['AdminTokenSecret', 'TokenSigningSecret']);
    // It signs no link and mails nobody.
    expect(secretsOf('send-digest')).toEqual([]);
    expect(secretsOf('deliver-digest')).toEqual(['TokenSigningSecret']);
    expect(secretsOf('delivery-feedback')).toEqual([]);
    // The source routes are the operator's: the admin token, and no link to sign.
    expect(secretsOf('sources')).toEqual(['AdminTokenSecret']);
    expect(secretsOf('find-due-sources')).toEqual([]);
    expect(secretsOf('poll-sources')).toEqual([]);
  });

  it('lets the admin function invoke the send function and nothing else, and nobody else invoke anything', () => {
    const invoke = withAction('admin', 'lambda:');
    expect(invoke).toHaveLength(1);
    expect(JSON.stringify(invoke[0]!.Resource)).toContain(functionOf('send-digest').logicalId);
    for (const handler of handlers.filter((name) => name !== 'admin'))
      expect(withAction(handler, 'lambda:')).toEqual([]);
  });

  it('grants no action on every resource but the two SES and X-Ray ones that take no other', () => {
    for (const handler of handlers) {
      for (const statement of statementsOf(handler)) {
        if (JSON.stringify(statement.Resource) !== '"*"') continue;
        for (const action of [statement.Action].flat())
          expect(['ses:GetSendQuota', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments']).toContain(action);
      }
    }
  });

  it('gives the send function its quarter of an hour, and the schedule invokes the send function', () => {
    expect(functionOf('send-digest').Timeout).toBe(900);
    expect(functionOf('api').Timeout).toBe(29);
    expect(functionOf('admin').Timeout).toBe(29);
    const [schedule] = service.toJSON().Resources
      ? (Object.values(
          service.findResources('AWS::Scheduler::Schedule', { Properties: { Target: { Input: '{}' } } }),
        ) as Array<{ Properties: { Target: { Arn: unknown } } }>)
      : [];
    expect(JSON.stringify(schedule!.Properties.Target.Arn)).toContain(functionOf('send-digest').logicalId);
  });

  it('keeps point-in-time recovery and deletion protection on the table', () => {
    data.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: [
        Match.objectLike({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
  });
});

describe('alarms', () => {
  type Alarm = {
    Properties: {
      AlarmActions: Array<{ Ref: string }>;
      MetricName: string;
      Namespace: string;
      Threshold: number;
      ComparisonOperator: string;
      Dimensions?: Array<{ Name: string; Value: unknown }>;
    };
  };
  /** Each alarm by its construct id (the logical id without the Monitoring prefix and the hash). */
  const alarms = () =>
    (Object.entries(service.findResources('AWS::CloudWatch::Alarm')) as Array<[string, Alarm]>).map(
      ([id, alarm]) => [id.replace(/^Monitoring/u, ''), alarm] as [string, Alarm],
    );

  it('lets CloudWatch publish to the alarm topic, for this account’s alarms only, over TLS only', () => {
    const policies = Object.values(service.findResources('AWS::SNS::TopicPolicy')).map(
      (policy) =>
        (policy as { Properties: { Topics: Array<{ Ref: string }>; PolicyDocument: { Statement: unknown[] } } })
          .Properties,
    );
    const alarmTopic = policies.filter((policy) =>
      policy.Topics.some((topic) => /^MonitoringAlarmTopic/u.test(topic.Ref)),
    );
    expect(alarmTopic).toHaveLength(1);
    const topicRef = { Ref: alarmTopic[0]!.Topics[0]!.Ref };
    const statements = alarmTopic[0]!.PolicyDocument.Statement as Array<Record<string, unknown>>;
    // The policy replaces SNS's default one: without this Allow, no alarm reaches anyone.
    expect(statements.filter((statement) => statement.Effect === 'Allow')).toEqual([
      {
        Sid: 'CloudWatchAlarmsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: topicRef,
        Condition: {
          StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
          ArnLike: {
            'aws:SourceArn': {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':cloudwatch:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':alarm:*',
                ],
              ],
            },
          },
        },
      },
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: 'sns:Publish',
        Resource: topicRef,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  it('tells one SNS topic about every failure an operator must act on, from the first one', () => {
    const found = alarms();
    expect(found.map(([id]) => id.replace(/[A-F0-9]{8}$/u, '')).sort()).toEqual(
      [
        'AdminErrors',
        'AdminThrottles',
        'Api5xx',
        'ApiErrors',
        'ApiThrottles',
        'DeliverDigestErrors',
        'DeliverDigestThrottles',
        'DeliveryDeadLettersNotEmpty',
        'DeliveryFeedbackErrors',
        'DeliveryFeedbackThrottles',
        'DigestOverdue',
        'FeedbackDeadLettersNotEmpty',
        'SendRequestDeadLettersNotEmpty',
        'ScheduleDeadLettersNotEmpty',
        'SendDigestErrors',
        'SendDigestEventsDropped',
        'SendDigestThrottles',
        'SesBounceRate',
        'SesComplaintRate',
        'SubscriptionDeadLettersNotEmpty',
        'FailingSources',
        'FindDueSourcesErrors',
        'FindDueSourcesThrottles',
        'ImportDeadLettersNotEmpty',
        'ImportSubscribersErrors',
        'ImportSubscribersThrottles',
        'PollSourcesErrors',
        'PollSourcesThrottles',
        'SourceFinderDeadLettersNotEmpty',
        'SourcePollDeadLettersNotEmpty',
        'SourcesErrors',
        'SourcesThrottles',
      ].sort(),
    );
    for (const [id, alarm] of found) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^MonitoringAlarmTopic/u) }]);
      if (id.startsWith('Ses')) continue;
      expect(alarm.Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    }
    service.hasOutput('AlarmTopicArn', {});
  });

  it('watches each dead-letter queue, the functions’ errors and throttles, dropped sends and the API’s 5xx', () => {
    const byId = new Map(alarms().map(([id, alarm]) => [id.replace(/[A-F0-9]{8}$/u, ''), alarm.Properties]));
    expect(byId.get('DeliveryDeadLettersNotEmpty')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
    expect(JSON.stringify(byId.get('SubscriptionDeadLettersNotEmpty')?.Dimensions)).toMatch(/SubscriptionDeadLetters/u);
    expect(byId.get('SendDigestEventsDropped')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'AsyncEventsDropped',
    });
    expect(JSON.stringify(byId.get('SendDigestEventsDropped')?.Dimensions)).toContain(
      functionOf('send-digest').logicalId,
    );
    expect(byId.get('ApiErrors')).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Errors' });
    expect(JSON.stringify(byId.get('ApiErrors')?.Dimensions)).toContain(functionOf('api').logicalId);
    expect(JSON.stringify(byId.get('AdminErrors')?.Dimensions)).toContain(functionOf('admin').logicalId);
    expect(byId.get('Api5xx')).toMatchObject({ Namespace: 'AWS/ApiGateway', MetricName: '5xx' });
    // Where the send function's watch counts it (lambdas/core/domain/metric-names.ts).
    expect(byId.get('DigestOverdue')).toMatchObject({
      Namespace: 'Mujaz',
      MetricName: 'DigestsOverdue',
      Dimensions: [{ Name: 'service', Value: 'mujaz-send-digest' }],
      Statistic: 'Sum',
    });
    expect(byId.get('SesBounceRate')).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.05,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(byId.get('SesComplaintRate')).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.001,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('draws one dashboard of sends, queues, functions and the API, with every alarm, and outputs its address', () => {
    const dashboards = Object.values(service.findResources('AWS::CloudWatch::Dashboard')) as Array<{
      Properties: { DashboardBody: unknown };
    }>;
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const sesEvent of ['Send', 'Delivery', 'Bounce', 'Complaint', 'Reject'])
      expect(body).toContain(`\\"AWS/SES\\",\\"${sesEvent}\\",\\"ses:configuration-set\\"`);
    for (const handler of HANDLERS) expect(body).toContain(functionOf(handler).logicalId);
    expect(body).toMatch(/ApproximateAgeOfOldestMessage/u);
    for (const [metric, service] of [
      ['DigestsSent', 'deliver-digest'],
      ['DigestsFailed', 'deliver-digest'],
      ['DigestsUnknown', 'deliver-digest'],
      ['DigestsThrottled', 'deliver-digest'],
      ['ConfirmationsSent', 'deliver-digest'],
      ['SubscriptionsRequested', 'api'],
      ['SubscriptionsConfirmed', 'api'],
      ['ReportsIngested', 'admin'],
    ])
      expect(body).toContain(`\\"Mujaz\\",\\"${metric}\\",\\"service\\",\\"mujaz-${service}\\"`);
    expect(body).toMatch(/"AWS\/ApiGateway\\",\\"5xx/u);
    // The alarm status widget lists them all.
    for (const [id] of alarms()) expect(body).toContain(`Monitoring${id}`);
    const url = JSON.stringify(service.findOutputs('DashboardUrl'));
    expect(url).toMatch(/console\.aws\.amazon\.com\/cloudwatch\/home\?region=.*#dashboards:name=/u);
    expect(url).toMatch(/MonitoringDashboard/u);
  });

  it('sends through a configuration set with reputation metrics on and TLS required', () => {
    service.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });
});

describe('cdk-nag (AwsSolutions and Serverless packs)', () => {
  let nagApp: App;
  let report: {
    pluginReports: Array<{
      pluginName: string;
      violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }>;
    }>;
  };

  beforeAll(() => {
    const nagOut = mkdtempSync(join(tmpdir(), 'mujaz-nag-'));
    nagApp = new App({ outdir: nagOut, context: testContext() });
    buildMujaz(nagApp);
    // A queue with every fault cdk-nag knows of queues: proof that the packs ran at all.
    new Queue(new Stack(nagApp, 'Canary'), 'Unguarded');
    applyNagChecks(nagApp);
    try {
      nagApp.synth();
    } catch {
      // A finding fails the synth; the report says which, and the test below prints it.
    }
    report = JSON.parse(readFileSync(join(nagOut, 'validation-report.json'), 'utf8'));
    rmSync(nagOut, { recursive: true, force: true });
  });

  it('finds nothing that is not accepted', () => {
    const findings = report.pluginReports.flatMap((plugin) =>
      plugin.violations.flatMap((violation) =>
        violation.violatingConstructs.map((construct) => `${violation.ruleName} at ${construct.constructPath}`),
      ),
    );
    expect(findings.filter((finding) => !finding.includes(' at Canary/'))).toEqual([]);
    expect(findings.sort()).toEqual([
      'AwsSolutions-SQS3 at Canary/Unguarded/Resource',
      'AwsSolutions-SQS4 at Canary/Unguarded/Resource',
      'Serverless-SQSRedrivePolicy at Canary/Unguarded/Resource',
    ]);
  });

  it('accepts only these findings, each on the construct it names, with a reason', () => {
    const accepted: string[] = [];
    for (const construct of nagApp.node.findAll()) {
      for (const entry of construct.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [rule, reason] of Object.entries(entry.data as Record<string, string>)) {
          expect(reason.length).toBeGreaterThan(40);
          accepted.push(
            `${construct.node.path.replace(/^Mujaz\w+\//u, '').replace(/\/Resource$/u, '')} ${rule.replace(/^\w+::/u, '')}`,
          );
        }
      }
    }
    // CDK names a route's construct after its path, with `--` for each `/`.
    const routes = API_ROUTES.map(
      (route) => `HttpApi/ANY--${apiGatewayPath(route.path).slice(1).replaceAll('/', '--')} AwsSolutions-APIG4`,
    );
    const roles = [
      'SendDigest',
      'DeliverDigest',
      'Api',
      'Admin',
      'DeliveryFeedback',
      'Sources',
      'FindDueSources',
      'PollSources',
      'ImportSubscribers',
    ].map((name) => `${name}/Role AwsSolutions-IAM5[Resource::*]`);
    const deadLetters = [
      'DeliveryDeadLetters',
      'SubscriptionDeadLetters',
      'SendRequestDeadLetters',
      'FeedbackDeadLetters',
      'ScheduleDeadLetters',
      'SourcePollDeadLetters',
      'SourceFinderDeadLetters',
      'ImportDeadLetters',
    ].map((queue) => `${queue} Serverless-SQSRedrivePolicy`);
    const importFiles = `<${Object.keys(service.findResources('AWS::S3::Bucket'))[0]}.Arn>/imports/*`;
    expect(accepted.sort()).toEqual(
      [
        'TokenSigningSecret AwsSolutions-SMG4',
        'AdminTokenSecret AwsSolutions-SMG4',
        ...routes,
        ...roles,
        ...deadLetters,
        'ScheduleDeadLetters AwsSolutions-SQS3',
        `ScheduleRole AwsSolutions-IAM5[Resource::<${functionOf('send-digest').logicalId}.Arn>:*]`,
        'DeliverDigest/Function Serverless-LambdaDLQ',
        'DeliverDigest/Function Serverless-LambdaEventSourceMappingDestination',
        'Api/Function Serverless-LambdaDLQ',
        'Admin/Function Serverless-LambdaDLQ',
        'SourceFinderDeadLetters AwsSolutions-SQS3',
        `SourceFinderScheduleRole AwsSolutions-IAM5[Resource::<${functionOf('find-due-sources').logicalId}.Arn>:*]`,
        'Sources/Function Serverless-LambdaDLQ',
        'PollSources/Function Serverless-LambdaDLQ',
        'PollSources/Function Serverless-LambdaEventSourceMappingDestination',
        'ImportFiles AwsSolutions-S1',
        'ImportSubscribers/Function Serverless-LambdaDLQ',
        'ImportSubscribers/Function Serverless-LambdaEventSourceMappingDestination',
        `Admin/Role AwsSolutions-IAM5[Resource::${importFiles}]`,
        `ImportSubscribers/Role AwsSolutions-IAM5[Resource::${importFiles}]`,
      ].sort(),
    );
  });
});

describe('each function writes only to its own log group, keeps failed events, and maps stack traces only when asked', () => {
  it('uses no managed policy, and may write logs only to its own group', () => {
    for (const handler of HANDLERS) {
      const fn = functionOf(handler);
      const role = service.toJSON().Resources[fn.Role['Fn::GetAtt'][0]!] as { Properties: Record<string, unknown> };
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      const logs = statementsOf(handler).filter((statement) =>
        [statement.Action].flat().some((action) => action.startsWith('logs:')),
      );
      expect(logs).toHaveLength(1);
      expect([logs[0]!.Action].flat().sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      const logGroup = (fn as unknown as { LoggingConfig: { LogGroup: { Ref: string } } }).LoggingConfig.LogGroup.Ref;
      expect(logs[0]!.Resource).toEqual({ 'Fn::GetAtt': [logGroup, 'Arn'] });
    }
  });

  it('sends a send request or a bounce that kept failing to a dead-letter queue, not into the void', () => {
    for (const [handler, queue] of [
      ['send-digest', 'SendRequestDeadLetters'],
      ['delivery-feedback', 'FeedbackDeadLetters'],
    ] as const) {
      const fn = functionOf(handler) as unknown as { DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': string[] } } };
      expect(fn.DeadLetterConfig.TargetArn['Fn::GetAtt'][0]).toMatch(new RegExp(`^${queue}`, 'u'));
    }
    service.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FeedbackDeadLetters'), 'Arn'] } },
    });
  });

  it('leaves source maps off at run time unless the context asks for them', () => {
    for (const handler of HANDLERS)
      expect(
        (functionOf(handler) as unknown as { Environment: { Variables: Record<string, string> } }).Environment.Variables
          .NODE_OPTIONS,
      ).toBeUndefined();
    const app = new App({
      outdir,
      context: testContext({ 'mujaz:sourceMapsAtRuntime': true }),
    });
    const withMaps = Template.fromStack(buildMujaz(app).stateless);
    expect(
      Object.keys(
        withMaps.findResources('AWS::Lambda::Function', {
          Properties: { Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } } },
        }),
      ),
    ).toHaveLength(Object.keys(FUNCTION_ENTRIES).length);
  });
});
