// The stale-claim age comes from one value, the deliver timeout: the deliver function's in Lambda (set by the stack),
// and the same by default locally — never a second figure of its own.
import { staleClaimMs, workQueue } from '../../../lambdas/adapters/work-queue-definition';
import { readConfig, ENVIRONMENT_VARIABLES as V } from '../../../lambdas/composition/config';

const required = {
  [V.tableName]: 'mujaz',
  [V.deliveryQueueUrl]: 'http://127.0.0.1:9324/queue/deliveries',
  [V.subscriptionQueueUrl]: 'http://127.0.0.1:9324/queue/subscriptions',
  [V.publicBaseUrl]: 'http://127.0.0.1:3000',
  [V.fromAddress]: 'digest@news.mujaz.org',
};

it('takes the deliver function’s timeout when none is set, and derives the stale-claim age from it', () => {
  expect(readConfig(required)).toMatchObject({
    deliverTimeoutSeconds: workQueue.deliverTimeoutSeconds,
    staleClaimMs: workQueue.deliverTimeoutSeconds * 1_000,
  });
});

it('derives the stale-claim age from a timeout set in the environment', () => {
  expect(readConfig({ ...required, [V.deliverTimeoutSeconds]: '10' })).toMatchObject({
    deliverTimeoutSeconds: 10,
    staleClaimMs: staleClaimMs(10),
  });
  expect(staleClaimMs(10)).toBe(10_000);
});
