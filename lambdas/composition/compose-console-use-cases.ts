// Composition: the console's sign-in and sessions (the admin function's, and the local runtime's) bound to the
// adapters they run on: the access store, the limiter and the subscription queue, which carries sign-in requests to
// the deliver function.
import type { ConsoleUseCases } from '../core/console-use-cases';
import { operatorAddresses } from '../core/domain/console-access';
import {
  type ConsoleAccessDeps,
  checkSignInLink,
  chooseConsoleLanguage,
  currentSession,
  requestSignIn,
  type SignInRequestDeps,
  signIn,
  signOut,
} from '../core/use-cases/console-sign-in';
import type { CoreSettings } from './core-settings';

export type { ConsoleUseCases } from '../core/console-use-cases';

export type ConsoleDeps = Omit<ConsoleAccessDeps, 'operators' | 'newsletter'> & SignInRequestDeps;

export type ConsoleSettings = Pick<CoreSettings, 'newsletter' | 'operators'>;

export function composeConsoleUseCases(deps: ConsoleDeps, settings: ConsoleSettings): ConsoleUseCases {
  const access: ConsoleAccessDeps = {
    ...deps,
    operators: operatorAddresses(settings.operators),
    newsletter: settings.newsletter,
  };
  return {
    requestSignIn: (email, language, client) => requestSignIn(deps, email, language, client),
    checkSignInLink: (token) => checkSignInLink(access, token),
    signIn: (token) => signIn(access, token),
    currentSession: (sessionId) => currentSession(access, sessionId),
    signOut: (sessionId) => signOut(access, sessionId),
    chooseLanguage: (sessionId, session, language) => chooseConsoleLanguage(access, sessionId, session, language),
  };
}

/**
 * A session's check alone, for a function that serves console pages without signing anyone in (the sources
 * function): the access store and the operators, nothing that mails.
 */
export function composeConsoleSessions(
  deps: Pick<ConsoleAccessDeps, 'access' | 'clock'>,
  settings: Pick<ConsoleSettings, 'operators'>,
): Pick<ConsoleUseCases, 'currentSession'> {
  const access = { ...deps, operators: operatorAddresses(settings.operators) };
  return { currentSession: (sessionId) => currentSession(access, sessionId) };
}
