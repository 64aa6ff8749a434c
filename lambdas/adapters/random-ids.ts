// Adapter: identifiers from the operating system's cryptographic random source: nobody can guess the next one.
import { randomBytes } from 'node:crypto';
import type { IdSource } from '../core/ports/id-source';

export const randomIds: IdSource = {
  subscriptionId: () => randomBytes(16).toString('base64url'),
  sourceId: () => randomBytes(12).toString('base64url'),
  importId: () => randomBytes(12).toString('base64url'),
  secret: () => randomBytes(32).toString('base64url'),
};
