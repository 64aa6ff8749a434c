// Composition (Lambda only): what every function builds at cold start besides the core — secrets and the logger.
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetSendQuotaCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Context } from 'aws-lambda';
import { readSecretValue } from '../adapters/secrets-manager-secret';
import type { Logger } from '../core/ports/logger';
import type { LambdaConfig, MujazConfig } from './config';

/** Reads the given secrets at once, in order. */
export function readSecrets(config: LambdaConfig, secretIds: readonly string[]): Promise<string[]> {
  const client = new SecretsManagerClient({ region: config.region });
  return Promise.all(secretIds.map((secretId) => readSecretValue(client, secretId)));
}

/**
 * The config with its send rate: MUJAZ_SEND_RATE when set, else the account's SES quota (MaxSendRate), read once
 * per cold start. Should SES not answer, the default stands (composeUseCases) and the log says so.
 */
export async function withSendRate(config: MujazConfig, ses: SESClient, logger: Logger): Promise<MujazConfig> {
  if (config.sendRate !== undefined) return config;
  try {
    const quota = await ses.send(new GetSendQuotaCommand({}), { abortSignal: AbortSignal.timeout(2_000) });
    if (quota.MaxSendRate && quota.MaxSendRate > 0) return { ...config, sendRate: quota.MaxSendRate };
  } catch (error) {
    logger.warn('SES send quota unknown; the default send rate applies', {
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
  return config;
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
