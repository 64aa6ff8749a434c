// Composition: the only code that reads configuration. Every variable any entry point reads is declared here,
// typed, read once and loud at start, naming what is missing and never printing a value. .env.example lists them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { MAX_RATE_LIMIT } from '../core/domain/rate-window';
import { hasControlOrInvisibleCharacters } from '../core/domain/text-cleaning';

/** What the core and its adapters need, in Lambda and locally alike. */
export interface MujazConfig {
  tableName: string;
  /** The SQS queue readers' turns wait in for the deliver step. */
  deliveryQueueUrl: string;
  /** The SQS queue subscribe requests wait in for their confirmation emails (the deliver step mails them). */
  subscriptionQueueUrl: string;
  /**
   * Subscribe requests one client (network address) may make in any 60 s, a sliding window
   * (MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE, at most MAX_RATE_LIMIT).
   */
  subscribesPerClientPerMinute: number;
  /** Base URL of the public HTTP API; confirmation and unsubscribe links start with it. */
  publicBaseUrl: string;
  /** From header of every email, e.g. `موجز <digest@example.com>`: a verified SES identity. */
  fromAddress: string;
  newsletter: NewsletterIdentity;
  /** IANA zone of the newsletter: the dates its emails print. */
  timeZone: string;
  confirmWithinMs: number;
  /** At most one confirmation email per address within this long (MUJAZ_CONFIRMATION_COOLDOWN_MINUTES). */
  confirmationCooldownMs: number;
  /** Reports each email carries in full; the rest are headlines linking to the edition's web page. */
  featuredReports: number;
  /** The longest one delivery attempt may run: the deliver function's timeout (a claim older than it was abandoned). */
  staleClaimMs: number;
  /** Messages per second, all senders together; absent in Lambda means the account's SES quota (GetSendQuota). */
  sendRate?: number;
  sesTimeoutMs: number;
  sesConfigurationSet?: string;
  templatesDirectory: string;
}

/** What every Lambda function reads besides MujazConfig. */
export interface LambdaConfig {
  region: string;
  /** Secrets Manager secret holding the HMAC key of confirmation and unsubscribe links. */
  tokenSecretArn: string;
}

/** What the admin function reads besides LambdaConfig. */
export interface AdminFunctionConfig extends LambdaConfig {
  /** Secrets Manager secret holding the bearer token of the admin routes. */
  adminTokenSecretArn: string;
  /** The function that runs full sends, invoked asynchronously by POST /digests. */
  sendDigestFunctionName: string;
}

