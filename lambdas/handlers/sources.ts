// Lambda handler: the operator's feed-source routes of the HTTP API behind API Gateway — register, list, show,
// pause or rename, delete, poll now — behind the admin token; and the console's pages that reach the web (its
// sources, a report by address), behind an operator's session.
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createDynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { awsConsoleSessions, awsFeedDeps } from '../composition/aws-feed-adapters';
import { composeSourceUseCases } from '../composition/compose-source-use-cases';
import { readConfig, readFeedConfig, readLambdaRegion, readSourcesFunctionConfig } from '../composition/config';
import { lambdaHandler, readSecrets } from '../composition/lambda-runtime';
import { createSourcesApp } from '../http/source-routes';

const config = { ...readConfig(process.env), ...readFeedConfig(process.env) };
const region = readLambdaRegion(process.env);
const lambda = readSourcesFunctionConfig(process.env);

export const handler = lambdaHandler('mujaz-sources', async ({ logger, metrics, tracer }) => {
  const { adminToken } = await readSecrets({ region }, { adminToken: lambda.adminTokenSecretArn });
  const clients = createDynamoSqsClients({ region, capture: tracer.captureClient });
  const sources = composeSourceUseCases(awsFeedDeps(config, clients, { logger, metrics }));
  const sessions = awsConsoleSessions(config, clients);
  const app = handle(
    createSourcesApp({
      sources,
      sessions,
      adminToken,
      newsletter: config.newsletter,
      timeZone: config.timeZone,
      logger,
    }),
  );
  return (event: LambdaEvent, context: LambdaContext) => app(event, context);
});
