// Lambda handler (composition root): readers' turns from the delivery queue (SQS event source, partial batch
// responses). Each turn sends one reader the frozen edition once; a turn SES refused comes back, and goes to the
// dead-letter queue after its last try.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createAwsClients } from '../adapters/aws-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { composeDeliverer } from '../composition/compose-deliverer';
import { readConfig, readLambdaConfig } from '../composition/config';
import { lambdaObservability, observedHandler, readSecrets } from '../composition/lambda-runtime';
import { withSendRate } from '../composition/send-quota';

const observability = lambdaObservability('mujaz-deliver-digest');
const { logger, metrics, tracer } = observability;
const config = readConfig(process.env);
const lambda = readLambdaConfig(process.env);
const ready = (async () => {
  const [tokenSecret] = await readSecrets(lambda, [lambda.tokenSecretArn]);
  const clients = createAwsClients({ region: lambda.region, capture: tracer.captureClient });
  const withRate = await withSendRate(config, clients.ses, logger);
  return composeDeliverer(withRate, { tokenSecret: tokenSecret! }, clients, {
    logger,
    metrics,
    emailTemplates: readCompiledEmailTemplates(config.templatesDirectory),
  });
})();
ready.catch(() => undefined);

export const handler = observedHandler(
  observability,
  async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => (await ready)(event, context),
);
