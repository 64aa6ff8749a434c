// Local runtime: reads what the local SES endpoint received (its GET /store), for the demo and the flow tests.
import * as z from 'zod';

const storedEmail = z.object({
  messageId: z.string(),
  from: z.string(),
  destination: z.object({ to: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ text: z.string().optional(), html: z.string().optional() }),
  at: z.number(),
});
const store = z.object({ emails: z.array(storedEmail) });

export type StoredEmail = z.infer<typeof storedEmail>;

export async function readSesInbox(sesEndpoint: string): Promise<StoredEmail[]> {
  const response = await fetch(`${sesEndpoint}/store`);
  if (!response.ok) throw new Error(`The SES endpoint answered ${response.status} to GET /store`);
  return store.parse(await response.json()).emails;
}

export async function emailsTo(sesEndpoint: string, recipient: string): Promise<StoredEmail[]> {
  return (await readSesInbox(sesEndpoint)).filter((email) =>
    email.destination.to.some((to) => to.toLowerCase().includes(recipient.toLowerCase())),
  );
}

/**
 * Waits until at least `count` emails to the recipient reached the SES endpoint (a confirmation is mailed from the
 * subscription queue, moments after the request was answered); throws, naming how many came, when time is up.
 */
export async function untilEmailsTo(
  sesEndpoint: string,
  recipient: string,
  { count = 1, timeoutMs = 30_000 }: { count?: number; timeoutMs?: number } = {},
): Promise<StoredEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsTo(sesEndpoint, recipient);
    if (emails.length >= count) return emails;
    if (Date.now() > deadline)
      throw new Error(`${emails.length} of ${count} email(s) reached the SES endpoint in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The first link in an email's HTML whose URL contains the given path. */
export function linkIn(email: StoredEmail, path: string): string | undefined {
  const hrefs = [...(email.body.html ?? '').matchAll(/href="([^"]+)"/gu)].map((match) =>
    match[1]!.replace(/&amp;/gu, '&'),
  );
  return hrefs.find((href) => href.includes(path));
}
