// Infrastructure: what runs — the API function (readers' routes) and the admin function (the operator's) behind one
// HTTP API, the send function and its weekly schedule, the deliver function, and the feedback function that SES's
// bounce and complaint events reach through a configuration set and SNS.
// It receives the stateful resources through typed props and can be replaced freely.
import { CfnOutput, Duration, Stack, type StackProps, TimeZone } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  type CfnStage,
  HttpApi,
  HttpMethod,
  type IDomainName,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
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
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { deliveryQueue, visibilityTimeoutSeconds } from '../lambdas/adapters/delivery-queue-definition';
import type { NewsletterLanguage } from '../lambdas/core/domain/newsletter-languages';
import { API_ROUTES, apiGatewayPath, type RouteFunction, servingFunction } from '../lambdas/http/routes';
import { MujazMonitoring } from './monitoring';
import { MujazFunction } from './mujaz-function';
import { acceptFinding } from './nag';
import { dayAfter } from './schedule';

/** Requests per second (and the burst above it) the whole API takes, before Lambda is invoked at all. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

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

export interface NewsletterSettings {
  /** EventBridge Scheduler cron expression, e.g. `cron(0 17 ? * THU *)`. */
  digestSchedule: string;
  /** IANA time zone of the schedule; the emails print their dates in it too. */
  timeZone: string;
  fromAddress: string;
  newsletterName: string;
  newsletterLanguage: NewsletterLanguage;
  /**
   * Deliver invocations at once (the SQS event source's maximum concurrency). Size it to the send rate: each one
   * sends 30–50 messages/s, and more than the rate needs only wait on the pacer (docs/SCALING.md).
   */
  deliverConcurrency: number;
}

export interface MujazStatelessStackProps extends StackProps {
  table: ITableV2;
  tokenSigningSecret: ISecret;
  adminTokenSecret: ISecret;
  newsletter: NewsletterSettings;
  /** Map stack traces to the TypeScript source at run time (context `mujaz:sourceMapsAtRuntime`); off by default. */
  sourceMapsAtRuntime: boolean;
  /** The stable public host name (from the data stack); without it, links use the API's execute-api URL. */
  publicDomain?: IDomainName;
}

