// Adapter: where an import's files sit, in the S3 bucket and the local folder alike: imports/<id>/list.json and
// imports/<id>/chunk-<n>.json, under the prefix the bucket's expiry rule names — and the ImportFiles port over any
// store of whole JSON files, so that each store says only how it writes and reads one.
import type { AcceptedRow, ImportRow } from '../core/domain/import-rows';
import type { ImportFiles } from '../core/ports/import-files';
import { IMPORT_FILES_PREFIX } from './import-queue-definition';

export function importFileName(importId: string, chunk?: number): string {
  return `${IMPORT_FILES_PREFIX}${importId}/${chunk === undefined ? 'list' : `chunk-${chunk}`}.json`;
}

/** An upload and its chunks as JSON files named by importFileName, in a store that writes and reads whole files. */
export abstract class JsonImportFiles implements ImportFiles {
  /** Writes the rows as one JSON file, whole: a reader never sees part of it. */
  protected abstract write(name: string, rows: readonly unknown[]): Promise<void>;
  /** The rows of the file, or undefined when there is none. */
  protected abstract read<T>(name: string): Promise<T[] | undefined>;

  saveUpload(importId: string, rows: readonly ImportRow[]): Promise<void> {
    return this.write(importFileName(importId), rows);
  }

  readUpload(importId: string): Promise<ImportRow[] | undefined> {
    return this.read(importFileName(importId));
  }

  saveChunk(importId: string, chunk: number, rows: readonly AcceptedRow[]): Promise<void> {
    return this.write(importFileName(importId, chunk), rows);
  }

  readChunk(importId: string, chunk: number): Promise<AcceptedRow[] | undefined> {
    return this.read(importFileName(importId, chunk));
  }
}
