// Core use-case helper: every message leaves through here — within the shared rate, and tried again while SES
// refuses it (safe: a refused message was not sent, and gives its place in the rate back), backing off when SES
// says to slow down.
import { MailRefusedError } from '../domain/delivery';
import type { SendKind } from '../domain/pacing';
import type { Mailer, OutgoingEmail } from '../ports/mailer';
import type { SendPacer } from '../ports/send-pacer';

/** Tries a refused message gets in one go; after that the caller decides (a digest's claim is released). */
export const SEND_ATTEMPTS = 3;

export async function sendPaced(
  deps: { mailer: Mailer; pacer: SendPacer },
  kind: SendKind,
  email: OutgoingEmail,
): Promise<{ messageId: string }> {
  for (let attempt = 0; ; attempt += 1) {
    const slot = await deps.pacer.acquire(kind);
    try {
      return await deps.mailer.send(email);
    } catch (error) {
      // An unknown outcome, or anything the mailer did not call a refusal, is never repeated here, and keeps its
      // place: SES may have counted it.
      if (!(error instanceof MailRefusedError)) throw error;
      await deps.pacer.giveBack(slot);
      if (attempt + 1 >= SEND_ATTEMPTS) throw error;
      if (error.throttled) await deps.pacer.backOff(attempt);
    }
  }
}
