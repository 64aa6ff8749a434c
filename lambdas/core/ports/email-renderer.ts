// Core port: turning view models into email bodies.
import type { DigestView, RenderedEmail } from '../domain/digest';
import type { NewsletterLanguage } from '../domain/newsletter-languages';
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
  /** The digest as a web page: its HTML alone, with no text part (a page needs none). */
  renderDigestPage(view: DigestView): Promise<string>;
  renderConfirmation(view: ConfirmationView): Promise<RenderedEmail>;
}

/** What a subscription needs of a renderer: only the confirmation email (the deliver function renders no digest). */
export type ConfirmationRenderer = Pick<EmailRenderer, 'renderConfirmation'>;

/** What the edition's web page needs of a renderer: the digest's HTML alone (the API function converts no text). */
export type DigestPageRenderer = Pick<EmailRenderer, 'renderDigestPage'>;
