// Lambda handler: the finder, run by EventBridge Scheduler every few minutes — queues a poll of every due source
// on the FIFO poll queue, and counts the failing ones for their alarm.
import { createDynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { awsSourceFinderDeps } from '../composition/aws-source-finder-adapters';
import { composeSourceFinder } from '../composition/compose-source-finder';
import { readConfig, readFeedConfig, readLambdaRegion } from '../composition/config';
import { lambdaHandler } from '../composition/lambda-runtime';

const config = { ...readConfig(process.env), ...readFeedConfig(process.env) };
const region = readLambdaRegion(process.env);

export const handler = lambdaHandler('mujaz-find-due-sources', async ({ logger, metrics, tracer }) => {
  const clients = createDynamoSqsClients({ region, capture: tracer.captureClient });
  const finder = composeSourceFinder(awsSourceFinderDeps(config, clients, { metrics }));
  return async () => {
    const { queued } = await finder.queueDueSources();
    logger.info('due sources queued', { queued });
    return { queued };
  };
});
