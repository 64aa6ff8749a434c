// Lambda handler (composition root): SES bounce and complaint events, published by the configuration set to an
// SNS topic, suppress the addresses they name. A message that is no SES event is logged and dropped: retrying
// it would fail the same way.
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { createTableQueueClients } from '../adapters/aws-table-queue-clients';
import { composeFeedbackRecorder } from '../composition/compose-feedback-recorder';
import { readConfig, readLambdaRegion } from '../composition/config';
import { lambdaObservability, observedHandler } from '../composition/lambda-runtime';
import { InvalidInputError } from '../core/domain/errors';

const observability = lambdaObservability('mujaz-delivery-feedback');
const { logger, tracer } = observability;
const config = readConfig(process.env);
const record = composeFeedbackRecorder(
  config,
  createTableQueueClients({ region: readLambdaRegion(process.env), capture: tracer.captureClient }),
  { logger },
);

const snsEvent = z.object({ Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })) });

async function recordFeedback(event: unknown): Promise<{ suppressed: number; dropped: number }> {
  const parsed = snsEvent.safeParse(event);
  if (!parsed.success) throw new InvalidInputError('Unexpected delivery-feedback event: not an SNS notification');
  let suppressed = 0;
  let dropped = 0;
  for (const { Sns } of parsed.data.Records) {
    try {
      suppressed += (await record(JSON.parse(Sns.Message))).suppressed;
    } catch (error) {
      if (!(error instanceof SyntaxError || error instanceof InvalidInputError)) throw error;
      dropped += 1;
      logger.error('delivery feedback dropped: not an SES event', { error: error.name });
    }
  }
  return { suppressed, dropped };
}

export const handler = observedHandler(observability, (event: unknown, _context: Context) => recordFeedback(event));
