// Adapter: import files in a local folder, for `npm run dev`, the demo and the tests — what the S3 bucket holds in
// AWS, one JSON file per list or chunk, under the import's id.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonImportFiles } from './import-file-names';

export class FolderImportFiles extends JsonImportFiles {
  constructor(private readonly folder: string) {
    super();
  }

  protected async write(name: string, rows: readonly unknown[]): Promise<void> {
    const path = join(this.folder, name);
    await mkdir(join(path, '..'), { recursive: true });
    // Written aside, then renamed: a reader never sees half a file.
    await writeFile(`${path}.partial`, JSON.stringify(rows));
    await rename(`${path}.partial`, path);
  }

  protected async read<T>(name: string): Promise<T[] | undefined> {
    try {
      return JSON.parse(await readFile(join(this.folder, name), 'utf8')) as T[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
