// Composition: the only code that reads configuration. Every variable any entry point reads is declared here,
// typed, read once and loud at start, naming what is missing and never printing a value. .env.example lists them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { parseAllowEntry } from '../adapters/fetch-allow-entry';
import { staleClaimMs, workQueue } from '../adapters/work-queue-definition';
import { normalizeEmail } from '../core/domain/email-address';
import type { NewsletterIdentity } from '../core/domain/newsletter-labels';
import { NEWSLETTER_LANGUAGES } from '../core/domain/newsletter-languages';
import { MAX_RATE_LIMIT } from '../core/domain/rate-window';
import { hasControlOrInvisibleCharacters } from '../core/domain/text-cleaning';
import { isTimeZone } from '../core/domain/time-zone';

/**
 * Every environment variable Mujaz reads, by what it holds: the one spelling of each name. The CDK app (`lib/`) sets
 * the functions' variables by these names, and a CDK test reads each synthesized function's environment back
 * through the readers below.
 */
export const ENVIRONMENT_VARIABLES = {
  tableName: 'MUJAZ_TABLE_NAME',
  deliveryQueueUrl: 'MUJAZ_DELIVERY_QUEUE_URL',
  subscriptionQueueUrl: 'MUJAZ_SUBSCRIPTION_QUEUE_URL',
  subscribesPerClientPerMinute: 'MUJAZ_SUBSCRIBE_PER_IP_PER_MINUTE',
  publicBaseUrl: 'MUJAZ_PUBLIC_BASE_URL',
  fromAddress: 'MUJAZ_FROM_ADDRESS',
  newsletterName: 'MUJAZ_NEWSLETTER_NAME',
  newsletterLanguage: 'MUJAZ_NEWSLETTER_LANGUAGE',
  timeZone: 'MUJAZ_TIME_ZONE',
  digestSchedule: 'MUJAZ_DIGEST_SCHEDULE',
  confirmWithinHours: 'MUJAZ_CONFIRM_WITHIN_HOURS',
  confirmationCooldownMinutes: 'MUJAZ_CONFIRMATION_COOLDOWN_MINUTES',
  featuredReports: 'MUJAZ_FEATURED_REPORTS',
  deliverTimeoutSeconds: 'MUJAZ_DELIVERY_TIMEOUT_SECONDS',
  sendRate: 'MUJAZ_SEND_RATE',
  sesTimeoutMs: 'MUJAZ_SES_TIMEOUT_MS',
  sesConfigurationSet: 'MUJAZ_SES_CONFIGURATION_SET',
  templatesDirectory: 'MUJAZ_TEMPLATES_DIR',
  /** The console's operators, comma-separated: set on the admin and deliver functions (`mujaz:operators`). */
  operators: 'MUJAZ_OPERATORS',
  /** Tests and `npm run dev` only: never set in the stack (a CDK test holds it to that). */
  fetchAllow: 'MUJAZ_FETCH_ALLOW',
  /** Set by Lambda itself. */
  region: 'AWS_REGION',
  tokenSecretArn: 'MUJAZ_TOKEN_SECRET_ARN',
  adminTokenSecretArn: 'MUJAZ_ADMIN_TOKEN_SECRET_ARN',
  sendDigestFunctionName: 'MUJAZ_SEND_DIGEST_FUNCTION_NAME',
  sourcePollQueueUrl: 'MUJAZ_SOURCE_POLL_QUEUE_URL',
  importQueueUrl: 'MUJAZ_IMPORT_QUEUE_URL',
  importBucket: 'MUJAZ_IMPORT_BUCKET',
  localApiPort: 'PORT',
  localSesPort: 'MUJAZ_SES_PORT',
  localDynamoPort: 'MUJAZ_DYNAMODB_PORT',
  localDynamoEndpoint: 'MUJAZ_DYNAMODB_ENDPOINT',
  localSesEndpoint: 'MUJAZ_SES_ENDPOINT',
  localSqsEndpoint: 'MUJAZ_SQS_ENDPOINT',
  localDeliveryWorkers: 'MUJAZ_DELIVERY_WORKERS',
  localAdminToken: 'MUJAZ_ADMIN_TOKEN',
  localTokenSecret: 'MUJAZ_TOKEN_SECRET',
} as const;
const V = ENVIRONMENT_VARIABLES;

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
  /** The digest's cron expression, as the schedule sends it (mujaz:digestSchedule): the console's next send. */
  digestSchedule?: string;
  confirmWithinMs: number;
  /** At most one confirmation email per address within this long (MUJAZ_CONFIRMATION_COOLDOWN_MINUTES). */
  confirmationCooldownMs: number;
  /** Reports each email carries in full; the rest are headlines linking to the edition's web page. */
  featuredReports: number;
  /** The longest one delivery attempt may run: the deliver function's timeout. */
  deliverTimeoutSeconds: number;
  /** How old a claim must be to belong to an attempt that died (staleClaimMs in work-queue-definition.ts). */
  staleClaimMs: number;
  /** Messages per second, all senders together; absent in Lambda means the account's SES quota (GetSendQuota). */
  sendRate?: number;
  sesTimeoutMs: number;
  sesConfigurationSet?: string;
  templatesDirectory: string;
  /**
   * `host:port` of local servers the web fetcher may reach although their addresses are not public
   * (MUJAZ_FETCH_ALLOW, comma-separated; tests and `npm run dev` only, never set in the stack). Empty: nothing
   * bypasses the public-address guard.
   */
  fetchAllow: string[];
  /**
   * The addresses that may sign in to the console, each in its one spelling (email-address.ts): MUJAZ_OPERATORS,
   * comma-separated. Empty: nobody can.
   */
  operators: string[];
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

