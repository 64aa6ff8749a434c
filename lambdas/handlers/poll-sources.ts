// Lambda handler: the poll function — one source per message from the FIFO poll queue (grouped by the feed's host,
// so a host is polled by one poller at a time): its feed read, its new entries stored as reports through intake.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createDynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { awsFeedDeps } from '../composition/aws-feed-adapters';
import { composeSourcePoller, sourcePollBatchHandler } from '../composition/compose-source-poller';
import { readConfig, readFeedConfig, readLambdaRegion } from '../composition/config';
import { lambdaHandler } from '../composition/lambda-runtime';

const config = { ...readConfig(process.env), ...readFeedConfig(process.env) };
const region = readLambdaRegion(process.env);

export const handler = lambdaHandler<SQSEvent, Context, SQSBatchResponse>(
  'mujaz-poll-sources',
  async ({ logger, metrics, tracer }) => {
    const clients = createDynamoSqsClients({ region, capture: tracer.captureClient });
    return sourcePollBatchHandler(composeSourcePoller(awsFeedDeps(config, clients, { logger, metrics })), logger);
  },
);
