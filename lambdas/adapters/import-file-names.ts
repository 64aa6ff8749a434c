// Adapter: where an import's files sit, in the S3 bucket and the local folder alike: imports/<id>/list.json and
// imports/<id>/chunk-<n>.json. The bucket's expiry rule names the prefix.
export const IMPORT_FILES_PREFIX = 'imports/';

export function importFileName(importId: string, chunk?: number): string {
  return `${IMPORT_FILES_PREFIX}${importId}/${chunk === undefined ? 'list' : `chunk-${chunk}`}.json`;
}
