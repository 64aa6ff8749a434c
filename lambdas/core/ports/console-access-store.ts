// Core port: where sign-in links and console sessions are kept (the DynamoDB table in AWS and locally). Only hashes
// of their tokens are stored: whoever reads the table cannot sign in with what it holds.
import type { ConsoleSession, SignInLink } from '../domain/console-access';
import type { NewsletterLanguage } from '../domain/newsletter-languages';

/** Sign-in links, console sessions and operators' console language, kept only under hashes of the tokens. */
export interface ConsoleAccessStore {
  /** Keeps a mailed link under a hash of `token`, until its expiry (the store may forget it after). */
  saveSignInLink(token: string, link: SignInLink): Promise<void>;
  /** The link `token` names while it is unused and live at `now`, without using it; undefined otherwise. */
  findSignInLink(token: string, now: Date): Promise<SignInLink | undefined>;
  /**
   * Uses the link once: removes it in one conditional write that only a live, unused link passes, and answers it;
   * undefined when it is unknown, used already (by this or a concurrent request) or expired at `now`.
   */
  takeSignInLink(token: string, now: Date): Promise<SignInLink | undefined>;
  /** Keeps a session under a hash of `id`, until its expiry. */
  saveSession(id: string, session: ConsoleSession): Promise<void>;
  /** The session `id` names while it is live at `now`; undefined for an unknown, ended or expired one. */
  findSession(id: string, now: Date): Promise<ConsoleSession | undefined>;
  /** Ends the session: it opens nothing afterwards. Ending one that is gone already is no error. */
  deleteSession(id: string): Promise<void>;
  /** Changes the language of a live session (its page shell speaks it from the next request on). */
  setSessionLanguage(id: string, language: NewsletterLanguage): Promise<void>;
  /** The console language an operator chose last, remembered across sessions and browsers; undefined if never. */
  operatorLanguage(email: string): Promise<NewsletterLanguage | undefined>;
  /** Remembers the operator's console language for their next sign-ins. */
  setOperatorLanguage(email: string, language: NewsletterLanguage): Promise<void>;
}
