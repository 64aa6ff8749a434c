// Infrastructure: reads the newsletter settings from context and wires the stateful and stateless stacks.
import type { App } from 'aws-cdk-lib';
import { isNewsletterLanguage, NEWSLETTER_LANGUAGES } from '../lambdas/core/domain/newsletter-languages';
import { isTimeZone } from '../lambdas/core/domain/time-zone';
import { MujazStatefulStack, type PublicDomainSettings } from './stateful-stack';
import { MujazStatelessStack, type NewsletterSettings, senderAddress } from './stateless-stack';

export function buildMujaz(app: App): { stateful: MujazStatefulStack; stateless: MujazStatelessStack } {
  const newsletter = readNewsletterSettings(app);
  const stateful = new MujazStatefulStack(app, 'MujazData', {
    description: 'Mujaz: table, secrets, sending domain and public domain (retained)',
    // false when the domain is already an SES identity of this account (made in the console or by another stack).
    emailDomain:
      app.node.tryGetContext('mujaz:verifyEmailDomain') === false
        ? undefined
        : senderAddress(newsletter.fromAddress).domain,
    publicDomain: readPublicDomain(app),
  });
  const stateless = new MujazStatelessStack(app, 'MujazService', {
    description: 'Mujaz: functions, HTTP API and weekly schedule',
    table: stateful.table,
    tokenSigningSecret: stateful.tokenSigningSecret,
    adminTokenSecret: stateful.adminTokenSecret,
    publicDomain: stateful.publicDomain,
    newsletter,
    sourceMapsAtRuntime: app.node.tryGetContext('mujaz:sourceMapsAtRuntime') === true,
  });
  return { stateful, stateless };
}

function readPublicDomain(app: App): PublicDomainSettings | undefined {
  const name: unknown = app.node.tryGetContext('mujaz:domainName');
  const certificateArn: unknown = app.node.tryGetContext('mujaz:certificateArn');
  if (name === undefined || name === '') {
    if (certificateArn !== undefined)
      throw new Error('cdk.json context "mujaz:certificateArn" needs "mujaz:domainName", the name it certifies');
    return undefined;
  }
  // A host name, not a URL: links become https://<name>/...
  if (typeof name !== 'string' || !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/u.test(name))
    throw new Error(
      `cdk.json context "mujaz:domainName" must be a host name such as news.example.com, not "${String(name)}"`,
    );
  if (certificateArn !== undefined && (typeof certificateArn !== 'string' || !certificateArn.startsWith('arn:')))
    throw new Error('cdk.json context "mujaz:certificateArn" must be an ACM certificate ARN');
  return { name, ...(certificateArn ? { certificateArn } : {}) };
}

function readNewsletterSettings(app: App): NewsletterSettings {
  const read = (key: string): string => {
    const value: unknown = app.node.tryGetContext(`mujaz:${key}`);
    if (typeof value !== 'string' || value.length === 0) throw new Error(`cdk.json context "mujaz:${key}" is missing`);
    return value;
  };
  const language = read('newsletterLanguage');
  if (!isNewsletterLanguage(language))
    throw new Error(
      `cdk.json context "mujaz:newsletterLanguage" must be one of ${NEWSLETTER_LANGUAGES.join(', ')}, not "${language}"`,
    );
  const timeZone = read('timeZone');
  if (!isTimeZone(timeZone))
    throw new Error(
      `cdk.json context "mujaz:timeZone" must be an IANA time zone such as Asia/Riyadh, not "${timeZone}"`,
    );
  const concurrency: unknown = app.node.tryGetContext('mujaz:deliverConcurrency') ?? 5;
  const deliverConcurrency = Number(concurrency);
  // SQS's event source takes 2 to 1,000.
  if (!Number.isInteger(deliverConcurrency) || deliverConcurrency < 2 || deliverConcurrency > 1_000)
    throw new Error(`cdk.json context "mujaz:deliverConcurrency" must be a whole number from 2 to 1000`);
  return {
    deliverConcurrency,
    digestSchedule: read('digestSchedule'),
    timeZone,
    fromAddress: read('fromAddress'),
    newsletterName: read('newsletterName'),
    newsletterLanguage: language,
  };
}
