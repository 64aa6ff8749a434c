// Core port: the work of an import job handed to its worker (SQS in AWS and locally): first the check of the whole
// list, then one message per chunk of it.
import type { ImportMessage } from '../domain/import-messages';

export type { ImportMessage } from '../domain/import-messages';

/** Where an import's steps wait for the import worker. */
export interface ImportQueue {
  /** Resolves once every message is queued; rejects when one could not be. */
  enqueue(messages: readonly ImportMessage[]): Promise<void>;
}
