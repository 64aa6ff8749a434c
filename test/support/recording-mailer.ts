// Test double: a Mailer that keeps every email it accepted and fails on demand for chosen recipients.
import type { Mailer, OutgoingEmail } from '../../lambdas/core/ports/mailer';

export class RecordingMailer implements Mailer {
  /** Emails accepted, in the order they were sent. */
  readonly sent: OutgoingEmail[] = [];
  /** Every send attempt that was made to fail. */
  readonly rejected: OutgoingEmail[] = [];
  private readonly failing = new Set<string>();
  private counter = 0;

  /** Makes later sends to these addresses throw (compared lower-cased, like normalized addresses). */
  failFor(...recipients: string[]): this {
    for (const recipient of recipients) this.failing.add(recipient.toLowerCase());
    return this;
  }

  /** Lets every address through again. */
  stopFailing(): this {
    this.failing.clear();
    return this;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const copy = structuredClone(email);
    if (this.failing.has(email.to.toLowerCase())) {
      this.rejected.push(copy);
      throw new Error('RecordingMailer: this recipient was told to fail');
    }
    this.counter += 1;
    this.sent.push(copy);
    return { messageId: `recorded-${this.counter}` };
  }

  /** Test helper: the accepted emails to one address. */
  sentTo(recipient: string): OutgoingEmail[] {
    return this.sent.filter((email) => email.to === recipient);
  }
}
