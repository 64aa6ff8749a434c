// Core port: the lists an import job works on, kept outside the table (S3 in AWS, a folder locally): the list as
// uploaded, and its accepted rows cut into chunks. Kept a few days, then deleted by the store. The list's syntax is
// the store's to read: the core sees rows, or why there are none.
import type { AcceptedRow, UploadedList } from '../domain/import-rows';

/** The files of import jobs, by import id. */
export interface ImportFiles {
  /** Stores the list as uploaded (its text, unread past what the edge checked); resolves once it is durable. */
  saveUpload(importId: string, list: string): Promise<void>;
  /**
   * The uploaded list read into rows, each with its line — or the problem that stops it being read, never quoting
   * it — or undefined when none is stored (never uploaded, or expired).
   */
  readUpload(importId: string): Promise<UploadedList | undefined>;
  /** Stores one chunk of accepted rows; saving the same chunk again replaces it. */
  saveChunk(importId: string, chunk: number, rows: readonly AcceptedRow[]): Promise<void>;
  /** One chunk's rows, or undefined when it is not stored. */
  readChunk(importId: string, chunk: number): Promise<AcceptedRow[] | undefined>;
}
