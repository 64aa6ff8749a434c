// Core port: turning view models into email bodies.
import type { DigestView, RenderedEmail } from '../domain/digest';
import type { TextDirection } from '../domain/language';
import type { NewsletterLanguage } from '../domain/newsletter-labels';

export interface ConfirmationView {
  subject: string;
  newsletterName: string;
  language: NewsletterLanguage;
  direction: TextDirection;
  align: 'right' | 'left';
  heading: string;
  body: string;
  button: string;
  ignoreNote: string;
  confirmUrl: string;
}

export interface EmailRenderer {
  renderDigest(view: DigestView): Promise<RenderedEmail>;
  renderConfirmation(view: ConfirmationView): Promise<RenderedEmail>;
}
