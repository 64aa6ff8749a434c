// Infrastructure: the newsletter's settings as the stacks take them (read from CDK context by mujaz-app.ts), and the
// From address they name.
import type { NewsletterLanguage } from '../lambdas/core/domain/newsletter-languages';

export interface NewsletterSettings {
  /** EventBridge Scheduler cron expression, e.g. `cron(0 17 ? * THU *)`. */
  digestSchedule: string;
  /** IANA time zone of the schedule; the emails print their dates in it too. */
  timeZone: string;
  fromAddress: string;
  newsletterName: string;
  newsletterLanguage: NewsletterLanguage;
  /**
   * Deliver invocations at once (the SQS event source's maximum concurrency). Size it to the send rate: each one
   * sends 30–50 messages/s, and more than the rate needs only wait on the pacer (docs/SCALING.md).
   */
  deliverConcurrency: number;
  /** The console's operators (`mujaz:operators`), each in its one spelling: the addresses a sign-in link is mailed to. */
  operators: string[];
  /** How often, in minutes, the finder looks for feed sources due a poll (each source is polled at most hourly). */
  feedPollMinutes: number;
}

/** The address and domain of a From header value (`موجز <digest@example.com>` or `digest@example.com`). */
export function senderAddress(from: string): { address: string; domain: string } {
  const address = (/<([^<>\s]+@[^<>\s]+)>\s*$/u.exec(from)?.[1] ?? from).trim().toLowerCase();
  const domain = address.split('@')[1];
  if (!domain || /[\s<>]/u.test(address)) throw new Error(`The From address "${from}" names no sender address.`);
  return { address, domain };
}
