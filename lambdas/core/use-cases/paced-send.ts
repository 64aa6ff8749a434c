// Core use-case helper: every message leaves through here — within the shared rate, and tried again while SES
// refuses it (safe: a refused message was not sent), backing off when SES says to slow down. Each try takes a place
// of its own in the rate: SES counts every call it answers, a refused one too, so a refused try keeps its place for
// its second — were it given back, the retry could fill it within the same second, and throttling, SES's word to
// slow down, would make us call faster. Only a call that never reached SES gives its place back.
import { MailRefusedError } from '../domain/errors';
import type { SendKind } from '../domain/pacing';
import type { Mailer, OutgoingEmail } from '../ports/mailer';
import type { SendPacer } from '../ports/send-pacer';

/** Tries a refused message gets in one go; after that the caller decides (a digest's turn comes back later). */
export const SEND_ATTEMPTS = 3;

/**
 * The right to send this message, taken just before each try and given back after a refused one that will be tried
 * again: held only around the call to SES, never while waiting for the rate, so that a sender stopped while it
 * waits (a Lambda timing out) leaves nothing behind that looks like a message that may have gone.
 */
export interface SendClaim {
  /** False when the message is not this sender's to send (nothing is sent, the place in the rate given back). */
  take(): Promise<boolean>;
  giveBack(): Promise<void>;
}

type PacedDeps = { mailer: Mailer; pacer: SendPacer };

/** Resolves with SES's message id; with a claim, undefined when it could not be taken (then nothing was sent). */
export function sendPaced(deps: PacedDeps, kind: SendKind, email: OutgoingEmail): Promise<{ messageId: string }>;
export function sendPaced(
  deps: PacedDeps,
  kind: SendKind,
  email: OutgoingEmail,
  claim: SendClaim,
): Promise<{ messageId: string } | undefined>;
export async function sendPaced(
  deps: PacedDeps,
  kind: SendKind,
  email: OutgoingEmail,
  claim?: SendClaim,
): Promise<{ messageId: string } | undefined> {
  for (let attempt = 0; ; attempt += 1) {
    const slot = await deps.pacer.acquire(kind);
    if (claim && !(await claim.take())) {
      await deps.pacer.giveBack(slot);
      return undefined;
    }
    try {
      return await deps.mailer.send(email);
    } catch (error) {
      // An unknown outcome, or anything the mailer did not call a refusal, is never repeated here, and keeps its
      // place (SES may have counted it) and its claim.
      if (!(error instanceof MailRefusedError)) throw error;
      if (!error.reachedSes) await deps.pacer.giveBack(slot);
      // After the last try the claim stays with the caller, who records what became of the message.
      if (attempt + 1 >= SEND_ATTEMPTS) throw error;
      await claim?.giveBack();
      if (error.throttled) await deps.pacer.backOff(attempt);
    }
  }
}
