// Adapter: sends email through Amazon SES (SendRawEmail), with MIME built by nodemailer's MailComposer.
import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailer, OutgoingEmail } from '../core/ports/mailer';

export interface SesMailerOptions {
  /** RFC 5322 From, e.g. `Mujaz <digest@example.com>`; must be a verified SES identity. */
  from: string;
  /** SES calls that hang (throttling, a stuck endpoint) fail after this many milliseconds. */
  timeoutMs: number;
  configurationSetName?: string;
  /** Called with every message SES accepted (the local runtime keeps them as .eml files). */
  onSent?: (raw: Buffer, messageId: string) => Promise<void>;
}

export class SesMailer implements Mailer {
  constructor(
    private readonly ses: SESClient,
    private readonly options: SesMailerOptions,
  ) {}

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const raw = await composeMime(this.options.from, email);
    const response = await this.ses.send(
      new SendRawEmailCommand({
        RawMessage: { Data: raw },
        ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
      }),
      { abortSignal: AbortSignal.timeout(this.options.timeoutMs) },
    );
    if (!response.MessageId) throw new Error('SES accepted the message but returned no MessageId');
    await this.options.onSent?.(raw, response.MessageId);
    return { messageId: response.MessageId };
  }
}

export function composeMime(from: string, email: OutgoingEmail): Promise<Buffer> {
  const composer = new MailComposer({
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: email.headers,
    // base64 keeps Arabic text at 4/3 of its size where quoted-printable roughly triples it.
    textEncoding: 'base64',
  });
  return composer.compile().build();
}
