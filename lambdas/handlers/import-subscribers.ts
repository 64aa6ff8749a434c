// Lambda handler: the import worker — an import's steps from the import queue (SQS event source, partial batch
// responses): the uploaded list checked and cut into chunks, then each chunk imported and counted once.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { createS3Client } from '../adapters/s3-client';
import { awsImportDeps } from '../composition/aws-import-adapters';
import { composeImportBatchHandler } from '../composition/compose-import-worker';
import { readConfig, readImportConfig, readLambdaRegion } from '../composition/config';
import { lambdaHandler } from '../composition/lambda-runtime';

const config = readConfig(process.env);
const imports = readImportConfig(process.env);
const region = readLambdaRegion(process.env);

export const handler = lambdaHandler<SQSEvent, Context, SQSBatchResponse>(
  'mujaz-import-subscribers',
  async ({ logger, tracer }) => {
    const clients = createDynamoSqsClients({ region, capture: tracer.captureClient });
    const s3 = createS3Client({ region, capture: tracer.captureClient });
    return composeImportBatchHandler(
      awsImportDeps({ ...config, ...imports }, clients, { s3, bucket: imports.importBucket }, { logger }),
    );
  },
);
