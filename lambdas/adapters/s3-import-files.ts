// Adapter: import files in the stack's private S3 bucket, one JSON object per list or chunk under the import's id
// (import-file-names.ts); the bucket's lifecycle rule deletes them a few days later.
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { JsonImportFiles } from './import-file-names';

export class S3ImportFiles extends JsonImportFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {
    super();
  }

  protected async write(key: string, rows: readonly unknown[]): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify(rows),
        ContentType: 'application/json',
      }),
    );
  }

  protected async read<T>(key: string): Promise<T[] | undefined> {
    try {
      const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Body ? (JSON.parse(await Body.transformToString('utf8')) as T[]) : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey')) return undefined;
      throw error;
    }
  }
}
