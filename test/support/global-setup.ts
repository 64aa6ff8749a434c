// Jest global setup (integration project): one DynamoDB Local, one SES endpoint and one SQS endpoint for the run.
// Workers find them through environment variables; each test file makes its own table.

import { type LocalStack, silenceSdkNodeVersionWarning, startLocalStack } from '../../lambdas/local/local-stack';

declare global {
  // `var`: a global declaration must be one; setup and teardown run in the same process and share it.
  var __mujazLocalStack: LocalStack | undefined;
}

export default async function globalSetup(): Promise<void> {
  silenceSdkNodeVersionWarning(process.env);
  const stack = await startLocalStack();
  globalThis.__mujazLocalStack = stack;
  process.env.MUJAZ_TEST_DYNAMODB_ENDPOINT = stack.dynamoEndpoint;
  process.env.MUJAZ_TEST_SES_ENDPOINT = stack.sesEndpoint;
  process.env.MUJAZ_TEST_SQS_ENDPOINT = stack.sqsEndpoint;
}
