// Adapter: the S3 client of the functions that hold import files (admin, import), made once per process.
import { S3Client } from '@aws-sdk/client-s3';
import { type AwsClientOptions, sharedClientOptions } from './dynamo-sqs-clients';

export function createS3Client(options: Pick<AwsClientOptions, 'region' | 'credentials' | 'capture'>): S3Client {
  const capture = options.capture ?? ((client) => client);
  return capture(new S3Client(sharedClientOptions(options)));
}
