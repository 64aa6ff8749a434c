// Adapter: console sign-in links, sessions and operators' preferences in the DynamoDB table. A link and a session
// are stored under the SHA-256 of their random token (256 bits: no key needed to make the hash unguessable), so the
// table holds nothing that signs anyone in. Each item carries its expiry twice: in ms, which every read checks, and
// in seconds as `expiresAt`, DynamoDB's TTL, which removes it some time later. A link is used by a conditional
// delete: of two requests racing with one link, one gets it.
import { createHash } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ConsoleSession, SignInLink } from '../core/domain/console-access';
import { isNewsletterLanguage, type NewsletterLanguage } from '../core/domain/newsletter-languages';
import type { ConsoleAccessStore } from '../core/ports/console-access-store';
import { isConditionFailure } from './dynamo-items';
import { consoleSessionKey, operatorPreferencesKey, signInLinkKey } from './dynamo-keys';

interface StoredLink {
  email: string;
  language: NewsletterLanguage;
  expiresAtMs: number;
}

interface StoredSession extends StoredLink {
  csrfSecret: string;
}

export class DynamoConsoleAccessStore implements ConsoleAccessStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async saveSignInLink(token: string, link: SignInLink): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...signInLinkKey(hashOf(token)),
          entity: 'sign-in-link',
          email: link.email,
          language: link.language,
          ...expiry(link.expiresAt),
        },
      }),
    );
  }

  async findSignInLink(token: string, now: Date): Promise<SignInLink | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: signInLinkKey(hashOf(token)), ConsistentRead: true }),
    );
    return live(Item as StoredLink | undefined, now, linkOf);
  }

  async takeSignInLink(token: string, now: Date): Promise<SignInLink | undefined> {
    try {
      const { Attributes } = await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: signInLinkKey(hashOf(token)),
          ConditionExpression: 'attribute_exists(pk) AND expiresAtMs > :now',
          ExpressionAttributeValues: { ':now': now.getTime() },
          ReturnValues: 'ALL_OLD',
        }),
      );
      return live(Attributes as StoredLink | undefined, now, linkOf);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async saveSession(id: string, session: ConsoleSession): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...consoleSessionKey(hashOf(id)),
          entity: 'console-session',
          email: session.email,
          language: session.language,
          csrfSecret: session.csrfSecret,
          ...expiry(session.expiresAt),
        },
      }),
    );
  }

  async findSession(id: string, now: Date): Promise<ConsoleSession | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: consoleSessionKey(hashOf(id)), ConsistentRead: true }),
    );
    return live(Item as StoredSession | undefined, now, (stored) => ({
      ...linkOf(stored),
      csrfSecret: stored.csrfSecret,
    }));
  }

  async deleteSession(id: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: consoleSessionKey(hashOf(id)) }));
  }

  async setSessionLanguage(id: string, language: NewsletterLanguage): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: consoleSessionKey(hashOf(id)),
          UpdateExpression: 'SET #language = :language',
          // A session signed out meanwhile stays gone.
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#language': 'language' },
          ExpressionAttributeValues: { ':language': language },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async operatorLanguage(email: string): Promise<NewsletterLanguage | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: operatorPreferencesKey(email) }),
    );
    const language: unknown = Item?.language;
    return isNewsletterLanguage(language) ? language : undefined;
  }

  async setOperatorLanguage(email: string, language: NewsletterLanguage): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { ...operatorPreferencesKey(email), entity: 'operator', language },
      }),
    );
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

function expiry(expiresAtMs: number) {
  return { expiresAtMs, expiresAt: Math.ceil(expiresAtMs / 1000) };
}

function linkOf(stored: StoredLink): SignInLink {
  return { email: stored.email, language: stored.language, expiresAt: stored.expiresAtMs };
}

/** An item read back, while it lives: DynamoDB's TTL deletes expired items only eventually. */
function live<S extends StoredLink, T>(stored: S | undefined, now: Date, toDomain: (stored: S) => T): T | undefined {
  if (stored === undefined || !(now.getTime() < stored.expiresAtMs)) return undefined;
  return toDomain(stored);
}
