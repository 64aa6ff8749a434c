// Core port: turning view models into email bodies.
import type { DigestView, RenderedEmail } from '../domain/digest';
import type { NewsletterLanguage } from '../domain/newsletter-labels';
import type { TextLayout } from '../domain/text-direction';

export interface ConfirmationView extends TextLayout {
  subject: string;
  newsletterName: string;
  language: NewsletterLanguage;
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

/** What a subscription needs of a renderer: only the confirmation email (the deliver function renders no digest). */
export type ConfirmationRenderer = Pick<EmailRenderer, 'renderConfirmation'>;
