// Infrastructure, part of the service stack: the digest's schedule, which asks the send function to send, and the
// watch after it, which asks whether that send finished.
import { Stack, TimeZone } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { deadLetterQueue } from './dead-letter-queue';
import { acceptFinding } from './nag';
import type { NewsletterSettings } from './newsletter-settings';
import { watchSchedule } from './schedule';

/** Made in the stack's own scope, like every part of the service stack (see MujazStatelessStack). */
export class MujazSchedules {
  /** Scheduled runs that failed every try. */
  readonly deadLetters: IQueue;

  constructor(scope: Construct, props: { sendDigest: IFunction; newsletter: NewsletterSettings }) {
    const failedScheduleRuns = deadLetterQueue(scope, 'ScheduleDeadLetters');
    acceptFinding(
      failedScheduleRuns,
      'AwsSolutions-SQS3',
      'It is a dead-letter queue: the weekly schedule’s, which cdk-nag does not see as one.',
    );
    this.deadLetters = failedScheduleRuns;
    const stack = Stack.of(scope);
    // Its own role rather than the target's generated one, so that the finding below is accepted on a named construct.
    const scheduleRole = new Role(scope, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
      }),
      description: 'Mujaz: the schedule invokes the send function',
    });
    acceptFinding(
      scheduleRole,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(props.sendDigest.node.defaultChild as CfnFunction)}.Arn>:*]`,
      'The schedule target grants the function’s versions and aliases too (CDK’s LambdaInvoke); the function itself is the only one named.',
    );
    const invokeSendDigest = (input: Record<string, unknown>) =>
      new LambdaInvoke(props.sendDigest, {
        input: ScheduleTargetInput.fromObject(input),
        retryAttempts: 2,
        deadLetterQueue: failedScheduleRuns,
        role: scheduleRole,
      });
    const timeZone = TimeZone.of(props.newsletter.timeZone);
    new Schedule(scope, 'WeeklyDigest', {
      description: 'Mujaz: send the weekly digest',
      schedule: ScheduleExpression.expression(props.newsletter.digestSchedule, timeZone),
      target: invokeSendDigest({}),
    });
    // 23 hours later, the send function checks that a send finished since, and counts DigestOverdue when none did.
    new Schedule(scope, 'DigestWatch', {
      description: 'Mujaz: 23 hours after the send, check that it finished',
      schedule: ScheduleExpression.expression(watchSchedule(props.newsletter.digestSchedule), timeZone),
      target: invokeSendDigest({ watch: true }),
    });
  }
}
