// Local runtime: the settings scripts use to drive `demo` and `dev` (ports, admin token), read once.
import { z } from 'zod';
import { parseEnvironment } from '../composition/config';

const port = z.coerce.number().int().min(1).max(65_535);
const localEnvironment = z.object({
  /** Port of the HTTP API. */
  PORT: port.optional(),
  /** Port of the SES endpoint and its inbox viewer. */
  MUJAZ_SES_PORT: port.optional(),
  /** Port of DynamoDB Local. */
  MUJAZ_DYNAMODB_PORT: port.optional(),
  /** Bearer token of the admin routes; generated and printed when unset. */
  MUJAZ_ADMIN_TOKEN: z.string().min(16).optional(),
  /** HMAC key of confirmation and unsubscribe links; generated when unset. */
  MUJAZ_TOKEN_SECRET: z.string().min(32).optional(),
});

export type LocalSettings = z.infer<typeof localEnvironment>;

export function readLocalSettings(env: NodeJS.ProcessEnv): LocalSettings {
  return parseEnvironment(localEnvironment, env);
}

/** The AWS SDK warns about Node 20 from every client; locally that is noise, not news. */
export function silenceSdkNodeVersionWarning(env: NodeJS.ProcessEnv): void {
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
