// Composition: the only code that reads configuration. Typed, read once, and loud at cold start.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { NewsletterIdentity } from '../core/domain/digest';

export interface MujazConfig {
  tableName: string;
  /** Base URL of the public HTTP API; confirmation and unsubscribe links start with it. */
  publicBaseUrl: string;
  /** From header of every email, e.g. `موجز <digest@example.com>`: a verified SES identity. */
  fromAddress: string;
  newsletter: NewsletterIdentity;
  /** IANA zone of the weekly schedule; it decides which week a report and a send belong to. */
  timeZone: string;
  confirmWithinMs: number;
  sendConcurrency: number;
  sesTimeoutMs: number;
  sesConfigurationSet?: string;
  templatesDirectory: string;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Mujaz is not configured: ${problems.join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Every variable the functions read; .env.example documents each one. */
const environmentSchema = z.object({
  MUJAZ_TABLE_NAME: z.string().min(1),
  MUJAZ_PUBLIC_BASE_URL: z.url({ protocol: /^https?$/u }),
  MUJAZ_FROM_ADDRESS: z.string().min(3),
  MUJAZ_NEWSLETTER_NAME: z.string().min(1).default('موجز'),
  MUJAZ_NEWSLETTER_LANGUAGE: z.enum(['ar', 'en']).default('ar'),
  MUJAZ_TIME_ZONE: z.string().refine(isTimeZone, 'not an IANA time zone').default('UTC'),
  MUJAZ_CONFIRM_WITHIN_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(48),
  MUJAZ_SEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  MUJAZ_SES_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  MUJAZ_SES_CONFIGURATION_SET: z.string().min(1).optional(),
  MUJAZ_TEMPLATES_DIR: z.string().min(1).optional(),
});

export function readConfig(env: NodeJS.ProcessEnv): MujazConfig {
  const values = parseEnvironment(environmentSchema, env);
  return {
    tableName: values.MUJAZ_TABLE_NAME,
    publicBaseUrl: values.MUJAZ_PUBLIC_BASE_URL,
    fromAddress: values.MUJAZ_FROM_ADDRESS,
    newsletter: { name: values.MUJAZ_NEWSLETTER_NAME, language: values.MUJAZ_NEWSLETTER_LANGUAGE },
    timeZone: values.MUJAZ_TIME_ZONE,
    confirmWithinMs: values.MUJAZ_CONFIRM_WITHIN_HOURS * 3_600_000,
    sendConcurrency: values.MUJAZ_SEND_CONCURRENCY,
    sesTimeoutMs: values.MUJAZ_SES_TIMEOUT_MS,
    ...(values.MUJAZ_SES_CONFIGURATION_SET ? { sesConfigurationSet: values.MUJAZ_SES_CONFIGURATION_SET } : {}),
    templatesDirectory: findTemplatesDirectory(values.MUJAZ_TEMPLATES_DIR),
  };
}

export function parseEnvironment<T extends z.ZodType>(schema: T, env: NodeJS.ProcessEnv): z.infer<T> {
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

/** Lambda bundles carry templates/ next to the handler; in the repository they sit at its root. */
export function findTemplatesDirectory(configured?: string): string {
  const candidates = configured
    ? [configured]
    : [join(__dirname, 'templates'), join(__dirname, '..', '..', 'templates')];
  const found = candidates.find((directory) => existsSync(join(directory, 'digest.mjml')));
  if (!found) throw new ConfigError([`no email templates (digest.mjml) in ${candidates.join(' or ')}`]);
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
