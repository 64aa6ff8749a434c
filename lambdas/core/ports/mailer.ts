// Core port: handing a finished email to the outside world.

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}

export interface Mailer {
  /**
   * Resolves once the provider took the message. Rejects with MailOutcomeUnknownError when the request may have
   * reached it without an answer coming back; any other rejection means the message was not sent.
   */
  send(email: OutgoingEmail): Promise<{ messageId: string }>;
}
