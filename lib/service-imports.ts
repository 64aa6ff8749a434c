// Infrastructure, part of the service stack: subscriber imports as jobs — the private bucket uploaded lists wait in
// (encrypted, TLS only, expired after a few days), the import queue with its dead-letter queue, and the import
// function that checks a list and imports it chunk by chunk. The admin function uploads and queues (grantUpload).
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { IMPORT_FILES_PREFIX, importQueue, importVisibilitySeconds } from '../lambdas/adapters/import-queue-definition';
import { ENVIRONMENT_VARIABLES } from '../lambdas/composition/config';
import { deadLetterQueue } from './dead-letter-queue';
import { MujazFunction } from './mujaz-function';
import { acceptFinding } from './nag';

export interface MujazImportsProps {
  table: ITableV2;
  /** The settings every function reads (MujazDelivery's). */
  environment: Record<string, string>;
  /** Where an import queues its subscribe requests (the deliver function mails their confirmations). */
  subscriptions: IQueue;
  sourceMapsAtRuntime: boolean;
}

/** Made in the stack's own scope, like every part of the service stack (see MujazStatelessStack). */
export class MujazImports {
  readonly files: Bucket;
  readonly steps: IQueue;
  readonly worker: MujazFunction;
  /** Queues that hold what failed here, by the name their alarm takes. */
  readonly deadLetterQueues: Record<'ImportDeadLetters', IQueue>;
  private readonly environment: Record<string, string>;

  constructor(scope: Construct, props: MujazImportsProps) {
    // Lists of addresses: nobody reads them but the two functions, and nothing is kept once an import is over.
    this.files = new Bucket(scope, 'ImportFiles', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      versioned: false,
      lifecycleRules: [
        { prefix: IMPORT_FILES_PREFIX, expiration: Duration.days(importQueue.filesExpireDays) },
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    acceptFinding(
      this.files,
      'AwsSolutions-S1',
      'Only the admin and import functions touch it, each call in their traces and logs; its files expire in days.',
    );

    const deadLetters = deadLetterQueue(scope, 'ImportDeadLetters');
    const steps = new Queue(scope, 'ImportSteps', {
      visibilityTimeout: Duration.seconds(importVisibilitySeconds(importQueue.timeoutSeconds)),
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: importQueue.maxReceiveCount },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.steps = steps;
    this.deadLetterQueues = { ImportDeadLetters: deadLetters };
    this.environment = {
      [ENVIRONMENT_VARIABLES.importQueueUrl]: steps.queueUrl,
      [ENVIRONMENT_VARIABLES.importBucket]: this.files.bucketName,
    };

    this.worker = new MujazFunction(scope, 'ImportSubscribers', {
      sourceMapsAtRuntime: props.sourceMapsAtRuntime,
      environment: { ...props.environment, ...this.environment },
      handler: 'import-subscribers',
      description: 'Mujaz: checks an uploaded subscriber list and imports it chunk by chunk, each chunk counted once',
      timeout: Duration.seconds(importQueue.timeoutSeconds),
      memorySize: 1024,
    }).bindTable(props.table);
    this.grantObjects(this.worker, ['s3:GetObject', 's3:PutObject']);
    steps.grantSendMessages(this.worker.function);
    props.subscriptions.grantSendMessages(this.worker.function);
    acceptFinding(
      this.worker.function,
      'Serverless-LambdaDLQ',
      'Only SQS invokes it: the import queue’s redrive policy is its dead-letter queue.',
    );
    acceptFinding(
      this.worker.function,
      'Serverless-LambdaEventSourceMappingDestination',
      'SQS event sources take no on-failure destination; the queue’s redrive policy moves a failing step to its dead-letter queue.',
    );
    this.worker.function.addEventSource(
      new SqsEventSource(steps, {
        batchSize: importQueue.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: importQueue.maxConcurrency,
      }),
    );
  }

  /** Lets a function store uploaded lists and queue their imports, and tells it where (the admin function). */
  grantUpload(fn: MujazFunction): void {
    for (const [name, value] of Object.entries(this.environment)) fn.function.addEnvironment(name, value);
    this.grantObjects(fn, ['s3:PutObject']);
    this.steps.grantSendMessages(fn.function);
  }

  /** Exactly these object actions, on the imports' prefix alone: no listing, no bucket action, no delete. */
  private grantObjects(fn: MujazFunction, actions: string[]): void {
    fn.function.addToRolePolicy(
      new PolicyStatement({ actions, resources: [this.files.arnForObjects(`${IMPORT_FILES_PREFIX}*`)] }),
    );
    acceptFinding(
      fn.function.role ?? fn.function,
      `AwsSolutions-IAM5[Resource::<${Stack.of(this.files).getLogicalId(this.files.node.defaultChild as CfnBucket)}.Arn>/${IMPORT_FILES_PREFIX}*]`,
      'Each import’s files are named by its id, made at upload: the imports’ prefix is the narrowest resource.',
    );
  }
}
