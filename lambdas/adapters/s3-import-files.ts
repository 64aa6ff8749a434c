// Adapter: import files in the stack's private S3 bucket, one JSON object per list or chunk under the import's id
// (import-file-names.ts); the bucket's lifecycle rule deletes them a few days later.
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { AcceptedRow, ImportRow } from '../core/domain/import-rows';
import type { ImportFiles } from '../core/ports/import-files';
import { importFileName } from './import-file-names';

export class S3ImportFiles implements ImportFiles {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

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

  private async write(key: string, rows: readonly unknown[]): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify(rows),
        ContentType: 'application/json',
      }),
    );
  }

  private async read<T>(key: string): Promise<T[] | undefined> {
    try {
      const { Body } = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Body ? (JSON.parse(await Body.transformToString('utf8')) as T[]) : undefined;
    } catch (error) {
      if (error instanceof NoSuchKey || (error instanceof Error && error.name === 'NoSuchKey')) return undefined;
      throw error;
    }
  }
}
