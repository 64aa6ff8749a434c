// Lambda handler: opens the next edition (or resumes the one under way), composes it once and hands every confirmed
// reader to the delivery queue. Invoked by EventBridge Scheduler (event {}) and by the admin function's POST /digests
// (event {from?, until?}); a day after each send, the watch schedule asks ({watch: true}) whether it finished. Safe
// to retry: it resumes where it stopped, and the deliver step's ledger sends nobody twice.
import { createDynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { awsDigestSenderDeps } from '../composition/aws-adapters';
import { composeDigestSender, sendDigestEventHandler } from '../composition/compose-digest-sender';
import { readConfig, readLambdaRegion } from '../composition/config';
import { lambdaHandler } from '../composition/lambda-runtime';

const config = readConfig(process.env);
const region = readLambdaRegion(process.env);

// It signs no link and mails nobody: no secret to read, no send rate to learn.
export const handler = lambdaHandler('mujaz-send-digest', async ({ logger, metrics, tracer }) => {
  const clients = createDynamoSqsClients({ region, capture: tracer.captureClient });
  const emailTemplates = readCompiledEmailTemplates(config.templatesDirectory);
  const sender = composeDigestSender(awsDigestSenderDeps(config, clients, { logger, metrics, emailTemplates }), config);
  return sendDigestEventHandler(sender);
});
