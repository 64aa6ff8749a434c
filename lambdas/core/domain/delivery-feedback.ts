// Core layer: what SES tells us after a send — the events a configuration set publishes (or an identity's
// feedback notifications, which name the type `notificationType`). Only two concern the list: a permanent bounce
// (the address does not exist) and a complaint (the reader marked us as spam). Both suppress the address;
// transient bounces (a full mailbox) and every other event change nothing.
import * as z from 'zod';
import type { SuppressionReason } from './subscriber';

const recipients = z.array(z.object({ emailAddress: z.string() }).loose());

const sesEvent = z
  .object({
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    bounce: z.object({ bounceType: z.string(), bouncedRecipients: recipients }).loose().optional(),
    complaint: z.object({ complainedRecipients: recipients }).loose().optional(),
  })
  .loose();

export interface Suppression {
  /** As SES wrote it; the caller normalizes it like any address. */
  email: string;
  reason: SuppressionReason;
}

/** The addresses an SES event says to suppress; [] for anything else. Throws for what is no SES event at all. */
export function suppressionsIn(event: unknown): Suppression[] {
  const parsed = sesEvent.parse(event);
  const type = parsed.eventType ?? parsed.notificationType;
  if (type === 'Bounce' && parsed.bounce?.bounceType === 'Permanent') {
    return parsed.bounce.bouncedRecipients.map(({ emailAddress }) => ({ email: emailAddress, reason: 'bounce' }));
  }
  if (type === 'Complaint' && parsed.complaint) {
    return parsed.complaint.complainedRecipients.map(({ emailAddress }) => ({
      email: emailAddress,
      reason: 'complaint',
    }));
  }
  return [];
}
