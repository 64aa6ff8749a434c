// The environment contract, tested from the CDK side: each synthesized function's environment, its CloudFormation
// references resolved to values of the kind they become at deploy time, is read by the very readers its handler
// calls at cold start — and the deliver timings that come from it keep the order claims need.
import type { Template } from 'aws-cdk-lib/assertions';
import {
  readAdminFunctionConfig,
  readConfig,
  readFeedConfig,
  readImportConfig,
  readLambdaConfig,
  readLambdaRegion,
  readSourcesFunctionConfig,
} from '../../lambdas/composition/config';
import { synthMujaz } from './mujaz-templates';

const REGION = 'eu-west-1';
const ACCOUNT = '111122223333';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Resources = Record<string, Resource>;

/** What a `Ref` to each kind of resource becomes (CloudFormation's documented return values). */
const REFERENCED: Record<string, (logicalId: string, resource: Resource) => string> = {
  'AWS::SQS::Queue': (id) => `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/MujazService-${id}`,
  'AWS::Lambda::Function': (id) => `MujazService-${id}`,
  // A generated bucket name: the stack's name and the logical ID, lower case, with a random suffix.
  'AWS::S3::Bucket': (id) => `mujazservice-${id.toLowerCase()}-1a2b3c4d5e6f`,
  'AWS::SES::ConfigurationSet': (id) => `MujazService-${id}`,
  'AWS::DynamoDB::GlobalTable': (id) => `MujazData-${id}`,
  'AWS::SecretsManager::Secret': (id) => `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:${id}-AbC123`,
  'AWS::ApiGatewayV2::DomainName': (_, resource) => resource.Properties.DomainName as string,
};
const ATTRIBUTES: Record<string, (logicalId: string) => string> = {
  'AWS::ApiGatewayV2::Api.ApiEndpoint': () => `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com`,
};
const PSEUDO: Record<string, string> = { 'AWS::Region': REGION, 'AWS::AccountId': ACCOUNT, 'AWS::Partition': 'aws' };

/** A template value as CloudFormation resolves it; a reference of a kind not listed above fails the test. */
function resolve(value: unknown, own: Resources, data: Resources): string {
  if (typeof value === 'string') return value;
  const intrinsic = value as Record<string, unknown>;
  if ('Ref' in intrinsic) {
    const id = intrinsic.Ref as string;
    if (id in PSEUDO) return PSEUDO[id]!;
    const resource = own[id]!;
    const make = REFERENCED[resource.Type];
    if (!make) throw new Error(`no value for a Ref to ${resource.Type} (${id})`);
    return make(id, resource);
  }
  if ('Fn::GetAtt' in intrinsic) {
    const [id, attribute] = intrinsic['Fn::GetAtt'] as [string, string];
    const make = ATTRIBUTES[`${own[id]!.Type}.${attribute}`];
    if (!make) throw new Error(`no value for ${own[id]!.Type}.${attribute} (${id})`);
    return make(id);
  }
  if ('Fn::Join' in intrinsic) {
    const [separator, parts] = intrinsic['Fn::Join'] as [string, unknown[]];
    return parts.map((part) => resolve(part, own, data)).join(separator);
  }
  if ('Fn::GetStackOutput' in intrinsic) {
    // A weak cross-stack reference: the data stack's output, whose value is a reference there.
    const { OutputName } = intrinsic['Fn::GetStackOutput'] as { OutputName: string };
    return resolve(dataOutputs[OutputName]!.Value, data, data);
  }
  throw new Error(`no value for ${JSON.stringify(value)}`);
}

let dataOutputs: Record<string, { Value: unknown }>;

