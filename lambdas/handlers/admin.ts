// Lambda handler: the operator's routes of the HTTP API behind API Gateway — reports in, digests previewed, tested
// and started, their progress and retries, the subscriber list exported and its imports started and followed, each
// behind the admin token — and the console's pages, behind an operator's session.
import { getConnInfo, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { createAwsClients } from '../adapters/aws-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { createS3Client } from '../adapters/s3-client';
import { awsDigestDispatcher } from '../composition/aws-digest-dispatcher';
import { awsImportDeps } from '../composition/aws-import-adapters';
import { awsMujazDeps } from '../composition/aws-mail-adapters';
import { composeAdminUseCases } from '../composition/compose-admin-use-cases';
import { composeConsoleUseCases } from '../composition/compose-console-use-cases';
import { composeImportUseCases } from '../composition/compose-import-worker';
import { readAdminFunctionConfig, readConfig, readImportConfig } from '../composition/config';
import { lambdaHandler, readSecrets } from '../composition/lambda-runtime';
import { withSendRate } from '../composition/send-quota';
import { createAdminApp } from '../http/admin-routes';

const config = readConfig(process.env);
const lambda = readAdminFunctionConfig(process.env);
const importConfig = readImportConfig(process.env);

export const handler = lambdaHandler('mujaz-admin', async ({ logger, metrics, tracer }) => {
  const { tokenSecret, adminToken } = await readSecrets(lambda, {
    tokenSecret: lambda.tokenSecretArn,
    adminToken: lambda.adminTokenSecretArn,
  });
  const clients = createAwsClients({ region: lambda.region, capture: tracer.captureClient });
  const withRate = await withSendRate(config, clients.ses, logger);
  const emailTemplates = readCompiledEmailTemplates(config.templatesDirectory);
  const deps = awsMujazDeps(withRate, { tokenSecret }, clients, { logger, metrics, emailTemplates });
  const mujaz = composeAdminUseCases(deps, config);
  const console = composeConsoleUseCases(deps, config);
  const s3 = createS3Client({ region: lambda.region, capture: tracer.captureClient });
  const imports = composeImportUseCases(
    awsImportDeps({ ...config, ...importConfig }, clients, { s3, bucket: importConfig.importBucket }, { logger }),
  );
  const dispatcher = awsDigestDispatcher(lambda, tracer.captureClient);
  const clientAddress = (c: Parameters<typeof getConnInfo>[0]) => getConnInfo(c).remote.address;
  const app = handle(
    createAdminApp({
      mujaz,
      console,
      imports,
      clientAddress,
      dispatcher,
      adminToken,
      newsletter: config.newsletter,
      timeZone: config.timeZone,
      logger,
    }),
  );
  return (event: LambdaEvent, context: LambdaContext) => app(event, context);
});
