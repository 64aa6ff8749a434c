// The Powertools adapters the Lambda functions observe themselves with: metrics written as CloudWatch EMF on stdout
// at the end of each invocation (also one that throws), and a tracer that stays inert outside Lambda.
import { SQSClient } from '@aws-sdk/client-sqs';
import { createAwsClients } from '../../../lambdas/adapters/aws-clients';
import {
  type InvocationContext,
  lambdaMetrics,
  lambdaObservability,
  lambdaTracer,
  observedHandler,
} from '../../../lambdas/composition/lambda-runtime';
import { METRIC_NAMES, METRICS_NAMESPACE } from '../../../lambdas/core/domain/metric-names';

const CONTEXT: InvocationContext = {
  functionName: 'mujaz-deliver-digest',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:mujaz-deliver-digest',
  memoryLimitInMB: '512',
  awsRequestId: 'request-1',
};

interface EmfLine {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> };
  [field: string]: unknown;
}

/** Runs `work` with stdout captured, and answers the EMF lines it wrote (the logger's lines left out). */
async function emfWrittenBy(work: () => Promise<unknown> | unknown): Promise<EmfLine[]> {
  const chunks: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    write.mockRestore();
  }
  return chunks
    .join('')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as EmfLine)
    .filter((line) => line._aws?.CloudWatchMetrics !== undefined);
}

/** The total of a metric in an EMF line: Powertools writes a metric counted several times as an array of values. */
const total = (line: EmfLine, name: string) =>
  [line[name]].flat().reduce((sum: number, value) => sum + Number(value), 0);

describe('lambdaMetrics', () => {
  it('writes what was counted as one EMF line, in the Mujaz namespace with the service as dimension', async () => {
    const metrics = lambdaMetrics('mujaz-deliver-digest');
    const [line, ...more] = await emfWrittenBy(() => {
      metrics.count(METRIC_NAMES.digestsSent);
      metrics.count(METRIC_NAMES.digestsSent);
      metrics.count(METRIC_NAMES.digestsThrottled);
      metrics.publish();
    });
    expect(more).toEqual([]);
    const [directive] = line!._aws.CloudWatchMetrics;
    expect(directive).toMatchObject({ Namespace: METRICS_NAMESPACE, Dimensions: [['service']] });
    expect(METRICS_NAMESPACE).toBe('Mujaz');
    expect(directive!.Metrics.map((metric) => metric.Name).sort()).toEqual(['DigestsSent', 'DigestsThrottled']);
    expect(line!.service).toBe('mujaz-deliver-digest');
    expect(total(line!, 'DigestsSent')).toBe(2);
    expect(total(line!, 'DigestsThrottled')).toBe(1);
  });

  it('writes nothing, not even a warning, for an invocation that counted nothing', async () => {
    // Powertools warns through a console of its own, on stderr.
    const warnings: string[] = [];
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      warnings.push(String(chunk));
      return true;
    });
    try {
      const metrics = lambdaMetrics('mujaz-api');
      expect(await emfWrittenBy(() => metrics.publish())).toEqual([]);
    } finally {
      stderr.mockRestore();
    }
    expect(warnings).toEqual([]);
  });
});

describe('observedHandler', () => {
  it('publishes what an invocation counted when it ends, also when it throws, and carries nothing over', async () => {
    const observability = lambdaObservability('mujaz-deliver-digest');
    const handler = observedHandler(observability, async (fail: boolean) => {
      observability.metrics.count(fail ? METRIC_NAMES.digestsFailed : METRIC_NAMES.digestsSent);
      if (fail) throw new Error('the invocation failed');
      return 'done';
    });
    const [failed] = await emfWrittenBy(() => expect(handler(true, CONTEXT)).rejects.toThrow('the invocation failed'));
    expect(total(failed!, 'DigestsFailed')).toBe(1);
    const [next] = await emfWrittenBy(async () => expect(await handler(false, CONTEXT)).toBe('done'));
    expect(Object.keys(next!)).not.toContain('DigestsFailed');
    expect(total(next!, 'DigestsSent')).toBe(1);
  });
});

describe('lambdaTracer', () => {
  const environment = { ...process.env };
  afterEach(() => {
    process.env = { ...environment };
  });

  /** Whether the client's calls would be traced: captureAWSv3Client adds this middleware. */
  const traced = (client: SQSClient) => client.middlewareStack.identify().some((name) => name.includes('XRaySDK'));

  it('leaves clients as they are outside Lambda, and when POWERTOOLS_TRACE_ENABLED is false in Lambda', async () => {
    delete process.env.AWS_EXECUTION_ENV;
    const local = lambdaTracer('mujaz-api');
    expect(traced(local.captureClient(new SQSClient({ region: 'eu-west-1' })))).toBe(false);
    expect(await local.traceInvocation(async () => 'ran')).toBe('ran');

    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x';
    process.env.POWERTOOLS_TRACE_ENABLED = 'false';
    const switchedOff = lambdaTracer('mujaz-api');
    expect(traced(switchedOff.captureClient(new SQSClient({ region: 'eu-west-1' })))).toBe(false);
  });

  it('captures clients in Lambda', () => {
    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x';
    delete process.env.POWERTOOLS_TRACE_ENABLED;
    const tracer = lambdaTracer('mujaz-api');
    expect(traced(tracer.captureClient(new SQSClient({ region: 'eu-west-1' })))).toBe(true);
  });

  it('traces DynamoDB and SQS calls, never SES ones, whose errors quote recipients’ addresses', () => {
    process.env.AWS_EXECUTION_ENV = 'AWS_Lambda_nodejs22.x';
    delete process.env.POWERTOOLS_TRACE_ENABLED;
    const clients = createAwsClients({ region: 'eu-west-1', capture: lambdaTracer('mujaz-api').captureClient });
    const tracedStack = (client: { middlewareStack: { identify(): string[] } }) =>
      client.middlewareStack.identify().some((name) => name.includes('XRaySDK'));
    expect(tracedStack(clients.dynamo)).toBe(true);
    expect(tracedStack(clients.sqs)).toBe(true);
    expect(tracedStack(clients.ses)).toBe(false);
  });
});
