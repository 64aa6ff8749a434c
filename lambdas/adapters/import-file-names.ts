// Adapter: where an import's files sit, in the S3 bucket and the local folder alike: imports/<id>/list.csv (the list
// as uploaded) and imports/<id>/chunk-<n>.json, under the prefix the bucket's expiry rule names — and the ImportFiles
// port over any store of whole files, so that each store says only how it writes and reads one. The list is read
// into rows here, by the one CSV reader (formats/subscriber-csv.ts), so that the core never sees its syntax.
import type { AcceptedRow, UploadedList } from '../core/domain/import-rows';
import type { ImportFiles } from '../core/ports/import-files';
import { readSubscriberCsv } from '../formats/subscriber-csv';
import { IMPORT_FILES_PREFIX } from './import-queue-definition';

/** A file of an import, with its media type as a store labels it. */
export interface ImportFile {
  name: string;
  contentType: string;
}

export function importFileName(importId: string, chunk?: number): string {
  return `${IMPORT_FILES_PREFIX}${importId}/${chunk === undefined ? 'list.csv' : `chunk-${chunk}.json`}`;
}

const CSV = 'text/csv; charset=utf-8';
const JSON_TYPE = 'application/json';

/** An upload (its text) and its chunks (JSON) as files named by importFileName, in a store of whole files. */
export abstract class WholeFileImportFiles implements ImportFiles {
  /** Writes the text as one file, whole: a reader never sees part of it. */
  protected abstract write(file: ImportFile, text: string): Promise<void>;
  /** The file's text, or undefined when there is none. */
  protected abstract read(name: string): Promise<string | undefined>;

  saveUpload(importId: string, list: string): Promise<void> {
    return this.write({ name: importFileName(importId), contentType: CSV }, list);
  }

  async readUpload(importId: string): Promise<UploadedList | undefined> {
    const text = await this.read(importFileName(importId));
    return text === undefined ? undefined : readSubscriberCsv(text);
  }

  saveChunk(importId: string, chunk: number, rows: readonly AcceptedRow[]): Promise<void> {
    return this.write({ name: importFileName(importId, chunk), contentType: JSON_TYPE }, JSON.stringify(rows));
  }

  async readChunk(importId: string, chunk: number): Promise<AcceptedRow[] | undefined> {
    const text = await this.read(importFileName(importId, chunk));
    return text === undefined ? undefined : (JSON.parse(text) as AcceptedRow[]);
  }
}
