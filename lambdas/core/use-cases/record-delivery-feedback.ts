// Core use case: an address SES says bounces for good, or whose reader complained, is suppressed — taken off the
// list for every later send, and never mailed again, whatever anyone submits for it later.

import { suppressionsIn } from '../domain/delivery-feedback';
import { normalizeEmail } from '../domain/email-address';
import { InvalidInputError } from '../domain/errors';
import { maskEmail } from '../domain/redaction';
import { suppressedSubscriber } from '../domain/subscriber';
import type { Clock } from '../ports/clock';
import type { IdSource } from '../ports/id-source';
import type { Logger } from '../ports/logger';
import type { SubscriberRepository } from '../ports/subscriber-repository';
import { changeSubscriber } from './subscriber-changes';

export interface FeedbackDeps {
  subscribers: SubscriberRepository;
  ids: IdSource;
  clock: Clock;
  logger: Logger;
}

/** Applies one SES event; answers how many addresses it suppressed (0 for events that change nothing). */
export async function recordDeliveryFeedback(deps: FeedbackDeps, event: unknown): Promise<{ suppressed: number }> {
  let suppressions: ReturnType<typeof suppressionsIn>;
  try {
    suppressions = suppressionsIn(event);
  } catch {
    throw new InvalidInputError('The feedback is not an SES event.', [{ field: '', message: 'not an SES event' }]);
  }
  let suppressed = 0;
  for (const { email: raw, reason } of suppressions) {
    let email: string;
    try {
      email = normalizeEmail(raw);
    } catch {
      continue; // SES only names addresses we sent to; one we cannot read is not ours to act on
    }
    const now = deps.clock.now();
    const { written, previous } = await changeSubscriber(deps.subscribers, email, now, (current) =>
      current?.status === 'suppressed'
        ? undefined
        : suppressedSubscriber(email, reason, now, deps.ids.subscriptionId(), current),
    );
    if (written === undefined) continue;
    suppressed += 1;
    deps.logger.info('address suppressed', { recipient: maskEmail(email), reason, was: previous?.status ?? 'unknown' });
  }
  return { suppressed };
}
