// Lambda handler (composition root): the HTTP API behind API Gateway. Config → clients → adapters → app, once per cold start.
import { LambdaClient } from '@aws-sdk/client-lambda';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { z } from 'zod';
import { createAwsClients } from '../adapters/aws-clients';
import { LambdaDigestDispatcher } from '../adapters/lambda-digest-dispatcher';
import { parseEnvironment, readConfig } from '../composition/config';
import { createMujaz } from '../composition/create-mujaz';
import { lambdaLogger, readLambdaRuntime, readSecret } from '../composition/lambda-runtime';
import { createApiApp } from '../http/api-app';

const logger = lambdaLogger('mujaz-api');
const config = readConfig(process.env);
const runtime = readLambdaRuntime(process.env);
const apiEnvironment = parseEnvironment(
  z.object({
    /** Secrets Manager secret holding the bearer token of the admin routes. */
    MUJAZ_ADMIN_TOKEN_SECRET_ARN: z.string().min(1),
    /** The function that runs full sends, invoked asynchronously by POST /digests. */
    MUJAZ_SEND_DIGEST_FUNCTION_NAME: z.string().min(1),
  }),
  process.env,
);

const ready = (async () => {
  const [tokenSecret, adminToken] = await Promise.all([
    readSecret(runtime, runtime.tokenSecretArn),
    readSecret(runtime, apiEnvironment.MUJAZ_ADMIN_TOKEN_SECRET_ARN),
  ]);
  const mujaz = createMujaz(config, { tokenSecret }, createAwsClients({ region: runtime.region }), { logger });
  const dispatcher = new LambdaDigestDispatcher(
    new LambdaClient({ region: runtime.region }),
    apiEnvironment.MUJAZ_SEND_DIGEST_FUNCTION_NAME,
  );
  return handle(createApiApp({ mujaz, dispatcher, adminToken, newsletter: config.newsletter, logger }));
})();
// A failed start surfaces on the first invocation instead of as an unhandled rejection.
ready.catch(() => undefined);

export const handler = async (event: LambdaEvent, context: LambdaContext) => (await ready)(event, context);
