// Adapter: sends email through Amazon SES (SendRawEmail), with MIME built by nodemailer's MailComposer.
import { type SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type MailComposerClass from 'nodemailer/lib/mail-composer';
import { MailOutcomeUnknownError, MailRefusedError } from '../core/domain/errors';
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

  /** One call to SES; a refused message is the caller's to try again (paced-send.ts), never this adapter's. */
  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const raw = await composeMime(this.options.from, email);
    const response = await this.ses
      .send(
        new SendRawEmailCommand({
          RawMessage: { Data: raw },
          ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
        }),
        { abortSignal: AbortSignal.timeout(this.options.timeoutMs) },
      )
      .catch((error: unknown) => {
        throw classifySendError(error);
      });
    // SES answered 200 yet named no message: it took the request, so it may well send it.
    if (!response.MessageId) throw new MailOutcomeUnknownError('SES accepted the message but returned no MessageId');
    // SES took it: a failure to keep a local copy must not turn a sent message into a failed one.
    await this.options.onSent?.(raw, response.MessageId).catch(() => undefined);
    return { messageId: response.MessageId };
  }
}

export function composeMime(from: string, email: OutgoingEmail): Promise<Buffer> {
  // Required here, not imported: nodemailer (~30 ms to load) waits for the first email, which most starts of the
  // admin function never send.
  const MailComposer = require('nodemailer/lib/mail-composer') as typeof MailComposerClass;
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

/**
 * Errors that mean the request never reached SES: the connection was not even made, or its TLS handshake failed on
 * the certificate — Node writes a request over TLS only once the handshake is done.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);
/**
 * The SDK's connect timeout (aws-clients.ts), told apart from a timeout after sending by its message alone. Should
 * the SDK reword it, such a timeout falls back to unknown: never resent, so never twice (ses-mailer.test.ts).
 */
const NOT_CONNECTED = /did not establish a connection/iu;

/**
 * Whether SES may have taken the message. An HTTP answer (throttling, 4xx, 5xx) says it did not — but the call
 * reached SES, which counts it against the rate; a connection never made (refused, no such host, a certificate not
 * trusted) or not opened in time says it did not, and SES never saw it. No answer at all
 * (a timeout, a reset, a closed socket) after the request left means nobody knows: that is MailOutcomeUnknownError,
 * which the caller must not retry.
 */
export function classifySendError(error: unknown): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  const answered = (failure as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (typeof answered === 'number') {
    const throttled = failure.name === 'Throttling' || failure.name === 'ThrottlingException' || answered === 429;
    return new MailRefusedError(`${failure.name}: ${failure.message}`, throttled ? 'throttled' : 'answered');
  }
  const code = (failure as { code?: string }).code;
  if (code !== undefined && NOT_SENT_CODES.has(code)) {
    return new MailRefusedError(`${code}: ${failure.message}`, 'unreached');
  }
  if (failure.name === 'TimeoutError' && NOT_CONNECTED.test(failure.message)) {
    return new MailRefusedError(`${failure.name}: ${failure.message}`, 'unreached');
  }
  return new MailOutcomeUnknownError(`${failure.name}: ${failure.message}`);
}
