// Test support: subscriber records in each state, each under its own random subscription id, for seeding stores.
import { randomIds } from '../../lambdas/adapters/random-ids';
import {
  confirmedSubscriber,
  pendingSubscriber,
  type Subscriber,
  unsubscribedSubscriber,
} from '../../lambdas/core/domain/subscriber';

const WINDOW_MS = 3_600_000;

export function pendingReader(email: string, now: Date, windowMs = WINDOW_MS): Subscriber {
  return pendingSubscriber(email, { via: 'api' }, now, windowMs, randomIds.subscriptionId());
}

export function confirmedReader(email: string, now: Date): Subscriber {
  return confirmedSubscriber(pendingReader(email, now), now, 'link');
}

export function unsubscribedReader(email: string, now: Date): Subscriber {
  return unsubscribedSubscriber(confirmedReader(email, now), now);
}
