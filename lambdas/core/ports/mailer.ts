// Core port: handing a finished email to the outside world.

/** One reader's email, ready to go: the MIME message is built from it by the adapter (MailComposer). */
export interface OutgoingEmail {
  /** The one recipient, in its normalized spelling. */
  to: string;
  /** The subject line, as the reader sees it. */
  subject: string;
  /** The HTML part. */
  html: string;
  /** The plain-text part, the same content. */
  text: string;
  /** Extra headers, such as List-Unsubscribe and List-Unsubscribe-Post (RFC 8058). */
  headers?: Record<string, string>;
}

/** Hands a finished email to the mail service (SES in the functions, the local SES endpoint locally). */
export interface Mailer {
  /**
   * Resolves once the provider took the message. Rejects with MailOutcomeUnknownError when the request may have
   * reached it without an answer coming back; any other rejection means the message was not sent.
   */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
