// Composition: the send-digest function's use cases — open the next edition, compose it once, hand every confirmed
// reader to the delivery queue; and the watch that asks, a day after each send, whether it finished — bound to the
// adapters they run on. It mails nobody: no mailer, no ledger, no secret.
import * as z from 'zod';
import { InvalidInputError } from '../core/domain/errors';
import { publicLinks } from '../core/domain/links';
import { type DigestWatchDeps, type DigestWatchResult, watchDigest } from '../core/use-cases/digest-watch';
import { type ComposeDeps, type DigestSendSummary, type SendRequest, sendDigest } from '../core/use-cases/send-digest';
import type { CoreSettings } from './core-settings';

export interface DigestSender {
  /**
   * Resumes the edition being sent, or opens the next one with every report no edition took yet; composes it and
   * hands every confirmed reader to the delivery queue.
   */
  sendDigest(request?: SendRequest): Promise<DigestSendSummary>;
  /** Run a day after each scheduled send: whether a send finished since (overdue when none did). */
  watchDigest(): Promise<DigestWatchResult>;
}

export type DigestSenderDeps = Omit<ComposeDeps, 'links' | 'newsletter' | 'timeZone' | 'featuredReports'> &
  DigestWatchDeps;

export type DigestSenderSettings = Pick<CoreSettings, 'newsletter' | 'timeZone' | 'publicBaseUrl' | 'featuredReports'>;

export function composeDigestSender(deps: DigestSenderDeps, settings: DigestSenderSettings): DigestSender {
  const composing: ComposeDeps = {
    ...deps,
    links: publicLinks(settings.publicBaseUrl),
    newsletter: settings.newsletter,
    timeZone: settings.timeZone,
    featuredReports: settings.featuredReports,
  };
  return { sendDigest: (request) => sendDigest(composing, request), watchDigest: () => watchDigest(deps) };
}

/** The schedule's and the admin function's send request, or the watch a day after the schedule (never a send). */
const sendDigestEvent = z.union([
  z.object({ watch: z.literal(true) }).strict(),
  z.object({ from: z.string().optional(), until: z.string().optional() }).strict(),
]);

/**
 * The send-digest function's event: EventBridge Scheduler's `{}`, the admin function's `{from?, until?}`, or the
 * watch schedule's `{watch: true}`.
 */
export function sendDigestEventHandler(
  sender: DigestSender,
): (event: unknown) => Promise<DigestSendSummary | DigestWatchResult> {
  return async (event) => {
    const parsed = sendDigestEvent.safeParse(event ?? {});
    // A malformed event would fail the same way on every retry: report it and stop.
    if (!parsed.success) throw new InvalidInputError(`Unexpected send-digest event: ${parsed.error.message}`);
    return 'watch' in parsed.data ? sender.watchDigest() : sender.sendDigest(parsed.data);
  };
}
