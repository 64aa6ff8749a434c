// Adapter: the AWS SDK clients, made once per process. Endpoints are explicit only for the local stack.
import { SESClient } from '@aws-sdk/client-ses';
import {
  type AwsClientOptions,
  createTableQueueClients,
  sharedClientOptions,
  type TableQueueClients,
} from './aws-table-queue-clients';

export type { AwsClientOptions } from './aws-table-queue-clients';

export interface AwsClients extends TableQueueClients {
  ses: SESClient;
}

/** Every client, SES's included: for the functions that mail readers (admin, deliver) and the local runtime. */
export function createAwsClients(options: AwsClientOptions): AwsClients {
  return {
    ...createTableQueueClients(options),
    // No SDK retries for SES: it has no idempotency key, and the SDK retries a reset connection after SES may
    // already have taken the message. The caller decides, knowing which failures are safe to retry (ses-mailer).
    // Not traced: X-Ray keeps an SDK error's message for 30 days, and SES's messages quote recipients' addresses
    // ("not verified: reader@…"); the invocation's own segment still shows the time SES took.
    ses: new SESClient({
      ...sharedClientOptions(options),
      maxAttempts: 1,
      ...(options.sesEndpoint ? { endpoint: options.sesEndpoint } : {}),
    }),
  };
}