export class MujazStatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: MujazStatelessStackProps) {
    super(scope, id, props);
    // Every dead-letter queue: encrypted, TLS only, and kept for the longest SQS allows, for an operator to act on.
    const deadLetterQueue = (id: string) => {
      const queue = new Queue(this, id, {
        retentionPeriod: Duration.seconds(deliveryQueue.deadLetterRetentionSeconds),
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
      });
      acceptFinding(
        queue,
        'Serverless-SQSRedrivePolicy',
        'A dead-letter queue is the end of the line: an alarm fires on its first message and the operator acts on it.',
      );
      return queue;
    };
    const httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Mujaz public and admin API',
      createDefaultStage: false,
    });
    // One stage, throttled as a whole (a flood costs Lambda invocations before any per-client limit can answer), with
    // access logs. They log the path, never the query string: links carry their tokens there.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    const stage = httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            method: '$context.httpMethod',
            path: '$context.path',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            bytes: '$context.responseLength',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    // Readers' links outlive this stack: with a custom domain they never name the execute-api host, which a
    // replaced API would change.
    if (props.publicDomain)
      new ApiMapping(this, 'PublicDomainMapping', { api: httpApi, domainName: props.publicDomain, stage });
    const publicBaseUrl = props.publicDomain ? `https://${props.publicDomain.name}` : httpApi.apiEndpoint;

    // Every message goes out through this configuration set, whose bounce and complaint events suppress addresses.
    // Reputation metrics feed the bounce and complaint alarms; TLS is required on the way to readers' servers.
    const sending = new ConfigurationSet(this, 'Sending', {
      reputationMetrics: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
    });
    const feedbackTopic = new Topic(this, 'DeliveryFeedbackTopic', { enforceSSL: true });
    sending.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.snsTopic(feedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    // What SES did with the messages, counted per configuration set for the dashboard.
    sending.addEventDestination('SendingCounts', {
      destination: EventDestination.cloudWatchDimensions([
        { name: SES_DIMENSION, source: CloudWatchDimensionSource.MESSAGE_TAG, defaultValue: 'none' },
      ]),
      events: SES_COUNTED_EVENTS,
    });

    // An encrypted queue, consumed by the deliver function, whose messages go to a dead-letter queue of their own
    // after their last receive. Visibility: six times the deliver function's timeout, so that a message never
    // comes back while an attempt at it may still run.
    const deliverTimeout = Duration.seconds(60);
    const consumedQueue = (id: string, deadLettersId: string) => {
      const deadLetters = deadLetterQueue(deadLettersId);
      const queue = new Queue(this, id, {
        visibilityTimeout: Duration.seconds(visibilityTimeoutSeconds(deliverTimeout.toSeconds())),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: deliveryQueue.maxReceiveCount },
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

    const functionProps = { sourceMapsAtRuntime: props.sourceMapsAtRuntime };
    const shared = {
      MUJAZ_DELIVERY_QUEUE_URL: deliveries.queueUrl,
      MUJAZ_SUBSCRIPTION_QUEUE_URL: subscriptions.queueUrl,
      MUJAZ_DELIVERY_TIMEOUT_SECONDS: String(deliverTimeout.toSeconds()),
      MUJAZ_PUBLIC_BASE_URL: publicBaseUrl,
      MUJAZ_SES_CONFIGURATION_SET: sending.configurationSetName,
      MUJAZ_FROM_ADDRESS: props.newsletter.fromAddress,
      MUJAZ_NEWSLETTER_NAME: props.newsletter.newsletterName,
      MUJAZ_NEWSLETTER_LANGUAGE: props.newsletter.newsletterLanguage,
      MUJAZ_TIME_ZONE: props.newsletter.timeZone,
    };
    // Mail only from the newsletter's address, through its configuration set: SES authorizes a send against the
    // identity that verified the address (the address itself, or its domain) and the configuration set it names.
    const sender = senderAddress(props.newsletter.fromAddress);
    const sendRawEmail = new PolicyStatement({
      actions: ['ses:SendRawEmail'],
      resources: [
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: sender.address }),
        this.formatArn({ service: 'ses', resource: 'identity', resourceName: sender.domain }),
        this.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: sending.configurationSetName }),
      ],
      conditions: { StringEquals: { 'ses:FromAddress': sender.address } },
    });

    // The account's rate, read at cold start when MUJAZ_SEND_RATE is unset; SES grants it on no narrower resource.
    const readSendQuota = new PolicyStatement({ actions: ['ses:GetSendQuota'], resources: ['*'] });

    // A send request (from the schedule or the API) that failed its every try is kept for the operator.
    const failedSendRequests = deadLetterQueue('SendRequestDeadLetters');
    const sendDigest = new MujazFunction(this, 'SendDigest', {
      ...functionProps,
      failedAsyncInvocations: failedSendRequests,
      handler: 'send-digest',
      description: 'Mujaz: opens the next edition, renders it once and queues every confirmed reader',
      timeout: Duration.minutes(15),
      memorySize: 1024,
      environment: shared,
    }).bindTable(props.table);
    deliveries.grantSendMessages(sendDigest.function);

    const deliver = new MujazFunction(this, 'DeliverDigest', {
      ...functionProps,
      handler: 'deliver-digest',
      description: 'Mujaz: sends one batch of readers the frozen edition, each once, within the SES rate',
      timeout: deliverTimeout,
      memorySize: 512,
      environment: shared,
    })
      .bindTable(props.table)
      .bindSecret('MUJAZ_TOKEN_SECRET_ARN', props.tokenSigningSecret);
    deliver.function.addToRolePolicy(sendRawEmail);
    deliver.function.addToRolePolicy(readSendQuota);
    acceptFinding(
      deliver.function,
      'Serverless-LambdaDLQ',
      'Only SQS invokes it: each queue’s redrive policy is its dead-letter queue.',
    );
    acceptFinding(
      deliver.function,
      'Serverless-LambdaEventSourceMappingDestination',
      'SQS event sources take no on-failure destination; each queue’s redrive policy moves a failing message to its dead-letter queue.',
    );
    deliver.function.addEventSource(
      new SqsEventSource(deliveries, {
        batchSize: deliveryQueue.batchSize,
        reportBatchItemFailures: true,
        // The shared pacer keeps them all within the rate; more than the rate needs would only wait.
        maxConcurrency: props.newsletter.deliverConcurrency,
      }),
    );
    deliver.function.addEventSource(
      new SqsEventSource(subscriptions, {
        batchSize: deliveryQueue.batchSize,
        reportBatchItemFailures: true,
        maxConcurrency: 2,
      }),
    );

    // The readers' routes: links, subscribe requests, the archive. It mails nobody and starts no send.
    const api = new MujazFunction(this, 'Api', {
      ...functionProps,
      handler: 'api',
      description: 'Mujaz: HTTP API for readers (subscribe, confirm, unsubscribe, archive, feed)',
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: shared,
    })
      .bindTable(props.table)
      .bindSecret('MUJAZ_TOKEN_SECRET_ARN', props.tokenSigningSecret);
    acceptFinding(
      api.function,
      'Serverless-LambdaDLQ',
      'Only API Gateway invokes it, synchronously: a failure is answered to the caller, never queued.',
    );
    // POST /subscriptions and the goodbye page's resubscribe queue the request.
    subscriptions.grantSendMessages(api.function);

    // The operator's routes, behind the admin token: report intake, previews and test sends, starting a send, its
    // progress and retries, subscriber lists in and out.
    const admin = new MujazFunction(this, 'Admin', {
      ...functionProps,
      handler: 'admin',
      description: 'Mujaz: HTTP API for the operator (reports, digests, subscriber lists)',
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: { ...shared, MUJAZ_SEND_DIGEST_FUNCTION_NAME: sendDigest.function.functionName },
    })
      .bindTable(props.table)
      // Test sends carry a reader's unsubscribe link, signed like every other.
      .bindSecret('MUJAZ_TOKEN_SECRET_ARN', props.tokenSigningSecret)
      .bindSecret('MUJAZ_ADMIN_TOKEN_SECRET_ARN', props.adminTokenSecret);
    acceptFinding(
      admin.function,
      'Serverless-LambdaDLQ',
      'Only API Gateway invokes it, synchronously: a failure is answered to the caller, never queued.',
    );
    // Test sends.
    admin.function.addToRolePolicy(sendRawEmail);
    admin.function.addToRolePolicy(readSendQuota);
    // POST /digests starts a send. The unqualified function only: grantInvoke would add every version and alias.
    admin.function.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [sendDigest.function.functionArn] }),
    );
    // POST /digests/{id}/retry queues the readers it sends again; an import queues each reader to confirm.
    deliveries.grantSendMessages(admin.function);
    subscriptions.grantSendMessages(admin.function);
    // Exactly the app's paths (any method: the app answers a wrong one with a 405 naming it), each to the function
    // that serves it and throttled for what it guards; any other path gets API Gateway's 404 without waking one.
    const integrations: Record<RouteFunction, HttpLambdaIntegration> = {
      api: new HttpLambdaIntegration('ApiIntegration', api.function),
      admin: new HttpLambdaIntegration('AdminIntegration', admin.function),
    };
    for (const route of API_ROUTES) {
      const [httpRoute] = httpApi.addRoutes({
        path: apiGatewayPath(route.path),
        methods: [HttpMethod.ANY],
        integration: integrations[servingFunction(route)],
      });
      acceptFinding(
        httpRoute!,
        'AwsSolutions-APIG4',
        route.access === 'public'
          ? 'A reader’s route: anyone may subscribe, follow an emailed link or read the archive; links carry signed tokens.'
          : 'An admin route: the function checks its bearer token in constant time before anything else (docs/ARCHITECTURE.md, "Admin routes").',
      );
    }
    (stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      API_ROUTES.map((route) => [
        `ANY ${apiGatewayPath(route.path)}`,
        // A free-form map in CloudFormation: the keys must be spelled as the Stage resource spells them.
        { ThrottlingRateLimit: route.throttle.rateLimit, ThrottlingBurstLimit: route.throttle.burstLimit },
      ]),
    );

    // A bounce or complaint SNS could not hand over, or that the function kept failing on, waits in a queue: an
    // address that must be suppressed is never silently dropped.
    const feedbackDeadLetters = deadLetterQueue('FeedbackDeadLetters');
    const feedback = new MujazFunction(this, 'DeliveryFeedback', {
      ...functionProps,
      failedAsyncInvocations: feedbackDeadLetters,
      handler: 'delivery-feedback',
      description: 'Mujaz: suppresses addresses that SES reports as hard bounces or complaints',
      timeout: Duration.seconds(30),
      memorySize: 256,
      environment: shared,
    }).bindTable(props.table);
    feedbackTopic.addSubscription(new LambdaSubscription(feedback.function, { deadLetterQueue: feedbackDeadLetters }));

    const failedScheduleRuns = deadLetterQueue('ScheduleDeadLetters');
    acceptFinding(
      failedScheduleRuns,
      'AwsSolutions-SQS3',
      'It is a dead-letter queue: the weekly schedule’s, which cdk-nag does not see as one.',
    );
    // Its own role rather than the target's generated one, so that the finding below is accepted on a named construct.
    const scheduleRole = new Role(this, 'ScheduleRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'Mujaz: the schedule invokes the send function',
    });
    acceptFinding(
      scheduleRole,
      `AwsSolutions-IAM5[Resource::<${this.getLogicalId(sendDigest.function.node.defaultChild as CfnFunction)}.Arn>:*]`,
      'The schedule target grants the function’s versions and aliases too (CDK’s LambdaInvoke); the function itself is the only one named.',
    );
    const invokeSendDigest = (input: Record<string, unknown>) =>
      new LambdaInvoke(sendDigest.function, {
        input: ScheduleTargetInput.fromObject(input),
        retryAttempts: 2,
        deadLetterQueue: failedScheduleRuns,
        role: scheduleRole,
      });
    const timeZone = TimeZone.of(props.newsletter.timeZone);
    new Schedule(this, 'WeeklyDigest', {
      description: 'Mujaz: send the weekly digest',
      schedule: ScheduleExpression.expression(props.newsletter.digestSchedule, timeZone),
      target: invokeSendDigest({}),
    });
    // A day later, the send function checks that a send finished since, and counts DigestOverdue when none did.
    new Schedule(this, 'DigestWatch', {
      description: 'Mujaz: a day after the send, check that it finished',
      schedule: ScheduleExpression.expression(dayAfter(props.newsletter.digestSchedule), timeZone),
      target: invokeSendDigest({ watch: true }),
    });

    new MujazMonitoring(this, 'Monitoring', {
      functions: {
        Api: api.function,
        Admin: admin.function,
        SendDigest: sendDigest.function,
        DeliverDigest: deliver.function,
        DeliveryFeedback: feedback.function,
      },
      workQueues: { Deliveries: deliveries, Subscriptions: subscriptions },
      deadLetterQueues: {
        DeliveryDeadLetters: deliveryDeadLetters,
        SubscriptionDeadLetters: subscriptionDeadLetters,
        ScheduleDeadLetters: failedScheduleRuns,
        SendRequestDeadLetters: failedSendRequests,
        FeedbackDeadLetters: feedbackDeadLetters,
      },
      httpApi,
      configurationSetName: sending.configurationSetName,
    });

    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'PublicBaseUrl', { description: 'Where readers’ links point', value: publicBaseUrl });
    new CfnOutput(this, 'DeliveryDeadLetterQueueUrl', { value: deliveryDeadLetters.queueUrl });
    new CfnOutput(this, 'SubscriptionDeadLetterQueueUrl', { value: subscriptionDeadLetters.queueUrl });
  }
}

/** The address and domain of a From header value (`موجز <digest@example.com>` or `digest@example.com`). */
export function senderAddress(from: string): { address: string; domain: string } {
  const address = (/<([^<>\s]+@[^<>\s]+)>\s*$/u.exec(from)?.[1] ?? from).trim().toLowerCase();
  const domain = address.split('@')[1];
  if (!domain || /[\s<>]/u.test(address)) throw new Error(`The From address "${from}" names no sender address.`);
  return { address, domain };
}
