// Infrastructure: reads the settings from CDK context (every one through lib/context.ts) and wires the stateful and
// stateless stacks.
import type { App } from 'aws-cdk-lib';
import { normalizeEmail } from '../lambdas/core/domain/email-address';
import { isNewsletterLanguage, NEWSLETTER_LANGUAGES } from '../lambdas/core/domain/newsletter-languages';
import { isTimeZone } from '../lambdas/core/domain/time-zone';
import { ContextSettingError, ContextSettings } from './context';
import { type NewsletterSettings, senderAddress } from './newsletter-settings';
import { MujazStatefulStack, type PublicDomainSettings } from './stateful-stack';
import { MujazStatelessStack } from './stateless-stack';

/** The one opt-in to synthesize with example values: tests, and `npm run synth` for a look at the templates. */
export const ALLOW_PLACEHOLDERS = 'mujaz:allowPlaceholders';

export function buildMujaz(app: App): { stateful: MujazStatefulStack; stateless: MujazStatelessStack } {
  const context = new ContextSettings(app.node);
  const newsletter = readNewsletterSettings(context);
  const publicDomain = readPublicDomain(context);
  // false when the domain is already an SES identity of this account (made in the console or by another stack).
  const verifyEmailDomain = context.boolean('mujaz:verifyEmailDomain', true);
  const sourceMapsAtRuntime = context.boolean('mujaz:sourceMapsAtRuntime', false);
  const allowPlaceholders = context.boolean(ALLOW_PLACEHOLDERS, false);
  const placeholders = placeholderSettings(newsletter, publicDomain);
  if (placeholders.length > 0 && !allowPlaceholders) throw placeholders[0]!;
  context.refuseUnread('mujaz:');

  const stateful = new MujazStatefulStack(app, 'MujazData', {
    description: 'Mujaz: table, secrets, sending domain and public domain (retained)',
    emailDomain: verifyEmailDomain ? senderAddress(newsletter.fromAddress).domain : undefined,
    publicDomain,
  });
  const stateless = new MujazStatelessStack(app, 'MujazService', {
    description: 'Mujaz: functions, HTTP API and weekly schedule',
    table: stateful.table,
    tokenSigningSecret: stateful.tokenSigningSecret,
    adminTokenSecret: stateful.adminTokenSecret,
    publicDomain: stateful.publicDomain,
    newsletter,
    sourceMapsAtRuntime,
  });
  return { stateful, stateless };
}

/** A host name, not a URL: links become https://<name>/... */
const HOST_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/u;

function readPublicDomain(context: ContextSettings): PublicDomainSettings | undefined {
  const name = context.optionalText('mujaz:domainName');
  const certificateArn = context.optionalText('mujaz:certificateArn');
  if (name === undefined) {
    if (certificateArn !== undefined)
      throw new ContextSettingError('mujaz:certificateArn', 'needs "mujaz:domainName", the name it certifies');
    return undefined;
  }
  if (!HOST_NAME.test(name))
    throw new ContextSettingError('mujaz:domainName', `must be a host name such as news.example.com, not "${name}"`);
  if (certificateArn !== undefined && !certificateArn.startsWith('arn:'))
    throw new ContextSettingError('mujaz:certificateArn', 'must be an ACM certificate ARN');
  return { name, ...(certificateArn ? { certificateArn } : {}) };
}

function readNewsletterSettings(context: ContextSettings): NewsletterSettings {
  const language = context.text('mujaz:newsletterLanguage');
  if (!isNewsletterLanguage(language))
    throw new ContextSettingError(
      'mujaz:newsletterLanguage',
      `must be one of ${NEWSLETTER_LANGUAGES.join(', ')}, not "${language}"`,
    );
  const timeZone = context.text('mujaz:timeZone');
  if (!isTimeZone(timeZone))
    throw new ContextSettingError('mujaz:timeZone', `must be an IANA time zone such as Asia/Riyadh, not "${timeZone}"`);
  const fromAddress = context.text('mujaz:fromAddress');
  try {
    senderAddress(fromAddress);
  } catch {
    throw new ContextSettingError('mujaz:fromAddress', `names no sender address: "${fromAddress}"`);
  }
  return {
    // SQS's event source takes 2 to 1,000.
    deliverConcurrency: context.integer('mujaz:deliverConcurrency', { min: 2, max: 1_000, fallback: 5 }),
    feedPollMinutes: context.integer('mujaz:feedPollMinutes', { min: 1, max: 1_440, fallback: 15 }),
    digestSchedule: context.text('mujaz:digestSchedule'),
    timeZone,
    fromAddress,
    newsletterName: context.text('mujaz:newsletterName'),
    newsletterLanguage: language,
    operators: readOperators(context),
  };
}

/** `mujaz:operators`: addresses, each normalized as every address is (email-address.ts); none is allowed (no console). */
function readOperators(context: ContextSettings): string[] {
  const operators = context.list('mujaz:operators').map((address, index) => {
    try {
      return normalizeEmail(address);
    } catch {
      throw new ContextSettingError('mujaz:operators', `entry ${index + 1} is not an email address: "${address}"`);
    }
  });
  return [...new Set(operators)];
}

/**
 * Names reserved for documentation (RFC 2606, RFC 6761) can never be the operator's own: a setting naming one is the
 * example cdk.json ships, and a deploy would make an SES identity of example.com.
 */
const RESERVED_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/u;

/** The settings still at an example value, each as the error a deploy gets. */
function placeholderSettings(
  newsletter: NewsletterSettings,
  publicDomain?: PublicDomainSettings,
): ContextSettingError[] {
  const named = [
    { key: 'mujaz:fromAddress', domain: senderAddress(newsletter.fromAddress).domain },
    ...(publicDomain ? [{ key: 'mujaz:domainName', domain: publicDomain.name }] : []),
    ...newsletter.operators.map((operator) => ({ key: 'mujaz:operators', domain: operator.split('@')[1]! })),
  ];
  return named
    .filter(({ domain }) => RESERVED_DOMAIN.test(domain))
    .map(
      ({ key, domain }) =>
        new ContextSettingError(
          key,
          `is an example: ${domain} is reserved for documentation, and cannot be yours to send from or serve. ` +
            `Set your own in cdk.json (docs/DEPLOY.md, "Settings"); to synthesize the example as it is, pass ` +
            `-c ${ALLOW_PLACEHOLDERS}=true, as npm run synth does`,
        ),
    );
}
