// Core: what the console's sign-in and page shell do over HTTP — the facade the console routes call.
// composeConsoleUseCases (composition) binds it to the adapters of the admin function, of the local runtime or of a
// test. Mailing the links is the deliver function's (composeQueueWorker), not this facade's.
import type { ConsoleSession } from './domain/console-access';
import type { NewsletterLanguage } from './domain/newsletter-languages';

export interface ConsoleUseCases {
  /**
   * The sign-in form: counted per client and per address (RateLimitedError past either), then queued for the
   * deliver function whoever it names; it mails a link to operators only.
   */
  requestSignIn(email: string, language: NewsletterLanguage, client: string): Promise<void>;
  /** Checks a sign-in link without using it (GET: link scanners must not spend it); SignInLinkRefusedError. */
  checkSignInLink(token: string): Promise<{ language: NewsletterLanguage }>;
  /** Uses a sign-in link once and opens a 12-hour session; SignInLinkRefusedError when it cannot. */
  signIn(token: string): Promise<{ sessionId: string; session: ConsoleSession }>;
  /** The live session a cookie names, of a current operator; undefined otherwise. */
  currentSession(sessionId: string): Promise<ConsoleSession | undefined>;
  signOut(sessionId: string): Promise<void>;
  /** Switches the console's language for this session and the operator's next ones. */
  chooseLanguage(sessionId: string, session: ConsoleSession, language: NewsletterLanguage): Promise<void>;
}
