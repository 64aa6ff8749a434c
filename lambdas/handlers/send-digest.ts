// Lambda handler (composition root): opens the next edition (or resumes the one under way), composes it once and
// hands every confirmed reader to the delivery queue. Invoked by EventBridge Scheduler (event {}) and by the API's
// POST /digests (event {from?, until?}); a day after each send, the watch schedule asks ({watch: true}) whether it
// finished. Safe to retry: it resumes where it stopped, and the deliver step's ledger
// sends nobody twice.
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { createAwsClients } from '../adapters/aws-clients';
import { composeUseCases } from '../composition/compose-use-cases';
import { readConfig, readLambdaConfig } from '../composition/config';
import { lambdaObservability, observedHandler, readSecrets, withSendRate } from '../composition/lambda-runtime';
import { InvalidInputError } from '../core/domain/errors';

const observability = lambdaObservability('mujaz-send-digest');
const { logger, metrics, tracer } = observability;
const config = readConfig(process.env);
const lambda = readLambdaConfig(process.env);
const ready = (async () => {
  const [tokenSecret] = await readSecrets(lambda, [lambda.tokenSecretArn]);
  const clients = createAwsClients({ region: lambda.region, capture: tracer.captureClient });
  return composeUseCases(await withSendRate(config, clients.ses, logger), { tokenSecret: tokenSecret! }, clients, {
    logger,
    metrics,
  });
})();
ready.catch(() => undefined);

/** The schedule's and the API's send request, or the watch a day after the schedule (never a send). */
const sendDigestEvent = z.union([
  z.object({ watch: z.literal(true) }).strict(),
  z.object({ from: z.string().optional(), until: z.string().optional() }).strict(),
]);

async function sendDigest(event: unknown) {
  const parsed = sendDigestEvent.safeParse(event ?? {});
  // A malformed event would fail the same way on every retry: report it and stop.
  if (!parsed.success) throw new InvalidInputError(`Unexpected send-digest event: ${parsed.error.message}`);
  const useCases = await ready;
  if ('watch' in parsed.data) return useCases.watchDigest();
  return useCases.sendDigest(parsed.data);
}

export const handler = observedHandler(observability, (event: unknown, _context: Context) => sendDigest(event));
