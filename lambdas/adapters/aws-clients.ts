// Adapter: the AWS SDK clients, made once per process. Endpoints are explicit only for the local stack.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface AwsClientOptions {
  region: string;
  dynamoEndpoint?: string;
  sesEndpoint?: string;
  sqsEndpoint?: string;
  /** Only for local endpoints, which accept any credentials. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Instruments each client as it is made: in Lambda, the tracer's, so that every call shows in the trace. */
  capture?: <Client>(client: Client) => Client;
}

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  ses: SESClient;
  sqs: SQSClient;
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const shared = { region: options.region, ...(options.credentials ? { credentials: options.credentials } : {}) };
  const capture = options.capture ?? ((client) => client);
  // The document client sends through this client's middleware, so capturing this one traces both.
  const dynamo = capture(
    new DynamoDBClient({
      ...shared,
      ...(options.dynamoEndpoint ? { endpoint: options.dynamoEndpoint } : {}),
    }),
  );
  return {
    dynamo: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    // No SDK retries for SES: it has no idempotency key, and the SDK retries a reset connection after SES may
    // already have taken the message. The caller decides, knowing which failures are safe to retry (ses-mailer).
    // Not traced: X-Ray keeps an SDK error's message for 30 days, and SES's messages quote recipients' addresses
    // ("not verified: reader@…"); the invocation's own segment still shows the time SES took.
    ses: new SESClient({
      ...shared,
      maxAttempts: 1,
      ...(options.sesEndpoint ? { endpoint: options.sesEndpoint } : {}),
    }),
    sqs: capture(new SQSClient({ ...shared, ...(options.sqsEndpoint ? { endpoint: options.sqsEndpoint } : {}) })),
  };
}
