// Lambda handler (composition root): opens the next edition (or resumes the one under way), composes it once and
// hands every confirmed reader to the delivery queue. Invoked by EventBridge Scheduler (event {}) and by the API's
// POST /digests (event {from?, until?}). Safe to retry: it resumes where it stopped, and the deliver step's ledger
// sends nobody twice.
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { createAwsClients } from '../adapters/aws-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-email-renderer';
import { composeUseCases } from '../composition/compose-use-cases';
import { readConfig, readLambdaConfig } from '../composition/config';
import { lambdaLogger, readSecrets, withSendRate } from '../composition/lambda-runtime';
import { InvalidInputError } from '../core/domain/errors';

const logger = lambdaLogger('mujaz-send-digest');
const config = readConfig(process.env);
const lambda = readLambdaConfig(process.env);
const ready = (async () => {
  const [tokenSecret] = await readSecrets(lambda, [lambda.tokenSecretArn]);
  const clients = createAwsClients({ region: lambda.region });
  return composeUseCases(await withSendRate(config, clients.ses, logger), { tokenSecret: tokenSecret! }, clients, {
    logger,
    emailTemplates: readCompiledEmailTemplates(config.templatesDirectory),
  });
})();
ready.catch(() => undefined);

const sendDigestEvent = z.object({ from: z.string().optional(), until: z.string().optional() });

export const handler = async (event: unknown, context: Context) => {
  logger.forInvocation(context);
  const parsed = sendDigestEvent.safeParse(event ?? {});
  // A malformed event would fail the same way on every retry: report it and stop.
  if (!parsed.success) throw new InvalidInputError(`Unexpected send-digest event: ${parsed.error.message}`);
  const useCases = await ready;
  return useCases.sendDigest(parsed.data);
};
