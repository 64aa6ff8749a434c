// Adapter: import files in the stack's private S3 bucket, one object per list or chunk under the import's id
// (import-file-names.ts); the bucket's lifecycle rule deletes them a few days later.
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type ImportFile, WholeFileImportFiles } from './import-file-names';

export class S3ImportFiles extends WholeFileImportFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {
    super();
  }

  protected async write(file: ImportFile, text: string): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: file.name, Body: text, ContentType: file.contentType }),
    );
  }

  protected async read(key: string): Promise<string | undefined> {
    try {
      const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Body ? await Body.transformToString('utf8') : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey')) return undefined;
      throw error;
    }
  }
}
