// Core: imports as jobs — the facade the import routes call, and what the import worker runs on each message.
// composeImportUseCases and composeImportWorker (composition) bind them to the adapters.
import type { Actor } from './domain/activity';
import type { ImportProgress } from './use-cases/import-jobs';

export interface ImportUseCases {
  /**
   * Stores the list as uploaded (CSV text whose first line the edge checked) and queues its import; its id, before
   * any row is read. Logged as `actor`'s (default: API).
   */
  startImport(list: string, actor?: Actor): Promise<{ id: string }>;
  /** Where an import stands; InvalidInputError for what is no import id, NotFoundError for an unknown one. */
  importProgress(id: string): Promise<ImportProgress>;
}

export interface ImportWorker {
  /**
   * The first step: the whole list read and checked, its accepted rows cut into chunks, every chunk queued; or the
   * job failed, saying why, when the list cannot be read or is too long.
   */
  checkImport(id: string): Promise<void>;
  /** One chunk imported, its counts added once. */
  importChunk(id: string, chunk: number): Promise<void>;
  /** A step failed on its last try: the job is failed. */
  failImport(id: string): Promise<void>;
}
