// Lambda handler: the queue worker — readers' turns from the delivery queue and subscribe requests from theirs (SQS
// event sources, partial batch responses). Each turn sends one reader the frozen edition once; a turn SES refused
// comes back, and goes to the dead-letter queue after its last try.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createAwsClients } from '../adapters/aws-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { awsQueueWorkerDeps } from '../composition/aws-mail-adapters';
import { readConfig, readLambdaConfig } from '../composition/config';
import { lambdaHandler, readSecrets } from '../composition/lambda-runtime';
import { composeQueueBatchHandler } from '../composition/queue-batch-handler';
import { withSendRate } from '../composition/send-quota';

const config = readConfig(process.env);
const lambda = readLambdaConfig(process.env);

export const handler = lambdaHandler<SQSEvent, Context, SQSBatchResponse>(
  'mujaz-deliver-digest',
  async ({ logger, metrics, tracer }) => {
    const secrets = await readSecrets(lambda, { tokenSecret: lambda.tokenSecretArn });
    const clients = createAwsClients({ region: lambda.region, capture: tracer.captureClient });
    const withRate = await withSendRate(config, clients.ses, logger);
    const emailTemplates = readCompiledEmailTemplates(config.templatesDirectory);
    return composeQueueBatchHandler(
      awsQueueWorkerDeps(withRate, secrets, clients, { logger, metrics, emailTemplates }),
      config,
    );
  },
);
