// Test double: ConsoleAccessStore over maps, keyed by the raw tokens (the DynamoDB adapter hashes them; its own
// integration test shows that). A link is taken once, as the adapter's conditional delete takes it.
import type { ConsoleSession, SignInLink } from '../../lambdas/core/domain/console-access';
import type { NewsletterLanguage } from '../../lambdas/core/domain/newsletter-languages';
import type { ConsoleAccessStore } from '../../lambdas/core/ports/console-access-store';

export class InMemoryConsoleAccessStore implements ConsoleAccessStore {
  readonly links = new Map<string, SignInLink>();
  readonly sessions = new Map<string, ConsoleSession>();
  readonly languages = new Map<string, NewsletterLanguage>();

  async saveSignInLink(token: string, link: SignInLink): Promise<void> {
    this.links.set(token, structuredClone(link));
  }

  async findSignInLink(token: string, now: Date): Promise<SignInLink | undefined> {
    const link = this.links.get(token);
    return link && now.getTime() < link.expiresAt ? structuredClone(link) : undefined;
  }

  async takeSignInLink(token: string, now: Date): Promise<SignInLink | undefined> {
    const link = await this.findSignInLink(token, now);
    if (link) this.links.delete(token);
    return link;
  }

  async saveSession(id: string, session: ConsoleSession): Promise<void> {
    this.sessions.set(id, structuredClone(session));
  }

  async findSession(id: string, now: Date): Promise<ConsoleSession | undefined> {
    const session = this.sessions.get(id);
    return session && now.getTime() < session.expiresAt ? structuredClone(session) : undefined;
  }

  async deleteSession(id: string): Promise<void> {
    this.sessions.delete(id);
  }

  async setSessionLanguage(id: string, language: NewsletterLanguage): Promise<void> {
    const session = this.sessions.get(id);
    if (session) session.language = language;
  }

  async operatorLanguage(email: string): Promise<NewsletterLanguage | undefined> {
    return this.languages.get(email);
  }

  async setOperatorLanguage(email: string, language: NewsletterLanguage): Promise<void> {
    this.languages.set(email, language);
  }
}