/** What the functions that read feeds (and the local runtime) read besides MujazConfig. */
export interface FeedConfig {
  /** The SQS FIFO queue polls wait in for the poll function. */
  sourcePollQueueUrl: string;
}

/** What the functions that run imports (admin, import) read besides MujazConfig. */
export interface ImportConfig {
  /** The SQS queue an import's steps wait in for the import function. */
  importQueueUrl: string;
  /** The private S3 bucket uploaded lists wait in; the local runtime keeps them in a folder instead. */
  importBucket: string;
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
  [V.tableName]: z.string().min(1),
  [V.deliveryQueueUrl]: z.url({ protocol: /^https?$/u }),
  [V.subscriptionQueueUrl]: z.url({ protocol: /^https?$/u }),
  [V.subscribesPerClientPerMinute]: z.coerce.number().int().min(1).max(MAX_RATE_LIMIT).default(5),
  [V.publicBaseUrl]: z.url({ protocol: /^https?$/u }),
  [V.fromAddress]: z.string().min(3),
  [V.newsletterName]: z
    .string()
    .min(1)
    // Every email and page shows it: what renders as nothing would only make it differ from what readers see.
    .refine((name) => !hasControlOrInvisibleCharacters(name), 'holds control or invisible characters')
    .default('موجز'),
  [V.newsletterLanguage]: z.enum(NEWSLETTER_LANGUAGES).default('ar'),
  [V.timeZone]: z.string().refine(isTimeZone, 'not an IANA time zone').default('UTC'),
  [V.digestSchedule]: z
    .string()
    .regex(/^cron\(.+\)$/u, 'not a cron(…) expression')
    .optional(),
  [V.confirmWithinHours]: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(48),
  [V.confirmationCooldownMinutes]: z.coerce
    .number()
    .min(0)
    .max(24 * 60)
    .default(10),
  [V.featuredReports]: z.coerce.number().int().min(0).max(50).default(10),
  [V.deliverTimeoutSeconds]: z.coerce.number().int().min(1).max(900).default(workQueue.deliverTimeoutSeconds),
  [V.sendRate]: z.coerce.number().min(1).max(10_000).optional(),
  [V.sesTimeoutMs]: z.coerce.number().int().min(100).default(10_000),
  [V.sesConfigurationSet]: z.string().min(1).optional(),
  [V.templatesDirectory]: z.string().min(1).optional(),
  [V.fetchAllow]: z
    .string()
    .optional()
    .transform((list) => listEntries(list))
    .superRefine((entries, context) => {
      entries.forEach((entry, index) => {
        try {
          parseAllowEntry(entry);
        } catch (error) {
          // The entry's place, not its text: config errors print no value.
          context.addIssue({ code: 'custom', message: `entry ${index + 1} is ${(error as Error).message}` });
        }
      });
    }),
  [V.operators]: z
    .string()
    .optional()
    .transform((list) => listEntries(list))
    .transform((entries, context) =>
      entries.map((entry, index) => {
        try {
          return normalizeEmail(entry);
        } catch {
          // The entry's place, not the address: config errors print no value.
          context.addIssue({ code: 'custom', message: `entry ${index + 1} is not an email address` });
          return entry;
        }
      }),
    ),
});

