// Adapter: the AWS SDK clients, made once per process. Endpoints are explicit only for the local stack.
import { SESClient } from '@aws-sdk/client-ses';
import {
  type AwsClientOptions,
  createDynamoSqsClients,
  type DynamoSqsClients,
  sharedClientOptions,
} from './dynamo-sqs-clients';

export type { AwsClientOptions } from './dynamo-sqs-clients';

export interface AwsClients extends DynamoSqsClients {
  ses: SESClient;
}

/**
 * How long a connection to SES may take to open. In its region it opens in milliseconds; one that has not opened in
 * a second is lost. Below the send timeout (MUJAZ_SES_TIMEOUT_MS, at least 100 ms, 10 s by default): were the
 * send timeout shorter, it would end the call first and the outcome would be unknown, which is still safe.
 */
export const SES_CONNECT_TIMEOUT_MS = 1_000;

/** Every client, SES's included: for the functions that mail readers (admin, deliver) and the local runtime. */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  return {
    ...createDynamoSqsClients(options),
    // No SDK retries for SES: it has no idempotency key, and the SDK retries a reset connection after SES may
    // already have taken the message. The caller decides, knowing which failures are safe to retry (ses-mailer).
    // Not traced: X-Ray keeps an SDK error's message for 30 days, and SES's messages quote recipients' addresses
    // ("not verified: reader@…"); the invocation's own segment still shows the time SES took.
    ses: new SESClient({
      ...sharedClientOptions(options),
      maxAttempts: 1,
      // A connection SES never took carried nothing: failing it early lets the send be refused and tried again
      // (ses-mailer), where the send timeout would leave the reader's outcome unknown.
      requestHandler: { connectionTimeout: SES_CONNECT_TIMEOUT_MS },
      ...(options.sesEndpoint ? { endpoint: options.sesEndpoint } : {}),
    }),
  };
}
