// Core use cases: an operator's way into the console — asked for on a form (limited, queued whoever asks), mailed
// as a one-time link to operators alone (the deliver function, through the shared SES pacing), taken once by the
// link page's button, held as a 12-hour session that sign-out ends. Tokens and session ids are drawn here and kept
// hashed by the store.
import {
  type ConsoleSession,
  isLive,
  isOperator,
  SIGN_IN_REQUESTS_PER_MINUTE,
  type SignInLink,
  sessionFor,
  signInLinkFor,
} from '../domain/console-access';
import { normalizeEmail } from '../domain/email-address';
import { MailOutcomeUnknownError, RateLimitedError, SignInLinkRefusedError } from '../domain/errors';
import type { PublicLinks } from '../domain/links';
import type { NewsletterIdentity } from '../domain/newsletter-labels';
import type { NewsletterLanguage } from '../domain/newsletter-languages';
import { maskEmail } from '../domain/redaction';
import { signInEmailLabels } from '../domain/sign-in-email-labels';
import { layoutOf } from '../domain/text-direction';
import type { QueuedSignIn } from '../domain/work-queue-messages';
import type { Clock } from '../ports/clock';
import type { ConsoleAccessStore } from '../ports/console-access-store';
import type { SignInLinkRenderer } from '../ports/email-renderer';
import type { IdSource } from '../ports/id-source';
import type { Logger } from '../ports/logger';
import type { Mailer } from '../ports/mailer';
import type { RateLimiter } from '../ports/rate-limiter';
import type { SendPacer } from '../ports/send-pacer';
import type { SignInQueue } from '../ports/sign-in-queue';
import { sendPaced } from './paced-send';

export interface ConsoleAccessDeps {
  access: ConsoleAccessStore;
  /** The operators' addresses, normalized (operatorAddresses). */
  operators: ReadonlySet<string>;
  ids: IdSource;
  clock: Clock;
  logger: Logger;
  newsletter: NewsletterIdentity;
}

export interface SignInRequestDeps {
  signInQueue: SignInQueue;
  limiter: RateLimiter;
  clock: Clock;
}

export interface SignInMailDeps extends ConsoleAccessDeps {
  mailer: Mailer;
  pacer: SendPacer;
  signInRenderer: SignInLinkRenderer;
  links: PublicLinks;
}

/**
 * The sign-in form, posted: counted against the client and against the address (RateLimitedError past either), the
 * address checked, the request queued — the same path whoever it names, so that neither the answer nor its time
 * tells an operator's address from another.
 */
export async function requestSignIn(
  deps: SignInRequestDeps,
  rawEmail: string,
  language: NewsletterLanguage,
  client: string,
): Promise<void> {
  const email = normalizeEmail(rawEmail);
  const now = deps.clock.now();
  for (const counted of [`console-sign-in:client:${client}`, `console-sign-in:address:${email}`]) {
    const verdict = await deps.limiter.take(counted, SIGN_IN_REQUESTS_PER_MINUTE, now);
    if (!verdict.allowed) throw new RateLimitedError(verdict.retryAfterSeconds);
  }
  await deps.signInQueue.enqueueSignIn({ email, language });
}

export type SignInMailOutcome = 'link-sent' | 'not-an-operator';

/**
 * A queued sign-in request (the deliver function): an operator's address gets a fresh one-time link, kept hashed,
 * in the language of the page it was asked from; anyone else's, nothing. MailRefusedError when SES refused it (the
 * request comes back, and a new link is drawn: the refused one never left).
 */
export async function mailSignInLink(deps: SignInMailDeps, request: QueuedSignIn): Promise<SignInMailOutcome> {
  if (!isOperator(deps.operators, request.email)) return 'not-an-operator';
  const now = deps.clock.now();
  const token = deps.ids.secret();
  await deps.access.saveSignInLink(token, signInLinkFor(request.email, request.language, now));
  const words = signInEmailLabels(request.language, deps.newsletter.name);
  const rendered = await deps.signInRenderer.renderSignInLink({
    subject: words.emailSubject,
    newsletterName: deps.newsletter.name,
    language: request.language,
    ...layoutOf(request.language),
    heading: words.emailHeading,
    body: words.emailBody,
    button: words.emailButton,
    ignoreNote: words.emailIgnore,
    signInUrl: deps.links.consoleSignInUrl(token),
  });
  try {
    // Paced as a confirmation: a one-off message that must not wait behind a digest's readers.
    const { messageId } = await sendPaced(deps, 'confirmation', { to: request.email, ...rendered });
    deps.logger.info('console sign-in link sent', { recipient: maskEmail(request.email), messageId });
  } catch (error) {
    // It may have arrived: the link stays good, and asking again sends another.
    if (!(error instanceof MailOutcomeUnknownError)) throw error;
    deps.logger.warn('console sign-in link outcome unknown; not resent', { recipient: maskEmail(request.email) });
  }
  return 'link-sent';
}

/** The link page (GET): the link's language while it would sign in; SignInLinkRefusedError otherwise. Uses nothing. */
export async function checkSignInLink(
  deps: ConsoleAccessDeps,
  token: string,
): Promise<{ language: NewsletterLanguage }> {
  const link = await deps.access.findSignInLink(token, deps.clock.now());
  if (!link || !isOperator(deps.operators, link.email)) throw refused();
  return { language: link.language };
}

/**
 * The link page's button (POST): uses the link — once, however many requests race for it — and opens a session for
 * its operator, in the language the operator chose last (else the link's). The session's id is the caller's to set
 * as the cookie; it is stored only hashed.
 */
export async function signIn(
  deps: ConsoleAccessDeps,
  token: string,
): Promise<{ sessionId: string; session: ConsoleSession }> {
  const now = deps.clock.now();
  const link: SignInLink | undefined = await deps.access.takeSignInLink(token, now);
  if (!link || !isLive(link, now) || !isOperator(deps.operators, link.email)) throw refused();
  const language = (await deps.access.operatorLanguage(link.email)) ?? link.language;
  const sessionId = deps.ids.secret();
  const session = sessionFor(link, language, deps.ids.secret(), now);
  await deps.access.saveSession(sessionId, session);
  deps.logger.info('console sign-in', { operator: maskEmail(link.email) });
  return { sessionId, session };
}

/** The session a cookie names while it is live and its operator still one; undefined sends to the sign-in page. */
export async function currentSession(
  deps: Pick<ConsoleAccessDeps, 'access' | 'clock' | 'operators'>,
  sessionId: string,
): Promise<ConsoleSession | undefined> {
  const now = deps.clock.now();
  const session = await deps.access.findSession(sessionId, now);
  if (!session || !isLive(session, now) || !isOperator(deps.operators, session.email)) return undefined;
  return session;
}

export async function signOut(deps: ConsoleAccessDeps, sessionId: string): Promise<void> {
  await deps.access.deleteSession(sessionId);
}

/** The operator's console language: this session's from now on, and remembered for the operator's next sign-ins. */
export async function chooseConsoleLanguage(
  deps: ConsoleAccessDeps,
  sessionId: string,
  session: ConsoleSession,
  language: NewsletterLanguage,
): Promise<void> {
  await deps.access.setOperatorLanguage(session.email, language);
  await deps.access.setSessionLanguage(sessionId, language);
}

function refused(): SignInLinkRefusedError {
  return new SignInLinkRefusedError();
}
