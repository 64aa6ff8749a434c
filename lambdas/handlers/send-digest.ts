// Lambda handler (composition root): opens the next edition (or resumes the one under way), composes it once and
// hands every confirmed reader to the delivery queue. Invoked by EventBridge Scheduler (event {}) and by the admin
// function's POST /digests (event {from?, until?}); a day after each send, the watch schedule asks ({watch: true}) whether it
// finished. Safe to retry: it resumes where it stopped, and the deliver step's ledger sends nobody twice.
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { createTableQueueClients } from '../adapters/aws-table-queue-clients';
import { readCompiledEmailTemplates } from '../adapters/handlebars-templates';
import { composeDigestSender } from '../composition/compose-digest-sender';
import { readConfig, readLambdaRegion } from '../composition/config';
import { lambdaObservability, observedHandler } from '../composition/lambda-runtime';
import { InvalidInputError } from '../core/domain/errors';

const observability = lambdaObservability('mujaz-send-digest');
const { logger, metrics, tracer } = observability;
const config = readConfig(process.env);
// It signs no link and mails nobody: no secret to read, no send rate to learn.
const digests = composeDigestSender(
  config,
  createTableQueueClients({ region: readLambdaRegion(process.env), capture: tracer.captureClient }),
  { logger, metrics, emailTemplates: readCompiledEmailTemplates(config.templatesDirectory) },
);

/** The schedule's and the admin function's send request, or the watch a day after the schedule (never a send). */
const sendDigestEvent = z.union([
  z.object({ watch: z.literal(true) }).strict(),
  z.object({ from: z.string().optional(), until: z.string().optional() }).strict(),
]);

async function sendDigest(event: unknown) {
  const parsed = sendDigestEvent.safeParse(event ?? {});
  // A malformed event would fail the same way on every retry: report it and stop.
  if (!parsed.success) throw new InvalidInputError(`Unexpected send-digest event: ${parsed.error.message}`);
  if ('watch' in parsed.data) return digests.watchDigest();
  return digests.sendDigest(parsed.data);
}

export const handler = observedHandler(observability, (event: unknown, _context: Context) => sendDigest(event));
