// Composition (Lambda only): what every function reads at cold start besides MujazConfig — region and secrets.
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { readSecretValue } from '../adapters/secrets-manager-secret';
import type { Logger } from '../core/ports/logger';
import { parseEnvironment } from './config';

const lambdaEnvironment = z.object({
  AWS_REGION: z.string().min(1),
  /** Secrets Manager secret holding the HMAC key for confirmation and unsubscribe links. */
  MUJAZ_TOKEN_SECRET_ARN: z.string().min(1),
});

export interface LambdaRuntime {
  region: string;
  secrets: SecretsManagerClient;
  tokenSecretArn: string;
}

export function readLambdaRuntime(env: NodeJS.ProcessEnv): LambdaRuntime {
  const values = parseEnvironment(lambdaEnvironment, env);
  return {
    region: values.AWS_REGION,
    secrets: new SecretsManagerClient({ region: values.AWS_REGION }),
    tokenSecretArn: values.MUJAZ_TOKEN_SECRET_ARN,
  };
}

export function readSecret(runtime: LambdaRuntime, secretId: string): Promise<string> {
  return readSecretValue(runtime.secrets, secretId);
}

export function lambdaLogger(serviceName: string): Logger {
  const logger = new PowertoolsLogger({ serviceName });
  return {
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
  };
}
