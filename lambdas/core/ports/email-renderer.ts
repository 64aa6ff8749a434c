// Core port: turning view models into email bodies.
import type { DigestView, RenderedEmail } from '../domain/digest';
import type { NewsletterLanguage } from '../domain/newsletter-languages';
import type { TextLayout } from '../domain/text-direction';

/** The words of an email that asks for one click, in one language: a confirmation, a console sign-in. */
export interface OneLinkEmailView extends TextLayout {
  /** The email's subject line. */
  subject: string;
  /** The newsletter's name, as the From line and the heading show it. */
  newsletterName: string;
  /** The language the words are in: the page's lang attribute. */
  language: NewsletterLanguage;
  /** The line above the body. */
  heading: string;
  /** What the recipient is asked to do (and, for a sign-in, for how long the link works). */
  body: string;
  /** The button's label. */
  button: string;
  /** What to do if the recipient did not ask: nothing. */
  ignoreNote: string;
}

/** The confirmation email, in the reader's language, and the link its button opens. */
export interface ConfirmationView extends OneLinkEmailView {
  /** The signed confirmation link (GET shows a page; only its POST confirms). */
  confirmUrl: string;
}

/** The console sign-in email, in the language of the page it was asked from, and its one-time link. */
export interface SignInLinkView extends OneLinkEmailView {
  /** The link (GET shows a page with a button; only its POST signs in). */
  signInUrl: string;
}

/** Renders the console's sign-in email (a precompiled MJML template and its text part), HTML and text parts. */
export interface SignInLinkRenderer {
  /** The sign-in email in the view's language: subject, HTML and text parts, the link escaped in each. */
  renderSignInLink(view: SignInLinkView): Promise<RenderedEmail>;
}

/** Turns view models into email bodies (precompiled MJML templates, filled by Handlebars). */
export interface EmailRenderer {
  /** The digest email once per edition, HTML and text parts, before any reader's own links are put in. */
  renderDigest(view: DigestView): Promise<RenderedEmail>;
  /** The digest as a web page: its HTML alone, with no text part (a page needs none). */
  renderDigestPage(view: DigestView): Promise<string>;
  /** The confirmation email a new subscription is mailed, HTML and text parts. */
  renderConfirmation(view: ConfirmationView): Promise<RenderedEmail>;
}

/** What a subscription needs of a renderer: only the confirmation email (the deliver function renders no digest). */
export type ConfirmationRenderer = Pick<EmailRenderer, 'renderConfirmation'>;

/** What the edition's web page needs of a renderer: the digest's HTML alone (the API function converts no text). */
export type DigestPageRenderer = Pick<EmailRenderer, 'renderDigestPage'>;
