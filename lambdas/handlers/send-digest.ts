// Lambda handler (composition root): opens the next edition (or resumes the one under way), composes it once and
// hands every confirmed reader to the delivery queue. Invoked by EventBridge Scheduler (event {}) and by the API's
// POST /digests (event {from?, until?}). Safe to retry: it resumes where it stopped, and the deliver step's ledger
// sends nobody twice.
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { createAwsClients } from '../adapters/aws-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { composeDigestSender } from '../composition/compose-digest-sender';
import { readConfig, readLambdaRegion } from '../composition/config';
import { lambdaLogger } from '../composition/lambda-runtime';
import { InvalidInputError } from '../core/domain/errors';

const logger = lambdaLogger('mujaz-send-digest');
const config = readConfig(process.env);
// It signs no link and mails nobody: no secret to read, no send rate to learn.
const sendDigest = composeDigestSender(config, createAwsClients({ region: readLambdaRegion(process.env) }), {
  logger,
  emailTemplates: readCompiledEmailTemplates(config.templatesDirectory),
});

const sendDigestEvent = z.object({ from: z.string().optional(), until: z.string().optional() });

export const handler = async (event: unknown, context: Context) => {
  logger.forInvocation(context);
  const parsed = sendDigestEvent.safeParse(event ?? {});
  // A malformed event would fail the same way on every retry: report it and stop.
  if (!parsed.success) throw new InvalidInputError(`Unexpected send-digest event: ${parsed.error.message}`);
  return sendDigest(parsed.data);
};
