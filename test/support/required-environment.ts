// Test support: the least environment readConfig takes — every required variable, each with a plain value — for
// tests that change one setting at a time on top of it.
import { ENVIRONMENT_VARIABLES as V } from '../../lambdas/composition/config';

export const REQUIRED_ENVIRONMENT = {
  [V.tableName]: 't',
  [V.deliveryQueueUrl]: 'http://127.0.0.1:9324/queue/deliveries',
  [V.subscriptionQueueUrl]: 'http://127.0.0.1:9324/queue/subscriptions',
  [V.publicBaseUrl]: 'https://api.example.com',
  [V.fromAddress]: 'a@example.com',
};
