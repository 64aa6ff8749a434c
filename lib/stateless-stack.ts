// Infrastructure: what runs — the HTTP API and its functions (MujazApi), the send, deliver and feedback functions
// with their queues (MujazDelivery), the feed sources, finder and poller (MujazFeeds), the schedule and its watch
// (MujazSchedules), subscriber imports as jobs (MujazImports), and the alarms and dashboard (MujazMonitoring). It receives the stateful resources through typed props and can be replaced freely.
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { IDomainName } from 'aws-cdk-lib/aws-apigatewayv2';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { MujazMonitoring } from './monitoring';
import type { NewsletterSettings } from './newsletter-settings';
import { MujazApi } from './service-api';
import { MujazDelivery } from './service-delivery';
import { MujazFeeds } from './service-feeds';
import { MujazImports } from './service-imports';
import { MujazSchedules } from './service-schedules';

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

/**
 * The API, delivery and schedule parts make their resources in this stack's own scope rather than under a construct
 * each: a construct level would rename every resource under it (logical IDs, and the IDs CDK derives from paths, such
 * as the SQS event source mappings'), and CloudFormation would replace the deployed API — a new execute-api URL, which
 * links already mailed point to — and the queues with their waiting messages.
 */
export class MujazStatelessStack extends Stack {
  constructor(scope: Construct, id: string, props: MujazStatelessStackProps) {
    super(scope, id, props);
    const api = new MujazApi(this, { publicDomain: props.publicDomain });
    const delivery = new MujazDelivery(this, {
      table: props.table,
      tokenSigningSecret: props.tokenSigningSecret,
      newsletter: props.newsletter,
      sourceMapsAtRuntime: props.sourceMapsAtRuntime,
      publicBaseUrl: api.publicBaseUrl,
    });
    const feeds = new MujazFeeds(this, {
      table: props.table,
      adminTokenSecret: props.adminTokenSecret,
      environment: delivery.environment,
      sourceMapsAtRuntime: props.sourceMapsAtRuntime,
      feedPollMinutes: props.newsletter.feedPollMinutes,
      operators: props.newsletter.operators,
    });
    const { api: readers, admin } = api.serve({
      table: props.table,
      tokenSigningSecret: props.tokenSigningSecret,
      adminTokenSecret: props.adminTokenSecret,
      environment: delivery.environment,
      sourceMapsAtRuntime: props.sourceMapsAtRuntime,
      deliveries: delivery.deliveries,
      subscriptions: delivery.subscriptions,
      sendDigest: delivery.sendDigest.function,
      mailingStatements: delivery.mailingStatements,
      sources: feeds.sources.function,
      operators: props.newsletter.operators,
    });
    const imports = new MujazImports(this, {
      table: props.table,
      environment: delivery.environment,
      subscriptions: delivery.subscriptions,
      sourceMapsAtRuntime: props.sourceMapsAtRuntime,
    });
    imports.grantUpload(admin);
    const schedules = new MujazSchedules(this, {
      sendDigest: delivery.sendDigest.function,
      newsletter: props.newsletter,
    });

    new MujazMonitoring(this, 'Monitoring', {
      functions: {
        Api: readers.function,
        Admin: admin.function,
        SendDigest: delivery.sendDigest.function,
        DeliverDigest: delivery.deliver.function,
        DeliveryFeedback: delivery.feedback.function,
        Sources: feeds.sources.function,
        FindDueSources: feeds.finder.function,
        PollSources: feeds.poller.function,
        ImportSubscribers: imports.worker.function,
      },
      workQueues: {
        Deliveries: delivery.deliveries,
        Subscriptions: delivery.subscriptions,
        SourcePolls: feeds.polls,
        ImportSteps: imports.steps,
      },
      deadLetterQueues: {
        DeliveryDeadLetters: delivery.deadLetterQueues.DeliveryDeadLetters,
        SubscriptionDeadLetters: delivery.deadLetterQueues.SubscriptionDeadLetters,
        ScheduleDeadLetters: schedules.deadLetters,
        SendRequestDeadLetters: delivery.deadLetterQueues.SendRequestDeadLetters,
        FeedbackDeadLetters: delivery.deadLetterQueues.FeedbackDeadLetters,
        ...feeds.deadLetterQueues,
        ...imports.deadLetterQueues,
      },
      httpApi: api.httpApi,
      configurationSetName: delivery.configurationSet.configurationSetName,
    });

    new CfnOutput(this, 'ApiUrl', { value: api.httpApi.apiEndpoint });
    new CfnOutput(this, 'PublicBaseUrl', { description: 'Where readers’ links point', value: api.publicBaseUrl });
    new CfnOutput(this, 'DeliveryDeadLetterQueueUrl', {
      value: delivery.deadLetterQueues.DeliveryDeadLetters.queueUrl,
    });
    new CfnOutput(this, 'SubscriptionDeadLetterQueueUrl', {
      value: delivery.deadLetterQueues.SubscriptionDeadLetters.queueUrl,
    });
  }
}
