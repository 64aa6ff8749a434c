// Jest global setup (integration project): one DynamoDB Local and one SES endpoint for the whole run.
// Workers find them through environment variables; each test file makes its own table.
import { startLocalStack, type LocalStack } from '../../lambdas/local/local-stack';
import { silenceSdkNodeVersionWarning } from '../../lambdas/local/local-settings';

declare global {
  // eslint-disable-next-line no-var -- shared between global setup and teardown, which run in the same process
  var __mujazLocalStack: LocalStack | undefined;
}

export default async function globalSetup(): Promise<void> {
  silenceSdkNodeVersionWarning(process.env);
  const stack = await startLocalStack();
  globalThis.__mujazLocalStack = stack;
  process.env.MUJAZ_TEST_DYNAMODB_ENDPOINT = stack.dynamoEndpoint;
  process.env.MUJAZ_TEST_SES_ENDPOINT = stack.sesEndpoint;
}
