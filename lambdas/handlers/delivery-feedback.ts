// Lambda handler: SES bounce and complaint events, published by the configuration set to an SNS topic, suppress the
// addresses they name.
import { createDynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { awsFeedbackRecorderDeps } from '../composition/aws-table-adapters';
import { composeFeedbackRecorder, snsFeedbackHandler } from '../composition/compose-feedback-recorder';
import { readConfig, readLambdaRegion } from '../composition/config';
import { lambdaHandler } from '../composition/lambda-runtime';

const config = readConfig(process.env);
const region = readLambdaRegion(process.env);

export const handler = lambdaHandler('mujaz-delivery-feedback', async ({ logger, tracer }) => {
  const clients = createDynamoSqsClients({ region, capture: tracer.captureClient });
  const feedback = composeFeedbackRecorder(awsFeedbackRecorderDeps(config, clients, { logger }));
  return snsFeedbackHandler(feedback, logger);
});
