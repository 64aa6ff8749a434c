// Lambda handler (composition root): the readers' routes of the HTTP API behind API Gateway — subscribe, the links
// of their emails, the archive. Config → clients → adapters → app, once per cold start. The operator's routes run
// in the admin function (handlers/admin.ts).
import { getConnInfo, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createTableQueueClients } from '../adapters/aws-table-queue-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { composeReaderUseCases } from '../composition/compose-reader-use-cases';
import { readConfig, readLambdaConfig } from '../composition/config';
import { lambdaObservability, observedHandler, readSecrets } from '../composition/lambda-runtime';
import { publicLinks } from '../core/domain/links';
import { createReaderApp } from '../http/reader-routes';

const observability = lambdaObservability('mujaz-api');
const { logger, metrics, tracer } = observability;
const config = readConfig(process.env);
const lambda = readLambdaConfig(process.env);

const ready = (async () => {
  const [tokenSecret] = await readSecrets(lambda, [lambda.tokenSecretArn]);
  const clients = createTableQueueClients({ region: lambda.region, capture: tracer.captureClient });
  const mujaz = composeReaderUseCases(config, { tokenSecret: tokenSecret! }, clients, {
    metrics,
    emailTemplates: readCompiledEmailTemplates(config.templatesDirectory),
  });
  return handle(
    createReaderApp({
      mujaz,
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