/** What `npm run dev` and `npm run demo` read: ports and secrets of the local stack, each optional. */
export interface LocalConfig {
  apiPort?: number;
  sesPort?: number;
  dynamoPort?: number;
  /** Already running services to use instead of starting one (e.g. a fault-injecting proxy in front of SES). */
  running: { dynamoEndpoint?: string; sesEndpoint?: string; sqsEndpoint?: string };
  /** Batches of readers the local runtime's queue poller delivers at once (Lambda: the event source's concurrency). */
  deliveryWorkers: number;
  /** Bearer token of the admin routes; generated and printed when unset. */
  adminToken?: string;
  /** HMAC key of confirmation and unsubscribe links; generated when unset. */
  tokenSecret?: string;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Mujaz is not configured: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

const mujazEnvironment = z.object({
  MUJAZ_TABLE_NAME: z.string().min(1),
  MUJAZ_DELIVERY_QUEUE_URL: z.url({ protocol: /^https?$/u }),
  MUJAZ_SUBSCRIPTION_QUEUE_URL: z.url({ protocol: /^https?$/u }),
  MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(MAX_RATE_LIMIT).default(5),
  MUJAZ_PUBLIC_BASE_URL: z.url({ protocol: /^https?$/u }),
  MUJAZ_FROM_ADDRESS: z.string().min(3),
  MUJAZ_NEWSLETTER_NAME: z
    .string()
    .min(1)
    // Every email and page shows it: what renders as nothing would only make it differ from what readers see.
    .refine((name) => !hasControlOrInvisibleCharacters(name), 'holds control or invisible characters')
    .default('موجز'),
  MUJAZ_NEWSLETTER_LANGUAGE: z.enum(['ar', 'en']).default('ar'),
  MUJAZ_TIME_ZONE: z.string().refine(isTimeZone, 'not an IANA time zone').default('UTC'),
  MUJAZ_CONFIRM_WITHIN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(48),
  MUJAZ_CONFIRMATION_COOLDOWN_MINUTES: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(10),
  MUJAZ_FEATURED_REPORTS: z.coerce.number().int().min(0).max(50).default(10),
  MUJAZ_DELIVERY_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(900).default(30),
  MUJAZ_SEND_RATE: z.coerce.number().min(1).max(10_000).optional(),
  MUJAZ_SES_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  MUJAZ_SES_CONFIGURATION_SET: z.string().min(1).optional(),
  MUJAZ_TEMPLATES_DIR: z.string().min(1).optional(),
});

const lambdaEnvironment = z.object({
  AWS_REGION: z.string().min(1),
  MUJAZ_TOKEN_SECRET_ARN: z.string().min(1),
});

const adminFunctionEnvironment = z.object({
  MUJAZ_ADMIN_TOKEN_SECRET_ARN: z.string().min(1),
  MUJAZ_SEND_DIGEST_FUNCTION_NAME: z.string().min(1),
});

/** Named to the user by `npm run dev`, which says where its admin token came from. */
export const LOCAL_ADMIN_TOKEN_VARIABLE = 'MUJAZ_ADMIN_TOKEN';

const port = z.coerce.number().int().min(1).max(65_535);
const localEnvironment = z.object({
  PORT: port.optional(),
  MUJAZ_SES_PORT: port.optional(),
  MUJAZ_DYNAMODB_PORT: port.optional(),
  MUJAZ_DYNAMODB_ENDPOINT: z.url({ protocol: /^https?$/u }).optional(),
  MUJAZ_SES_ENDPOINT: z.url({ protocol: /^https?$/u }).optional(),
  MUJAZ_SQS_ENDPOINT: z.url({ protocol: /^https?$/u }).optional(),
  MUJAZ_DELIVERY_WORKERS: z.coerce.number().int().min(1).max(64).default(4),
  [LOCAL_ADMIN_TOKEN_VARIABLE]: z.string().min(16).optional(),
  MUJAZ_TOKEN_SECRET: z.string().min(32).optional(),
});

export function readConfig(env: NodeJS.ProcessEnv): MujazConfig {
  const values = parseEnvironment(mujazEnvironment, env);
  return {
    tableName: values.MUJAZ_TABLE_NAME,
    deliveryQueueUrl: values.MUJAZ_DELIVERY_QUEUE_URL,
    subscriptionQueueUrl: values.MUJAZ_SUBSCRIPTION_QUEUE_URL,
    subscribesPerClientPerMinute: values.MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE,
    publicBaseUrl: values.MUJAZ_PUBLIC_BASE_URL,
    fromAddress: values.MUJAZ_FROM_ADDRESS,
    newsletter: { name: values.MUJAZ_NEWSLETTER_NAME, language: values.MUJAZ_NEWSLETTER_LANGUAGE },
    timeZone: values.MUJAZ_TIME_ZONE,
    confirmWithinMs: values.MUJAZ_CONFIRM_WITHIN_HOURS * 3_600_000,
    confirmationCooldownMs: values.MUJAZ_CONFIRMATION_COOLDOWN_MINUTES * 60_000,
    featuredReports: values.MUJAZ_FEATURED_REPORTS,
    staleClaimMs: values.MUJAZ_DELIVERY_TIMEOUT_SECONDS * 1_000,
    ...(values.MUJAZ_SEND_RATE !== undefined ? { sendRate: values.MUJAZ_SEND_RATE } : {}),
    sesTimeoutMs: values.MUJAZ_SES_TIMEOUT_MS,
    ...(values.MUJAZ_SES_CONFIGURATION_SET ? { sesConfigurationSet: values.MUJAZ_SES_CONFIGURATION_SET } : {}),
    templatesDirectory: findTemplatesDirectory(values.MUJAZ_TEMPLATES_DIR),
  };
}

/** The local stack's config: the environment, with local defaults for what it leaves out. */
export function readLocalStackConfig(
  env: NodeJS.ProcessEnv,
  apiUrl: string,
  queues: { deliveryQueueUrl: string; subscriptionQueueUrl: string },
): MujazConfig {
  return readConfig({
    MUJAZ_TABLE_NAME: 'mujaz',
    MUJAZ_DELIVERY_QUEUE_URL: queues.deliveryQueueUrl,
    MUJAZ_SUBSCRIPTION_QUEUE_URL: queues.subscriptionQueueUrl,
    MUJAZ_PUBLIC_BASE_URL: apiUrl,
    MUJAZ_FROM_ADDRESS: 'موجز <digest@example.com>',
    ...env,
  });
}

/** The region alone: what a function that holds no secret (the feedback function) reads besides MujazConfig. */
export function readLambdaRegion(env: NodeJS.ProcessEnv): string {
  return parseEnvironment(lambdaEnvironment.pick({ AWS_REGION: true }), env).AWS_REGION;
}

export function readLambdaConfig(env: NodeJS.ProcessEnv): LambdaConfig {
  const values = parseEnvironment(lambdaEnvironment, env);
  return { region: values.AWS_REGION, tokenSecretArn: values.MUJAZ_TOKEN_SECRET_ARN };
}

export function readAdminFunctionConfig(env: NodeJS.ProcessEnv): AdminFunctionConfig {
  const values = parseEnvironment(adminFunctionEnvironment, env);
  return {
    ...readLambdaConfig(env),
    adminTokenSecretArn: values.MUJAZ_ADMIN_TOKEN_SECRET_ARN,
    sendDigestFunctionName: values.MUJAZ_SEND_DIGEST_FUNCTION_NAME,
  };
}

export function readLocalConfig(env: NodeJS.ProcessEnv): LocalConfig {
  const values = parseEnvironment(localEnvironment, env);
  return {
    ...(values.PORT ? { apiPort: values.PORT } : {}),
    ...(values.MUJAZ_SES_PORT ? { sesPort: values.MUJAZ_SES_PORT } : {}),
    ...(values.MUJAZ_DYNAMODB_PORT ? { dynamoPort: values.MUJAZ_DYNAMODB_PORT } : {}),
    running: {
      ...(values.MUJAZ_DYNAMODB_ENDPOINT ? { dynamoEndpoint: values.MUJAZ_DYNAMODB_ENDPOINT } : {}),
      ...(values.MUJAZ_SES_ENDPOINT ? { sesEndpoint: values.MUJAZ_SES_ENDPOINT } : {}),
      ...(values.MUJAZ_SQS_ENDPOINT ? { sqsEndpoint: values.MUJAZ_SQS_ENDPOINT } : {}),
    },
    deliveryWorkers: values.MUJAZ_DELIVERY_WORKERS,
    ...(values[LOCAL_ADMIN_TOKEN_VARIABLE] ? { adminToken: values[LOCAL_ADMIN_TOKEN_VARIABLE] } : {}),
    ...(values.MUJAZ_TOKEN_SECRET ? { tokenSecret: values.MUJAZ_TOKEN_SECRET } : {}),
  };
}

function parseEnvironment<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  // Name the variable and the problem, never the value: some of these are secrets.
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      return env[name] === undefined ? `${name} is missing` : `${name} is invalid (${issue.message})`;
    }),
  );
}

/**
 * Lambda bundles carry templates/ next to the handler, compiled (digest.js); in the repository they sit at its
 * root as MJML sources (digest.mjml), which the local runtime compiles when it starts.
 */
function findTemplatesDirectory(configured?: string): string {
  const candidates = configured
    ? [configured]
    : [join(__dirname, 'templates'), join(__dirname, '..', '..', 'templates')];
  const found = candidates.find(
    (directory) => existsSync(join(directory, 'digest.js')) || existsSync(join(directory, 'digest.mjml')),
  );
  if (!found) throw new ConfigError([`no email templates (digest.js or digest.mjml) in ${candidates.join(' or ')}`]);
  return found;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
