// Composition: the adapters imports run on — the job records in the table, the import queue, the list files (S3 in
// AWS; the local runtime passes its folder) and the subscriber table and subscribe queue an import writes to.
import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoActivityLog } from '../adapters/dynamo-activity-log';
import { DynamoImportJobStore } from '../adapters/dynamo-import-job-store';
import type { DynamoSqsClients } from '../adapters/dynamo-sqs-clients';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { FolderImportFiles } from '../adapters/folder-import-files';
import { randomIds } from '../adapters/random-ids';
import { S3ImportFiles } from '../adapters/s3-import-files';
import { SqsImportQueue } from '../adapters/sqs-import-queue';
import { SqsSubscriptionQueue } from '../adapters/sqs-subscription-queue';
import { systemClock } from '../adapters/system-clock';
import type { ActivityDeps } from '../core/use-cases/activity-log';
import type { ImportJobDeps } from '../core/use-cases/import-jobs';
import type { CompositionOptions } from './composition-options';
import type { ImportConfig, MujazConfig } from './config';

export function awsImportDeps(
  config: Pick<MujazConfig, 'tableName' | 'subscriptionQueueUrl'> & Pick<ImportConfig, 'importQueueUrl'>,
  clients: DynamoSqsClients,
  /** The stack's bucket, or the local runtime's folder. */
  files: { s3: S3Client; bucket: string } | { folder: string },
  options: Pick<CompositionOptions, 'logger' | 'clock'>,
): ImportJobDeps & Pick<ActivityDeps, 'activity'> & { importQueue: SqsImportQueue } {
  return {
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    subscriptionQueue: new SqsSubscriptionQueue(clients.sqs, config.subscriptionQueueUrl),
    importJobs: new DynamoImportJobStore(clients.dynamo, config.tableName),
    activity: new DynamoActivityLog(clients.dynamo, config.tableName),
    importQueue: new SqsImportQueue(clients.sqs, config.importQueueUrl),
    importFiles: 'folder' in files ? new FolderImportFiles(files.folder) : new S3ImportFiles(files.s3, files.bucket),
    ids: randomIds,
    clock: options.clock ?? systemClock,
    logger: options.logger,
  };
}
