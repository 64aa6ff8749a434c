// Core port: console sign-in requests handed to whatever mails their links (the subscription queue, SQS), so that the
// answer to a sign-in form never waits on, or tells anything about, whether the address is an operator's.
import type { QueuedSignIn } from '../domain/work-queue-messages';

export type { QueuedSignIn } from '../domain/work-queue-messages';

/** Where sign-in requests wait for the deliver function to mail their links (to operators only). */
export interface SignInQueue {
  /** Resolves once the request is queued; rejects when it could not be. */
  enqueueSignIn(request: QueuedSignIn): Promise<void>;
}