const lambdaEnvironment = z.object({
  [V.region]: z.string().min(1),
  [V.tokenSecretArn]: z.string().min(1),
});

const adminFunctionEnvironment = z.object({
  [V.adminTokenSecretArn]: z.string().min(1),
  [V.sendDigestFunctionName]: z.string().min(1),
});

const feedEnvironment = z.object({
  [V.sourcePollQueueUrl]: z.url({ protocol: /^https?$/u }),
});

const importEnvironment = z.object({
  [V.importQueueUrl]: z.url({ protocol: /^https?$/u }),
  // S3's bucket naming rules.
  [V.importBucket]: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/u),
});

/** Named to the user by `npm run dev`, which says where its admin token came from. */
export const LOCAL_ADMIN_TOKEN_VARIABLE = V.localAdminToken;

const port = z.coerce.number().int().min(1).max(65_535);
const localEnvironment = z.object({
  [V.localApiPort]: port.optional(),
  [V.localSesPort]: port.optional(),
  [V.localDynamoPort]: port.optional(),
  [V.localDynamoEndpoint]: z.url({ protocol: /^https?$/u }).optional(),
  [V.localSesEndpoint]: z.url({ protocol: /^https?$/u }).optional(),
  [V.localSqsEndpoint]: z.url({ protocol: /^https?$/u }).optional(),
  [V.localDeliveryWorkers]: z.coerce.number().int().min(1).max(64).default(4),
  [V.localAdminToken]: z.string().min(16).optional(),
  [V.localTokenSecret]: z.string().min(32).optional(),
});

export function readConfig(env: NodeJS.ProcessEnv): MujazConfig {
  const values = parseEnvironment(mujazEnvironment, env);
  return {
    tableName: values[V.tableName],
    deliveryQueueUrl: values[V.deliveryQueueUrl],
    subscriptionQueueUrl: values[V.subscriptionQueueUrl],
    subscribesPerClientPerMinute: values[V.subscribesPerClientPerMinute],
    publicBaseUrl: values[V.publicBaseUrl],
    fromAddress: values[V.fromAddress],
    newsletter: { name: values[V.newsletterName], language: values[V.newsletterLanguage] },
    timeZone: values[V.timeZone],
    ...(values[V.digestSchedule] !== undefined ? { digestSchedule: values[V.digestSchedule] } : {}),
    confirmWithinMs: values[V.confirmWithinHours] * 3_600_000,
    confirmationCooldownMs: values[V.confirmationCooldownMinutes] * 60_000,
    featuredReports: values[V.featuredReports],
    deliverTimeoutSeconds: values[V.deliverTimeoutSeconds],
    staleClaimMs: staleClaimMs(values[V.deliverTimeoutSeconds]),
    ...(values[V.sendRate] !== undefined ? { sendRate: values[V.sendRate] } : {}),
    sesTimeoutMs: values[V.sesTimeoutMs],
    ...(values[V.sesConfigurationSet] ? { sesConfigurationSet: values[V.sesConfigurationSet] } : {}),
    templatesDirectory: findTemplatesDirectory(values[V.templatesDirectory]),
    fetchAllow: values[V.fetchAllow].map(parseAllowEntry),
    operators: [...new Set(values[V.operators])],
  };
}

