// Lambda handler: the readers' routes of the HTTP API behind API Gateway — subscribe, the links of their emails,
// the archive. The operator's routes run in the admin function (handlers/admin.ts).
import { getConnInfo, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createDynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { awsReaderDeps } from '../composition/aws-adapters';
import { composeReaderUseCases } from '../composition/compose-reader-use-cases';
import { readConfig, readLambdaConfig } from '../composition/config';
import { lambdaHandler, readSecrets } from '../composition/lambda-runtime';
import { publicLinks } from '../core/domain/links';
import { createReaderApp } from '../http/reader-routes';

const config = readConfig(process.env);
const lambda = readLambdaConfig(process.env);

export const handler = lambdaHandler('mujaz-api', async ({ logger, metrics, tracer }) => {
  const secrets = await readSecrets(lambda, { tokenSecret: lambda.tokenSecretArn });
  const clients = createDynamoSqsClients({ region: lambda.region, capture: tracer.captureClient });
  const emailTemplates = readCompiledEmailTemplates(config.templatesDirectory);
  const mujaz = composeReaderUseCases(awsReaderDeps(config, secrets, clients, { metrics, emailTemplates }), config);
  // API Gateway's source IP: the client's, not a header it could set.
  const clientAddress = (c: Parameters<typeof getConnInfo>[0]) => getConnInfo(c).remote.address;
  const links = publicLinks(config.publicBaseUrl);
  const app = handle(createReaderApp({ mujaz, newsletter: config.newsletter, logger, clientAddress, links }));
  return (event: LambdaEvent, context: LambdaContext) => app(event, context);
});
