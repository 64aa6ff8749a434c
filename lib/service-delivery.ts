// Infrastructure, part of the service stack: how digests and confirmations reach readers — the send function that
// queues every reader, the queues, the deliver function that mails each turn through SES's configuration set, and
// the feedback function that SES's bounces and complaints reach over SNS.
import { Duration, Stack } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { type IQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { visibilityTimeoutSeconds, workQueue } from '../lambdas/adapters/work-queue-definition';
import { ENVIRONMENT_VARIABLES } from '../lambdas/composition/config';
import { deadLetterQueue } from './dead-letter-queue';
import { MujazFunction } from './mujaz-function';
import { acceptFinding } from './nag';
import { type NewsletterSettings, senderAddress } from './newsletter-settings';

/** SES tags every message with its configuration set under this name: the dimension of its event counts. */
const SES_DIMENSION = 'ses:configuration-set';
const SES_COUNTED_EVENTS = [
  EmailSendingEvent.SEND,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.DELIVERY_DELAY,
];

export interface MujazDeliveryProps {
  table: ITableV2;
  tokenSigningSecret: ISecret;
  newsletter: NewsletterSettings;
  sourceMapsAtRuntime: boolean;
  /** Where readers' links point (the API part's public base URL). */
  publicBaseUrl: string;
}

/**
 * Made in the stack's own scope, like every part of the service stack (see MujazStatelessStack): its resources keep
 * the logical IDs they had before the stack was split into parts.
 */
export class MujazDelivery {
  /** Every message goes out through it; its SES events are counted per configuration set. */
  readonly configurationSet: ConfigurationSet;
  /** Readers' turns, consumed by the deliver function. */
  readonly deliveries: Queue;
  /** Subscribe requests, whose confirmation emails the deliver function sends. */
  readonly subscriptions: Queue;
  /** Queues that hold what failed here, by the name their alarm takes. */
  readonly deadLetterQueues: Record<
    'DeliveryDeadLetters' | 'SubscriptionDeadLetters' | 'SendRequestDeadLetters' | 'FeedbackDeadLetters',
    IQueue
  >;
  /** The settings every function reads (composition/config.ts). */
  readonly environment: Record<string, string>;
  /** Sending mail as the newsletter, and reading the account's rate to pace it: what any function that mails needs. */
  readonly mailingStatements: PolicyStatement[];
  readonly sendDigest: MujazFunction;
  readonly deliver: MujazFunction;
  readonly feedback: MujazFunction;

  constructor(scope: Construct, props: MujazDeliveryProps) {
    // Every message goes out through this configuration set, whose bounce and complaint events suppress addresses.
    // Reputation metrics feed the bounce and complaint alarms; TLS is required on the way to readers' servers.
    this.configurationSet = new ConfigurationSet(scope, 'Sending', {
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    const feedbackTopic = new Topic(scope, 'DeliveryFeedbackTopic', { enforceSSL: true });
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(feedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    // What SES did with the messages, counted per configuration set for the dashboard.
    this.configurationSet.addEventDestination('SendingCounts', {
      destination: EventDestination.cloudWatchDimensions([
        { name: SES_DIMENSION, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'none' },
      ]),
      events: SES_COUNTED_EVENTS,
    });

    // An encrypted queue, consumed by the deliver function, whose messages go to a dead-letter queue of their own
    // after their last receive. Its visibility, like the age of a stale claim, follows from the deliver function's
    // timeout (work-queue-definition.ts says in which order they must stay).
    const deliverTimeout = Duration.seconds(workQueue.deliverTimeoutSeconds);
    const consumedQueue = (id: string, deadLettersId: string) => {
      const deadLetters = deadLetterQueue(scope, deadLettersId);
      const queue = new Queue(scope, id, {
        visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(deliverTimeout.toSeconds())),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: workQueue.maxReceiveCount },
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      return { queue, deadLetters };
    };
    // Readers' turns; what SES keeps refusing ends in the dead-letter queue.
    const { queue: deliveries, deadLetters: deliveryDeadLetters } = consumedQueue('Deliveries', 'DeliveryDeadLetters');
    // Subscribe requests, whose confirmation emails the deliver function sends: a queue of their own, so that a big
    // send in the delivery queue never holds a confirmation back, and the API answers before SES is involved.
    const { queue: subscriptions, deadLetters: subscriptionDeadLetters } = consumedQueue(
      'Subscriptions',
      'SubscriptionDeadLetters',
    );
    this.deliveries = deliveries;
    this.subscriptions = subscriptions;

    this.environment = {
      [ENVIRONMENT_VARIABLES.deliveryQueueUrl]: deliveries.queueUrl,
      [ENVIRONMENT_VARIABLES.subscriptionQueueUrl]: subscriptions.queueUrl,
      [ENVIRONMENT_VARIABLES.deliverTimeoutSeconds]: String(deliverTimeout.toSeconds()),
      [ENVIRONMENT_VARIABLES.publicBaseUrl]: props.publicBaseUrl,
      [ENVIRONMENT_VARIABLES.sesConfigurationSet]: this.configurationSet.configurationSetName,
      [ENVIRONMENT_VARIABLES.fromAddress]: props.newsletter.fromAddress,
      [ENVIRONMENT_VARIABLES.newsletterName]: props.newsletter.newsletterName,
      [ENVIRONMENT_VARIABLES.newsletterLanguage]: props.newsletter.newsletterLanguage,
      [ENVIRONMENT_VARIABLES.timeZone]: props.newsletter.timeZone,
      [ENVIRONMENT_VARIABLES.digestSchedule]: props.newsletter.digestSchedule,
    };
    // Mail only from the newsletter's address, through its configuration set: SES authorizes a send against the
    // identity that verified the address (the address itself, or its domain) and the configuration set it names.
    const stack = Stack.of(scope);
    const sender = senderAddress(props.newsletter.fromAddress);
    const sendRawEmail = new PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: sender.address }),
        stack.formatArn({ service: 'ses', resource: 'identity', resourceName: sender.domain }),
        stack.formatArn({
          service: 'ses',
          resource: 'configuration-set',
          resourceName: this.configurationSet.configurationSetName,
        }),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': sender.address } },
    });
    // The account's rate, read at cold start when no send rate is configured; SES grants it on no narrower resource.
    const readSendQuota = new PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] });
    this.mailingStatements = [sendRawEmail, readSendQuota];

    const functionProps = { sourceMapsAtRuntime: props.sourceMapsAtRuntime };
    // A send request (from the schedule or the API) that failed its every try is kept for the operator.
    const failedSendRequests = deadLetterQueue(scope, 'SendRequestDeadLetters');
    this.sendDigest = new MujazFunction(scope, 'SendDigest', {
      ...functionProps,
      failedAsyncInvocations: failedSendRequests,
      handler: 'send-digest',
      description: 'Mujaz: opens the next edition, renders it once and queues every confirmed reader',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: this.environment,
    }).bindTable(props.table);
    deliveries.grantSendMessages(this.sendDigest.function);

    this.deliver = new MujazFunction(scope, 'DeliverDigest', {
      ...functionProps,
      handler: 'deliver-digest',
      description: 'Mujaz: sends one batch of readers the frozen edition, each once, within the SES rate',
      timeout: deliverTimeout,
      memorySize: 512,
      // It mails console sign-in links, to operators alone.
      environment: { ...this.environment, [ENVIRONMENT_VARIABLES.operators]: props.newsletter.operators.join(',') },
    })
      .bindTable(props.table)
      .bindSecret(ENVIRONMENT_VARIABLES.tokenSecretArn, props.tokenSigningSecret);
    for (const statement of this.mailingStatements) this.deliver.function.addToRolePolicy(statement);
    acceptFinding(
      this.deliver.function,
      'Serverless-LambdaDLQ',
      'Only SQS invokes it: each queue’s redrive policy is its dead-letter queue.',
    );
    acceptFinding(
      this.deliver.function,
      'Serverless-LambdaEventSourceMappingDestination',
      'SQS event sources take no on-failure destination; each queue’s redrive policy moves a failing message to its dead-letter queue.',
    );
    this.deliver.function.addEventSource(
      new SqsEventSource(deliveries, {
        batchSize: workQueue.batchSize,
        reportBatchItemFailures: true,
        // The shared pacer keeps them all within the rate; more than the rate needs would only wait.
        maxConcurrency: props.newsletter.deliverConcurrency,
      }),
    );
    this.deliver.function.addEventSource(
      new SqsEventSource(subscriptions, {
        batchSize: workQueue.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );

    // A bounce or complaint SNS could not hand over, or that the function kept failing on, waits in a queue: an
    // address that must be suppressed is never silently dropped.
    const feedbackDeadLetters = deadLetterQueue(scope, 'FeedbackDeadLetters');
    this.feedback = new MujazFunction(scope, 'DeliveryFeedback', {
      ...functionProps,
      failedAsyncInvocations: feedbackDeadLetters,
      handler: 'delivery-feedback',
      description: 'Mujaz: suppresses addresses that SES reports as hard bounces or complaints',
      timeout: Duration.seconds(30),
      memorySize: 256,
      environment: this.environment,
    }).bindTable(props.table);
    feedbackTopic.addSubscription(
      new LambdaSubscription(this.feedback.function, { deadLetterQueue: feedbackDeadLetters }),
    );

    this.deadLetterQueues = {
      DeliveryDeadLetters: deliveryDeadLetters,
      SubscriptionDeadLetters: subscriptionDeadLetters,
      SendRequestDeadLetters: failedSendRequests,
      FeedbackDeadLetters: feedbackDeadLetters,
    };
  }
}
