// Adapter: the DynamoDB and SQS clients, made once per process — all that the functions which mail nobody (the API,
// send and feedback functions) need. A module without SES, so that their bundles never load its client.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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

export interface DynamoSqsClients {
  dynamo: DynamoDBDocumentClient;
  sqs: SQSClient;
}

export function createDynamoSqsClients(options: AwsClientOptions): DynamoSqsClients {
  const shared = sharedClientOptions(options);
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
    sqs: capture(new SQSClient({ ...shared, ...(options.sqsEndpoint ? { endpoint: options.sqsEndpoint } : {}) })),
  };
}

/** The region, and credentials only for local endpoints. */
export function sharedClientOptions(options: AwsClientOptions) {
  return { region: options.region, ...(options.credentials ? { credentials: options.credentials } : {}) };
}
