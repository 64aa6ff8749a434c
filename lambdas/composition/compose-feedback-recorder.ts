// Composition: the delivery-feedback function — SES bounce and complaint events to suppressions, on the subscriber
// table alone.
import type { AwsClients } from '../adapters/aws-clients';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { randomIds } from '../adapters/random-ids';
import { systemClock } from '../adapters/system-clock';
import { recordDeliveryFeedback } from '../core/use-cases/record-delivery-feedback';
import type { CompositionOptions } from './composition-options';
import type { MujazConfig } from './config';

/** What the feedback function runs: SES events to suppressions, on the subscriber table alone. */
export function composeFeedbackRecorder(
  config: Pick<MujazConfig, 'tableName'>,
  clients: Pick<AwsClients, 'dynamo'>,
  options: Pick<CompositionOptions, 'logger' | 'clock'>,
): (event: unknown) => Promise<{ suppressed: number }> {
  const deps = {
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    ids: randomIds,
    clock: options.clock ?? systemClock,
    logger: options.logger,
  };
  return (event) => recordDeliveryFeedback(deps, event);
}
