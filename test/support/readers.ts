// Test support: subscriber records in each state, each under its own random subscription id, for seeding stores.
import { DynamoSubscriberRepository } from '../../lambdas/adapters/dynamo-subscriber-repository';
import { randomIds } from '../../lambdas/adapters/random-ids';
import {
  confirmedSubscriber,
  pendingSubscriber,
  type Subscriber,
  unsubscribedSubscriber,
} from '../../lambdas/core/domain/subscriber';
import type { TestMujaz } from './local-services';

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

/** A send's material in a TestMujaz: each address a confirmed reader, and one English report for them. */
export async function seedSend(
  test: TestMujaz,
  emails: readonly string[],
  report: { title: string; body: string },
): Promise<void> {
  const subscribers = new DynamoSubscriberRepository(test.clients.dynamo, test.tableName);
  const now = new Date();
  for (const email of emails) await subscribers.replace(confirmedReader(email, now), undefined);
  await test.mujaz.ingestReport({ ...report, language: 'en' });
}
