// Core port: the lists an import job works on, kept outside the table (S3 in AWS, a folder locally): the list as
// uploaded, and its accepted rows cut into chunks. Kept a few days, then deleted by the store.
import type { AcceptedRow, ImportRow } from '../domain/import-rows';

/** The files of import jobs, by import id. */
export interface ImportFiles {
  /** Stores the uploaded list's rows; resolves once they are durable. */
  saveUpload(importId: string, rows: readonly ImportRow[]): Promise<void>;
  /** The uploaded list's rows, or undefined when none are stored (never uploaded, or expired). */
  readUpload(importId: string): Promise<ImportRow[] | undefined>;
  /** Stores one chunk of accepted rows; saving the same chunk again replaces it. */
  saveChunk(importId: string, chunk: number, rows: readonly AcceptedRow[]): Promise<void>;
  /** One chunk's rows, or undefined when it is not stored. */
  readChunk(importId: string, chunk: number): Promise<AcceptedRow[] | undefined>;
}
