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
}

export interface AwsClients {
  dynamo: DynamoDBDocumentClient;
  ses: SESClient;
  sqs: SQSClient;
}

export function createAwsClients(options: AwsClientOptions): AwsClients {
  const shared = { region: options.region, ...(options.credentials ? { credentials: options.credentials } : {}) };
  const dynamo = new DynamoDBClient({
    ...shared,
    ...(options.dynamoEndpoint ? { endpoint: options.dynamoEndpoint } : {}),
  });
  return {
    dynamo: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
    // No SDK retries for SES: it has no idempotency key, and the SDK retries a reset connection after SES may
    // already have taken the message. The caller decides, knowing which failures are safe to retry (ses-mailer).
    ses: new SESClient({
      ...shared,
      maxAttempts: 1,
      ...(options.sesEndpoint ? { endpoint: options.sesEndpoint } : {}),
    }),
    sqs: new SQSClient({ ...shared, ...(options.sqsEndpoint ? { endpoint: options.sqsEndpoint } : {}) }),
  };
}
