// Composition (Lambda only): what every function builds at cold start besides its use cases — secrets, and what
// makes it observable: the logger, business metrics and X-Ray traces (Powertools) — and the one handler shape around
// them (lambdaHandler).
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { MetricUnit, Metrics as PowertoolsMetrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { Context } from 'aws-lambda';
import { readSecretValue } from '../adapters/secrets-manager-secret';
import { METRICS_NAMESPACE } from '../core/domain/metric-names';
import type { Logger } from '../core/ports/logger';
import type { Metrics } from '../core/ports/metrics';
import type { LambdaConfig } from './config';

/** Reads the named secrets at once: `{ tokenSecret: arn }` gives `{ tokenSecret: value }`. */
export async function readSecrets<Name extends string>(
  config: Pick<LambdaConfig, 'region'>,
  secretIds: Record<Name, string>,
): Promise<Record<Name, string>> {
  const client = new SecretsManagerClient({ region: config.region });
  const entries = Object.entries<string>(secretIds);
  const values = await Promise.all(entries.map(([, secretId]) => readSecretValue(client, secretId)));
  return Object.fromEntries(entries.map(([name], index) => [name, values[index]])) as Record<Name, string>;
}

/** The core's Logger on Powertools, which each invocation tells its Lambda context (request id, cold start). */
export interface LambdaLogger extends Logger {
  /** Call first thing in every invocation: each entry after it names the request and whether it was a cold start. */
  forInvocation(context: InvocationContext): void;
}

/** What Powertools reads of an invocation's context (hono/aws-lambda's LambdaContext has it too). */
export type InvocationContext = Pick<
  Context,
  'functionName' | 'functionVersion' | 'invokedFunctionArn' | 'memoryLimitInMB' | 'awsRequestId'
>;

export function lambdaLogger(serviceName: string): LambdaLogger {
  const logger = new PowertoolsLogger({ serviceName });
  return {
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
    // Powertools asks for the whole Context type but reads only these fields.
    forInvocation: (context) => logger.addContext(context as Context),
  };
}

/**
 * The core's Metrics on Powertools: counts kept in memory and written, at the end of each invocation, as one
 * CloudWatch embedded-metric-format (EMF) line on stdout, which CloudWatch Logs turns into metrics — no API call,
 * no extra permission.
 */
export interface LambdaMetrics extends Metrics {
  /** Writes what this invocation counted, if anything, and starts afresh. */
  publish(): void;
}

export function lambdaMetrics(serviceName: string): LambdaMetrics {
  // The namespace from the one list of names, so that the dashboard reads where the functions write.
  const metrics = new PowertoolsMetrics({ namespace: METRICS_NAMESPACE, serviceName });
  return {
    count: (metric) => metrics.addMetric(metric, MetricUnit.Count, 1),
    publish: () => {
      // Powertools warns on every publish with nothing to publish, and most requests count nothing.
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    },
  };
}

/**
 * X-Ray tracing on Powertools Tracer. Inert — clients returned as they are, no segment touched — outside Lambda
 * (Tracer looks for AWS_EXECUTION_ENV) and when POWERTOOLS_TRACE_ENABLED is false: locally and in tests.
 */
export interface LambdaTracer {
  /** The client, each of its calls a subsegment of the invocation's trace. */
  captureClient<Client>(client: Client): Client;
  /** Runs one invocation in a subsegment of its own, annotated with the service and whether it was a cold start. */
  traceInvocation<Result>(run: () => Promise<Result>): Promise<Result>;
}

export function lambdaTracer(serviceName: string): LambdaTracer {
  // Our functions make no HTTP calls but the AWS SDK's, which captureClient traces: leave http and fetch unpatched.
  // The calls a cold start makes before its first invocation (the SES quota) belong to no trace: X-Ray drops them
  // quietly, since Powertools sets AWS_XRAY_CONTEXT_MISSING=IGNORE_ERROR when it is unset.
  const tracer = new Tracer({ serviceName, captureHTTPsRequests: false });
  return {
    captureClient: (client) => tracer.captureAWSv3Client(client),
    traceInvocation: async (run) => {
      const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
      if (!parent) return run();
      const invocation = parent.addNewSubsegment(`## ${serviceName}`);
      tracer.setSegment(invocation);
      tracer.annotateColdStart();
      tracer.addServiceNameAnnotation();
      try {
        return await run();
      } catch (error) {
        // The flag only: an error's message may quote an address, and the log has the error with the request id.
        invocation.addErrorFlag();
        throw error;
      } finally {
        invocation.close();
        tracer.setSegment(parent);
      }
    },
  };
}

/** What makes a Lambda function observable, all under the function's service name. */
export interface LambdaObservability {
  logger: LambdaLogger;
  metrics: LambdaMetrics;
  tracer: LambdaTracer;
}

export function lambdaObservability(serviceName: string): LambdaObservability {
  return {
    logger: lambdaLogger(serviceName),
    metrics: lambdaMetrics(serviceName),
    tracer: lambdaTracer(serviceName),
  };
}

/**
 * The handler, observed: the logger told the invocation first, the invocation traced, and what it counted
 * published at its end — also when it throws, so a failing invocation's counts are not lost or carried into
 * the next one.
 */
export function observedHandler<Event, Invocation extends InvocationContext, Result>(
  { logger, metrics, tracer }: LambdaObservability,
  handler: (event: Event, context: Invocation) => Promise<Result>,
): (event: Event, context: Invocation) => Promise<Result> {
  return async (event, context) => {
    logger.forInvocation(context);
    try {
      return await tracer.traceInvocation(() => handler(event, context));
    } finally {
      metrics.publish();
    }
  };
}

/**
 * A Lambda function's handler around what it builds once per cold start: `start` runs when the module loads (config,
 * secrets, clients, the composed use cases) and gives the invocation handler. A start that fails fails every
 * invocation with its error, and is never an unhandled rejection; each invocation is observed (observedHandler).
 */
export function lambdaHandler<Event, Invocation extends InvocationContext, Result>(
  serviceName: string,
  start: (observability: LambdaObservability) => Promise<(event: Event, context: Invocation) => Promise<Result>>,
): (event: Event, context: Invocation) => Promise<Result> {
  const observability = lambdaObservability(serviceName);
  const ready = start(observability);
  ready.catch(() => undefined);
  return observedHandler(observability, async (event, context) => (await ready)(event, context));
}