/** Each function's environment by its handler (POWERTOOLS_SERVICE_NAME `mujaz-<handler>`), with Lambda's own. */
function environments(templates: { data: Template; service: Template }): Record<string, NodeJS.ProcessEnv> {
  const own = templates.service.toJSON().Resources as Resources;
  const data = templates.data.toJSON().Resources as Resources;
  dataOutputs = templates.data.toJSON().Outputs;
  const byHandler: Record<string, NodeJS.ProcessEnv> = {};
  for (const resource of Object.values(own).filter((resource) => resource.Type === 'AWS::Lambda::Function')) {
    const variables = (resource.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    const environment = Object.fromEntries(
      Object.entries(variables).map(([name, value]) => [name, resolve(value, own, data)]),
    );
    byHandler[environment.POWERTOOLS_SERVICE_NAME!.replace(/^mujaz-/u, '')] = { ...environment, AWS_REGION: REGION };
  }
  return byHandler;
}

/** What each handler reads at cold start (lambdas/handlers/*.ts). */
const READERS: Record<string, Array<(env: NodeJS.ProcessEnv) => unknown>> = {
  api: [readConfig, readLambdaConfig],
  admin: [readConfig, readAdminFunctionConfig, readImportConfig],
  'import-subscribers': [readConfig, readImportConfig, readLambdaRegion],
  'send-digest': [readConfig, readLambdaRegion],
  'deliver-digest': [readConfig, readLambdaConfig],
  'delivery-feedback': [readConfig, readLambdaRegion],
  sources: [readConfig, readFeedConfig, readLambdaRegion, readSourcesFunctionConfig],
  'find-due-sources': [readConfig, readFeedConfig, readLambdaRegion],
  'poll-sources': [readConfig, readFeedConfig, readLambdaRegion],
};

describe.each([
  ['with the API’s own URL', {}],
  ['with a public domain', { 'mujaz:domainName': 'news.example.com' }],
])('each function’s synthesized environment, %s', (_, context) => {
  const templates = synthMujaz(context);
  const byHandler = environments(templates);

  it('covers every function', () => {
    expect(Object.keys(byHandler).sort()).toEqual(Object.keys(READERS).sort());
  });

  it.each(Object.keys(READERS))('is read by everything the %s handler reads at cold start', (handler) => {
    for (const read of READERS[handler]!) expect(() => read(byHandler[handler]!)).not.toThrow();
    const config = readConfig(byHandler[handler]!);
    // Values the stack set, not the readers' defaults.
    expect(config).toMatchObject({
      fromAddress: 'موجز <digest@example.com>',
      newsletter: { name: 'موجز', language: 'ar' },
      timeZone: 'Asia/Riyadh',
      deliveryQueueUrl: expect.stringMatching(/\/MujazService-Deliveries/u),
      subscriptionQueueUrl: expect.stringMatching(/\/MujazService-Subscriptions/u),
      tableName: expect.stringMatching(/^MujazData-Table/u),
      sesConfigurationSet: expect.stringMatching(/^MujazService-Sending/u),
    });
    // The console's operators reach the three functions that need them alone: the admin function (sessions, links),
    // the deliver function (it mails the links) and the sources function (sessions of its console pages).
    expect(config.operators).toEqual(
      ['admin', 'deliver-digest', 'sources'].includes(handler) ? ['editor@example.com'] : [],
    );
    expect(config.publicBaseUrl).toBe(
      'mujaz:domainName' in context
        ? 'https://news.example.com'
        : `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com`,
    );
  });

  it('gives the deliver function a claim age that outlasts every attempt, and a queue that returns a turn only once its claim is stale', () => {
    const resources = templates.service.toJSON().Resources as Resources;
    const [deliverId, deliver] = Object.entries(resources).find(
      ([, resource]) =>
        resource.Type === 'AWS::Lambda::Function' &&
        JSON.stringify(resource.Properties.Environment).includes('"mujaz-deliver-digest"'),
    )!;
    const timeoutMs = (deliver.Properties.Timeout as number) * 1_000;
    const staleClaimMs = readConfig(byHandler['deliver-digest']!).staleClaimMs;
    const consumed = Object.values(resources)
      .filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping')
      .filter((mapping) => (mapping.Properties.FunctionName as { Ref: string }).Ref === deliverId)
      .map(
        (mapping) => resources[(mapping.Properties.EventSourceArn as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]!]!,
      );
    expect(consumed).toHaveLength(2);
    for (const queue of consumed) {
      const visibilityMs = (queue.Properties.VisibilityTimeout as number) * 1_000;
      // An attempt runs at most the timeout after its claim: a younger claim may still be sending.
      expect(timeoutMs).toBeLessThanOrEqual(staleClaimMs);
      // A turn whose attempt died comes back a visibility timeout after its receive, at most a timeout before its
      // claim: it must find that claim stale, or it is deferred until the dead-letter queue takes it unsettled.
      expect(staleClaimMs + timeoutMs).toBeLessThanOrEqual(visibilityMs);
    }
  });
});
