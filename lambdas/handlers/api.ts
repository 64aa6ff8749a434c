// Lambda handler (composition root): the HTTP API behind API Gateway. Config → clients → adapters → app, once per cold start.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { getConnInfo, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createAwsClients } from '../adapters/aws-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { LambdaDigestDispatcher } from '../adapters/lambda-digest-dispatcher';
import { composeUseCases } from '../composition/compose-use-cases';
import { readApiFunctionConfig, readConfig } from '../composition/config';
import { lambdaObservability, observedHandler, readSecrets, withSendRate } from '../composition/lambda-runtime';
import { publicLinks } from '../core/domain/links';
import { createApiApp } from '../http/api-app';

const observability = lambdaObservability('mujaz-api');
const { logger, metrics, tracer } = observability;
const config = readConfig(process.env);
const lambda = readApiFunctionConfig(process.env);

const ready = (async () => {
  const [tokenSecret, adminToken] = await readSecrets(lambda, [lambda.tokenSecretArn, lambda.adminTokenSecretArn]);
  const clients = createAwsClients({ region: lambda.region, capture: tracer.captureClient });
  const mujaz = composeUseCases(
    await withSendRate(config, clients.ses, logger),
    { tokenSecret: tokenSecret! },
    clients,
    { logger, metrics, emailTemplates: readCompiledEmailTemplates(config.templatesDirectory) },
  );
  const dispatcher = new LambdaDigestDispatcher(
    tracer.captureClient(new LambdaClient({ region: lambda.region })),
    lambda.sendDigestFunctionName,
  );
  return handle(
    createApiApp({
      mujaz,
      dispatcher,
      adminToken: adminToken!,
      newsletter: config.newsletter,
      logger,
      // API Gateway's source IP: the client's, not a header it could set.
      clientAddress: (c) => getConnInfo(c).remote.address,
      links: publicLinks(config.publicBaseUrl),
    }),
  );
})();
// A failed start surfaces on the first invocation instead of as an unhandled rejection.
ready.catch(() => undefined);

export const handler = observedHandler(observability, async (event: LambdaEvent, context: LambdaContext) =>
  (await ready)(event, context),
);
