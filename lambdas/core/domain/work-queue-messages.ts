// Core: the messages of the deliver function's two queues — a reader's turn (from a send), a subscribe request (its
// confirmation to mail) and a console sign-in request (its link to mail, operators only) — in one schema that the SQS writers serialize through and the batch handler parses
// with, and the retry policy for a message whose email SES refused.
import * as z from 'zod';
import type { DeliveryRequest } from './delivery';
import { MAX_EMAIL_LENGTH } from './email-address';
import { isLanguageTag } from './language-tag';
import { NEWSLETTER_LANGUAGES, type NewsletterLanguage } from './newsletter-languages';
import type { SubscriptionRequest } from './subscriber';

const address = z.string().min(3).max(MAX_EMAIL_LENGTH);

const readerTurn = z.object({ editionId: z.string().min(1).max(12), email: address }).strict();

const subscribeRequest = z
  .object({
    kind: z.literal('subscription'),
    email: address,
    via: z.enum(['form', 'api', 'import']),
    language: z.string().refine(isLanguageTag, 'not an ISO 639 code').optional(),
  })
  .strict();

const signInRequest = z
  .object({ kind: z.literal('console-sign-in'), email: address, language: z.enum(NEWSLETTER_LANGUAGES) })
  .strict();

const workQueueMessage = z.union([readerTurn, subscribeRequest, signInRequest]);

/** A subscribe request as queued: the address in its one spelling, and how the reader asked. */
export interface QueuedSubscription extends SubscriptionRequest {
  email: string;
}

/**
 * A console sign-in request as queued, whoever's address it names: the deliver function mails a link to operators
 * alone, so that neither the answer nor its time tells who one is.
 */
export interface QueuedSignIn {
  email: string;
  /** The language of the page the request came from: the email's. */
  language: NewsletterLanguage;
}

export type WorkQueueMessage =
  | { kind: 'reader-turn'; request: DeliveryRequest }
  | { kind: 'subscribe-request'; request: QueuedSubscription }
  | { kind: 'sign-in-request'; request: QueuedSignIn };

/** A reader's turn as the delivery queue carries it. */
export function readerTurnBody(request: DeliveryRequest): string {
  return JSON.stringify(readerTurn.parse({ editionId: request.editionId, email: request.email }));
}

/** A subscribe request as the subscription queue carries it. */
export function subscribeRequestBody(request: QueuedSubscription): string {
  return JSON.stringify(
    subscribeRequest.parse({
      kind: 'subscription',
      email: request.email,
      via: request.via,
      ...(request.language ? { language: request.language } : {}),
    }),
  );
}

/** A console sign-in request as the subscription queue carries it. */
export function signInRequestBody(request: QueuedSignIn): string {
  return JSON.stringify(
    signInRequest.parse({ kind: 'console-sign-in', email: request.email, language: request.language }),
  );
}

/** What a message body holds, or undefined for anything else: it would fail the same way on every receive. */
export function parseWorkQueueMessage(body: string): WorkQueueMessage | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = workQueueMessage.safeParse(json);
  if (!parsed.success) return undefined;
  if ('kind' in parsed.data) {
    if (parsed.data.kind === 'console-sign-in') {
      const { kind: _kind, ...request } = parsed.data;
      return { kind: 'sign-in-request', request };
    }
    const { kind: _kind, ...request } = parsed.data;
    return { kind: 'subscribe-request', request };
  }
  return { kind: 'reader-turn', request: parsed.data };
}

/** A message goes to the dead-letter queue after this many receives: SES refused its email every time. */
export const MAX_RECEIVES = 5;

/** Whether this receive is a message's last: refused now, it is dead-lettered rather than tried again. */
export const isLastReceive = (receiveCount: number) => receiveCount >= MAX_RECEIVES;

/**
 * How long a refused message waits before the queue hands it out again, by how often it was received: 2 s, 4 s,
 * 8 s … at most 5 minutes — SES refusals (throttling, an outage) pass in seconds to minutes.
 */
export function retryDelaySeconds(receiveCount: number): number {
  return Math.min(300, 2 ** Math.max(1, receiveCount));
}