/** A comma-separated list's entries, trimmed, empty ones dropped. */
function listEntries(list: string | undefined): string[] {
  return (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/**
 * `env` with `hosts` (host:port) added to MUJAZ_FETCH_ALLOW, after what it allows already: how `npm run demo` lets
 * the runtime it starts reach the feed it serves itself.
 */
export function withFetchAllowed(env: NodeJS.ProcessEnv, hosts: readonly string[]): NodeJS.ProcessEnv {
  return { ...env, [V.fetchAllow]: [...listEntries(env[V.fetchAllow]), ...hosts].join(',') };
}

/** The local stack's config: the environment, with local defaults for what it leaves out. */
export function readLocalStackConfig(
  env: NodeJS.ProcessEnv,
  apiUrl: string,
  queues: { deliveryQueueUrl: string; subscriptionQueueUrl: string },
): MujazConfig {
  return readConfig({
    [V.tableName]: 'mujaz',
    [V.deliveryQueueUrl]: queues.deliveryQueueUrl,
    [V.subscriptionQueueUrl]: queues.subscriptionQueueUrl,
    [V.publicBaseUrl]: apiUrl,
    [V.fromAddress]: 'موجز <digest@example.com>',
    ...env,
  });
}

/** The region alone: what a function that holds no secret (the feedback function) reads besides MujazConfig. */
export function readLambdaRegion(env: NodeJS.ProcessEnv): string {
  return parseEnvironment(lambdaEnvironment.pick({ [V.region]: true }), env)[V.region];
}

export function readLambdaConfig(env: NodeJS.ProcessEnv): LambdaConfig {
  const values = parseEnvironment(lambdaEnvironment, env);
  return { region: values[V.region], tokenSecretArn: values[V.tokenSecretArn] };
}

export function readAdminFunctionConfig(env: NodeJS.ProcessEnv): AdminFunctionConfig {
  const values = parseEnvironment(adminFunctionEnvironment, env);
  return {
    ...readLambdaConfig(env),
    adminTokenSecretArn: values[V.adminTokenSecretArn],
    sendDigestFunctionName: values[V.sendDigestFunctionName],
  };
}

export function readFeedConfig(env: NodeJS.ProcessEnv): FeedConfig {
  const values = parseEnvironment(feedEnvironment, env);
  return { sourcePollQueueUrl: values[V.sourcePollQueueUrl] };
}

export function readImportConfig(env: NodeJS.ProcessEnv): ImportConfig {
  const values = parseEnvironment(importEnvironment, env);
  return { importQueueUrl: values[V.importQueueUrl], importBucket: values[V.importBucket] };
}

/** The sources function reads the admin token's secret, and nothing else. */
export function readSourcesFunctionConfig(env: NodeJS.ProcessEnv): { adminTokenSecretArn: string } {
  const values = parseEnvironment(adminFunctionEnvironment.pick({ [V.adminTokenSecretArn]: true }), env);
  return { adminTokenSecretArn: values[V.adminTokenSecretArn] };
}

/**
 * `npm run dev`'s environment: MUJAZ_OPERATORS as set, or `fallback` alone when it is unset or empty, so that a
 * newcomer can sign in to the console at once. `chosen`: whether they were set.
 */
export function withLocalOperators(
  env: NodeJS.ProcessEnv,
  fallback: string,
): { environment: NodeJS.ProcessEnv; operators: string; chosen: boolean } {
  const chosen = (env[V.operators] ?? '').trim();
  if (chosen !== '') return { environment: env, operators: chosen, chosen: true };
  return { environment: { ...env, [V.operators]: fallback }, operators: fallback, chosen: false };
}

export function readLocalConfig(env: NodeJS.ProcessEnv): LocalConfig {
  const values = parseEnvironment(localEnvironment, env);
  return {
    ...(values[V.localApiPort] ? { apiPort: values[V.localApiPort] } : {}),
    ...(values[V.localSesPort] ? { sesPort: values[V.localSesPort] } : {}),
    ...(values[V.localDynamoPort] ? { dynamoPort: values[V.localDynamoPort] } : {}),
    running: {
      ...(values[V.localDynamoEndpoint] ? { dynamoEndpoint: values[V.localDynamoEndpoint] } : {}),
      ...(values[V.localSesEndpoint] ? { sesEndpoint: values[V.localSesEndpoint] } : {}),
      ...(values[V.localSqsEndpoint] ? { sqsEndpoint: values[V.localSqsEndpoint] } : {}),
    },
    deliveryWorkers: values[V.localDeliveryWorkers],
    ...(values[V.localAdminToken] ? { adminToken: values[V.localAdminToken] } : {}),
    ...(values[V.localTokenSecret] ? { tokenSecret: values[V.localTokenSecret] } : {}),
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
