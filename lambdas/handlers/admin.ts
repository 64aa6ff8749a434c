// Lambda handler (composition root): the operator's routes of the HTTP API behind API Gateway — reports in, digests
// previewed, tested and started, their progress and retries, the subscriber list in and out; each behind the admin
// token. Config → clients → adapters → app, once per cold start.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createAwsClients } from '../adapters/aws-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { LambdaDigestDispatcher } from '../adapters/lambda-digest-dispatcher';
import { composeAdminUseCases } from '../composition/compose-admin-use-cases';
import { readAdminFunctionConfig, readConfig } from '../composition/config';
import { lambdaObservability, observedHandler, readSecrets } from '../composition/lambda-runtime';
import { withSendRate } from '../composition/send-quota';
import { createAdminApp } from '../http/admin-routes';

const observability = lambdaObservability('mujaz-admin');
const { logger, metrics, tracer } = observability;
const config = readConfig(process.env);
const lambda = readAdminFunctionConfig(process.env);

const ready = (async () => {
  const [tokenSecret, adminToken] = await readSecrets(lambda, [lambda.tokenSecretArn, lambda.adminTokenSecretArn]);
  const clients = createAwsClients({ region: lambda.region, capture: tracer.captureClient });
  const mujaz = composeAdminUseCases(
    await withSendRate(config, clients.ses, logger),
    { tokenSecret: tokenSecret! },
    clients,
    { logger, metrics, emailTemplates: readCompiledEmailTemplates(config.templatesDirectory) },
  );
  const dispatcher = new LambdaDigestDispatcher(
    tracer.captureClient(new LambdaClient({ region: lambda.region })),
    lambda.sendDigestFunctionName,
  );
  return handle(createAdminApp({ mujaz, dispatcher, adminToken: adminToken!, newsletter: config.newsletter, logger }));
})();
// A failed start surfaces on the first invocation instead of as an unhandled rejection.
ready.catch(() => undefined);

export const handler = observedHandler(observability, async (event: LambdaEvent, context: LambdaContext) =>
  (await ready)(event, context),
);
