// Composition (Lambda only): what every function builds at cold start besides the core — secrets and the logger.
import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { readSecretValue } from '../adapters/secrets-manager-secret';
import type { Logger } from '../core/ports/logger';
import type { LambdaConfig } from './config';

/** Reads the given secrets at once, in order. */
export function readSecrets(config: LambdaConfig, secretIds: readonly string[]): Promise<string[]> {
  const client = new SecretsManagerClient({ region: config.region });
  return Promise.all(secretIds.map((secretId) => readSecretValue(client, secretId)));
}

export function lambdaLogger(serviceName: string): Logger {
  const logger = new PowertoolsLogger({ serviceName });
  return {
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
  };
}
