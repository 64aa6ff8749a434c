// Test double: a Mailer that keeps every email it accepted and fails on demand for chosen recipients.
import type { Mailer, OutgoingEmail } from '../../lambdas/core/ports/mailer';

export class RecordingMailer implements Mailer {
  /** Emails accepted, in the order they were sent. */
  readonly sent: OutgoingEmail[] = [];
  /** Every send attempt that was made to fail. */
  readonly rejected: OutgoingEmail[] = [];
  private readonly failing = new Map<string, () => Error>();
  private counter = 0;

  /** Makes later sends to these addresses throw (compared lower-cased, like normalized addresses). */
  failFor(...recipients: string[]): this {
    return this.failWith(() => new Error('RecordingMailer: this recipient was told to fail'), ...recipients);
  }

  /** Makes later sends to these addresses throw what `error` makes (a refusal, an unknown outcome …). */
  failWith(error: () => Error, ...recipients: string[]): this {
    for (const recipient of recipients) this.failing.set(recipient.toLowerCase(), error);
    return this;
  }

  /** Lets every address through again. */
  stopFailing(): this {
    this.failing.clear();
    return this;
  }

  async send(email: OutgoingEmail): Promise<{ messageId: string }> {
    const copy = structuredClone(email);
    const failure = this.failing.get(email.to.toLowerCase());
    if (failure) {
      this.rejected.push(copy);
      throw failure();
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
