// Composition: the delivery-feedback function's use case — SES bounce and complaint events to suppressions, on the
// subscriber table alone — bound to the adapters it runs on.
import * as z from 'zod';
import { InvalidInputError } from '../core/domain/errors';
import type { Logger } from '../core/ports/logger';
import { type FeedbackDeps, recordDeliveryFeedback } from '../core/use-cases/record-delivery-feedback';

export interface FeedbackRecorder {
  /** Applies an SES event: a permanent bounce or a complaint suppresses the address for good. */
  recordDeliveryFeedback(event: unknown): Promise<{ suppressed: number }>;
}

export type FeedbackRecorderDeps = FeedbackDeps;

export function composeFeedbackRecorder(deps: FeedbackRecorderDeps): FeedbackRecorder {
  return { recordDeliveryFeedback: (event) => recordDeliveryFeedback(deps, event) };
}

const snsNotification = z.object({ Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })) });

/**
 * The delivery-feedback function's event: SNS notifications, each carrying one SES event. A message that is no SES
 * event is logged and dropped: retrying it would fail the same way.
 */
export function snsFeedbackHandler(
  feedback: FeedbackRecorder,
  logger: Logger,
): (event: unknown) => Promise<{ suppressed: number; dropped: number }> {
  return async (event) => {
    const parsed = snsNotification.safeParse(event);
    if (!parsed.success) throw new InvalidInputError('Unexpected delivery-feedback event: not an SNS notification');
    let suppressed = 0;
    let dropped = 0;
    for (const { Sns } of parsed.data.Records) {
      try {
        suppressed += (await feedback.recordDeliveryFeedback(JSON.parse(Sns.Message))).suppressed;
      } catch (error) {
        if (!(error instanceof SyntaxError || error instanceof InvalidInputError)) throw error;
        dropped += 1;
        logger.error('delivery feedback dropped: not an SES event', { error: error.name });
      }
    }
    return { suppressed, dropped };
  };
}
