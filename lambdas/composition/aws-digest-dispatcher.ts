// Composition (admin function only): how POST /digests starts a full send — an asynchronous invocation of the
// send-digest function, which may run far longer than an HTTP request.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { LambdaDigestDispatcher } from '../adapters/lambda-digest-dispatcher';
import type { DigestDispatcher } from '../http/digest-dispatcher';
import type { AdminFunctionConfig } from './config';

export function awsDigestDispatcher(
  config: Pick<AdminFunctionConfig, 'region' | 'sendDigestFunctionName'>,
  capture: <Client>(client: Client) => Client,
): DigestDispatcher {
  return new LambdaDigestDispatcher(
    capture(new LambdaClient({ region: config.region })),
    config.sendDigestFunctionName,
  );
}
