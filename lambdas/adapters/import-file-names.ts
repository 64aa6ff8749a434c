// Adapter: where an import's files sit, in the S3 bucket and the local folder alike: imports/<id>/list.json and
// imports/<id>/chunk-<n>.json, under the prefix the bucket's expiry rule names.
import { IMPORT_FILES_PREFIX } from './import-queue-definition';

export function importFileName(importId: string, chunk?: number): string {
  return `${IMPORT_FILES_PREFIX}${importId}/${chunk === undefined ? 'list' : `chunk-${chunk}`}.json`;
}
