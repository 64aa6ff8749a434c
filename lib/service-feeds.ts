// Infrastructure, part of the service stack: feeds — the sources function behind the API's /sources routes, the
// finder that EventBridge Scheduler runs every few minutes, the FIFO poll queue (the feed's host is the message
// group, so one host is polled by one poller at a time) with its FIFO dead-letter queue, and the poll function.
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { pollVisibilitySeconds, sourcePollQueue } from '../lambdas/adapters/source-poll-queue-definition';
import { ENVIRONMENT_VARIABLES } from '../lambdas/composition/config';
import { deadLetterQueue } from './dead-letter-queue';
import { MujazFunction } from './mujaz-function';
import { acceptFinding } from './nag';

export interface MujazFeedsProps {
  table: ITableV2;
  adminTokenSecret: ISecret;
  /** The settings every function reads (MujazDelivery's). */
  environment: Record<string, string>;
  sourceMapsAtRuntime: boolean;
  /** How often the finder looks for due sources (context `mujaz:feedPollMinutes`). */
  feedPollMinutes: number;
  /** The console's operators (`mujaz:operators`): the sources function serves console pages to their sessions alone. */
  operators: readonly string[];
}

/** Made in the stack's own scope, like every part of the service stack (see MujazStatelessStack). */
export class MujazFeeds {
  /** The /sources routes' function (the API routes to it). */
  readonly sources: MujazFunction;
  readonly finder: MujazFunction;
  readonly poller: MujazFunction;
  readonly polls: IQueue;
  /** Queues that hold what failed here, by the name their alarm takes. */
  readonly deadLetterQueues: Record<'SourcePollDeadLetters' | 'SourceFinderDeadLetters', IQueue>;

  constructor(scope: Construct, props: MujazFeedsProps) {
    const pollDeadLetters = deadLetterQueue(scope, 'SourcePollDeadLetters', { fifo: true });
    const polls = new Queue(scope, 'SourcePolls', {
      fifo: true,
      visibilityTimeout: Duration.seconds(pollVisibilitySeconds(sourcePollQueue.pollTimeoutSeconds)),
      deadLetterQueue: { queue: pollDeadLetters, maxReceiveCount: sourcePollQueue.maxReceiveCount },
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.polls = polls;
    const environment = { ...props.environment, [ENVIRONMENT_VARIABLES.sourcePollQueueUrl]: polls.queueUrl };
    const functionProps = { sourceMapsAtRuntime: props.sourceMapsAtRuntime, environment };

    // The operator's /sources routes: a registration reads the feed (the guarded fetcher), every route the table;
    // asking for a poll queues one. The console's pages that reach the web too, for an operator's session.
    this.sources = new MujazFunction(scope, 'Sources', {
      ...functionProps,
      environment: { ...environment, [ENVIRONMENT_VARIABLES.operators]: props.operators.join(',') },
      handler: 'sources',
      description:
        'Mujaz: HTTP API for the operator’s feed sources (register, list, pause, delete, poll now), console pages that reach the web',
      timeout: Duration.seconds(29),
      memorySize: 1024,
    })
      .bindTable(props.table)
      .bindSecret(ENVIRONMENT_VARIABLES.adminTokenSecretArn, props.adminTokenSecret);
    acceptFinding(
      this.sources.function,
      'Serverless-LambdaDLQ',
      'Only API Gateway invokes it, synchronously: a failure is answered to the caller, never queued.',
    );
    polls.grantSendMessages(this.sources.function);

    // The finder: the due sources (a sparse index, no scan) each queued once.
    const failedFinderRuns = deadLetterQueue(scope, 'SourceFinderDeadLetters');
    acceptFinding(
      failedFinderRuns,
      'AwsSolutions-SQS3',
      'It is a dead-letter queue: the finder schedule’s, which cdk-nag does not see as one.',
    );
    this.finder = new MujazFunction(scope, 'FindDueSources', {
      ...functionProps,
      handler: 'find-due-sources',
      description: 'Mujaz: queues a poll of every feed source that is due',
      timeout: Duration.seconds(60),
      memorySize: 256,
      failedAsyncInvocations: failedFinderRuns,
    }).bindTable(props.table);
    polls.grantSendMessages(this.finder.function);
    const stack = Stack.of(scope);
    const scheduleRole = new Role(scope, 'SourceFinderScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Mujaz: the schedule invokes the finder of due sources',
    });
    acceptFinding(
      scheduleRole,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.finder.function.node.defaultChild as CfnFunction)}.Arn>:*]`,
      'The schedule target grants the function’s versions and aliases too (CDK’s LambdaInvoke); the function itself is the only one named.',
    );
    new Schedule(scope, 'SourceFinderSchedule', {
      description: 'Mujaz: queue the feed sources that are due for a poll',
      schedule: ScheduleExpression.rate(Duration.minutes(props.feedPollMinutes)),
      target: new LambdaInvoke(this.finder.function, {
        retryAttempts: 2,
        deadLetterQueue: failedFinderRuns,
        role: scheduleRole,
      }),
    });

    // The poll function: one source per invocation, its requests one after another.
    this.poller = new MujazFunction(scope, 'PollSources', {
      ...functionProps,
      handler: 'poll-sources',
      description: 'Mujaz: polls one feed source and stores its new entries as reports',
      timeout: Duration.seconds(sourcePollQueue.pollTimeoutSeconds),
      memorySize: 1024,
    }).bindTable(props.table);
    acceptFinding(
      this.poller.function,
      'Serverless-LambdaDLQ',
      'Only SQS invokes it: the poll queue’s redrive policy is its dead-letter queue.',
    );
    acceptFinding(
      this.poller.function,
      'Serverless-LambdaEventSourceMappingDestination',
      'SQS event sources take no on-failure destination; the queue’s redrive policy moves a failing poll to its dead-letter queue.',
    );
    this.poller.function.addEventSource(
      new SqsEventSource(polls, {
        batchSize: sourcePollQueue.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: sourcePollQueue.maxPollers,
      }),
    );
    this.deadLetterQueues = { SourcePollDeadLetters: pollDeadLetters, SourceFinderDeadLetters: failedFinderRuns };
  }
}
