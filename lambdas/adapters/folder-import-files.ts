// Adapter: import files in a local folder, for `npm run dev`, the demo and the tests — what the S3 bucket holds in
// AWS, one file per list or chunk, under the import's id.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type ImportFile, WholeFileImportFiles } from './import-file-names';

export class FolderImportFiles extends WholeFileImportFiles {
  constructor(private readonly folder: string) {
    super();
  }

  protected async write(file: ImportFile, text: string): Promise<void> {
    const path = join(this.folder, file.name);
    await mkdir(join(path, '..'), { recursive: true });
    // Written aside, then renamed: a reader never sees half a file.
    await writeFile(`${path}.partial`, text);
    await rename(`${path}.partial`, path);
  }

  protected async read(name: string): Promise<string | undefined> {
    try {
      return await readFile(join(this.folder, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }
}
