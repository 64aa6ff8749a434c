// Infrastructure: what an operator watches — alarms on one SNS topic for everything that needs a person, and one
// CloudWatch dashboard for how sends, readers and the service are doing.
import { ArnFormat, Aws, CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IAlarm,
  type IMetric,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_NAMES, METRICS_NAMESPACE, type MetricName } from '../lambdas/core/domain/metric-names';

export interface MujazMonitoringProps {
  /** Every function by its construct name (alarms are named after it: `AdminErrors`); the send function's too. */
  functions: Readonly<Record<string, IFunction>> & { SendDigest: IFunction };
  /** Queues that wait for work: their depth and age are drawn. */
  workQueues: Record<string, IQueue>;
  /** Queues that hold what failed: any message in one is an alarm. */
  deadLetterQueues: Record<string, IQueue>;
  httpApi: IHttpApi;
  /** The configuration set whose SES events are counted in CloudWatch (dimension ses:configuration-set). */
  configurationSetName: string;
}

const FIVE_MINUTES = Duration.minutes(5);

/** One of the service's own counts, as the function whose Powertools service name is `mujaz-<handler>` writes it. */
function serviceMetric(metricName: MetricName, handler: string, period: Duration = Duration.hours(1)): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { service: `mujaz-${handler}` },
    statistic: 'Sum',
    period,
  });
}

export class MujazMonitoring extends Construct {
  readonly alarmTopic: Topic;
  readonly dashboard: Dashboard;
  private readonly alarms: IAlarm[] = [];

  constructor(scope: Construct, id: string, props: MujazMonitoringProps) {
    super(scope, id);
    // What an operator must hear about, on one topic (subscribe an email or a chat hook to it). Its policy replaces
    // SNS's default one, which the TLS-only Deny alone would leave without any Allow: CloudWatch may publish, for
    // this account's alarms only, or no alarm ever reaches anyone.
    this.alarmTopic = new Topic(this, 'AlarmTopic', { enforceSSL: true });
    const stack = Stack.of(this);
    this.alarmTopic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsOfThisAccount',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.alarmTopic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'cloudwatch',
              resource: 'alarm',
              resourceName: '*',
              arnFormat: ArnFormat.COLON_RESOURCE_NAME,
            }),
          },
        },
      }),
    );
    const { functions } = props;

    for (const [name, fn] of Object.entries(functions)) {
      this.alarmWhenAny(`${name}Errors`, fn.metricErrors({ period: FIVE_MINUTES }), `${name}: invocations failed`);
      this.alarmWhenAny(
        `${name}Throttles`,
        fn.metricThrottles({ period: FIVE_MINUTES }),
        `${name}: invocations throttled`,
      );
    }
    this.alarmWhenAny(
      'SendDigestEventsDropped',
      lambdaMetric(functions.SendDigest, 'AsyncEventsDropped'),
      'SendDigest: a send request was dropped without running',
    );
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarmWhenAny(
        `${name}NotEmpty`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        `${name}: messages wait for an operator (readers SES kept refusing, or runs that failed)`,
      );
    }
    this.alarmWhenAny(
      'DigestOverdue',
      serviceMetric(METRIC_NAMES.digestsOverdue, 'send-digest', FIVE_MINUTES),
      'Digest overdue: 23 hours after the schedule, no send had finished',
    );
    this.alarmWhenAny(
      'FailingSources',
      serviceMetric(METRIC_NAMES.failingSources, 'find-due-sources'),
      'Feeds: a source failed three polls or more in a row (mujaz sources list names it, with why)',
    );
    this.alarmWhenAny(
      'Api5xx',
      props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
      'HTTP API: answers 5xx',
    );
    // SES reviews an account above 5 % bounces or 0.1 % complaints, and may pause its sending: hear of it first.
    for (const [alarmId, metricName, rate, what] of [
      ['SesBounceRate', 'Reputation.BounceRate', 0.05, 'bounces'],
      ['SesComplaintRate', 'Reputation.ComplaintRate', 0.001, 'complaints'],
    ] as const) {
      this.alarm(
        alarmId,
        new Metric({ namespace: 'AWS/SES', metricName, statistic: 'Maximum', period: Duration.hours(1) }),
        `SES: the account's rate of ${what} is above ${rate * 100} %`,
        { threshold: rate, comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD },
      );
    }

    this.dashboard = new Dashboard(this, 'Dashboard', { defaultInterval: Duration.days(7) });
    const ses = (metricName: string) =>
      new Metric({
        namespace: 'AWS/SES',
        metricName,
        dimensionsMap: { 'ses:configuration-set': props.configurationSetName },
        statistic: 'Sum',
        period: Duration.hours(1),
        label: metricName,
      });
    const graph = (title: string, left: IMetric[], right: IMetric[] = []) =>
      new GraphWidget({ title, left, right, width: 12, height: 6 });
    const perFunction = (metric: (fn: IFunction) => IMetric) => Object.values(functions).map(metric);
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: '# Mujaz\nAlarms go to the AlarmTopic. What each means and what to do: docs/DEPLOY.md, "Alarms".',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }));
    this.dashboard.addWidgets(
      graph(
        'Digests: readers’ copies per hour',
        [
          serviceMetric(METRIC_NAMES.digestsSent, 'deliver-digest'),
          serviceMetric(METRIC_NAMES.digestsFailed, 'deliver-digest'),
          serviceMetric(METRIC_NAMES.digestsUnknown, 'deliver-digest'),
          serviceMetric(METRIC_NAMES.digestsSkipped, 'deliver-digest'),
        ],
        [serviceMetric(METRIC_NAMES.digestsThrottled, 'deliver-digest')],
      ),
      graph('Readers and reports per hour', [
        serviceMetric(METRIC_NAMES.subscriptionsRequested, 'api'),
        serviceMetric(METRIC_NAMES.confirmationsSent, 'deliver-digest'),
        serviceMetric(METRIC_NAMES.subscriptionsConfirmed, 'api'),
        serviceMetric(METRIC_NAMES.reportsIngested, 'admin'),
      ]),
    );
    this.dashboard.addWidgets(
      graph('SES: what happened to the messages (per hour)', [
        ses('Send'),
        ses('Delivery'),
        ses('Bounce'),
        ses('Complaint'),
        ses('Reject'),
        ses('DeliveryDelay'),
      ]),
      graph(
        'Queues: readers and requests waiting, and the oldest one’s age',
        Object.entries(props.workQueues).map(([name, queue]) =>
          queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum', label: name }),
        ),
        Object.entries(props.workQueues).map(([name, queue]) =>
          queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, label: `${name} age (s)` }),
        ),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'Functions: invocations and errors',
        perFunction((fn) => fn.metricInvocations({ period: FIVE_MINUTES })),
        perFunction((fn) => fn.metricErrors({ period: FIVE_MINUTES })),
      ),
      graph(
        'Functions: duration (p95) and throttles',
        perFunction((fn) => fn.metricDuration({ period: FIVE_MINUTES, statistic: 'p95' })),
        perFunction((fn) => fn.metricThrottles({ period: FIVE_MINUTES })),
      ),
    );
    this.dashboard.addWidgets(
      graph(
        'HTTP API: requests, 4xx and 5xx',
        [props.httpApi.metricCount({ period: FIVE_MINUTES })],
        [
          props.httpApi.metricClientError({ period: FIVE_MINUTES }),
          props.httpApi.metricServerError({ period: FIVE_MINUTES }),
        ],
      ),
      graph('HTTP API: latency (p95, ms)', [props.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p95' })]),
    );

    new CfnOutput(scope, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    new CfnOutput(scope, 'DashboardUrl', {
      value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${this.dashboard.dashboardName}`,
    });
  }

  /** Adds a graph row to the dashboard (for the service's own metrics). */
  addGraphs(...widgets: GraphWidget[]): void {
    this.dashboard.addWidgets(...widgets);
  }

  /** An alarm from the first occurrence (any datapoint ≥ 1), told to the alarm topic. */
  alarmWhenAny(id: string, metric: Metric, description: string): void {
    this.alarm(id, metric, description, {
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
  }

  private alarm(
    id: string,
    metric: Metric,
    description: string,
    condition: { threshold: number; comparisonOperator: ComparisonOperator },
  ): void {
    const alarm = metric.createAlarm(this, id, {
      alarmDescription: description,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      ...condition,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
  }
}

function lambdaMetric(fn: IFunction, metricName: string): Metric {
  return new Metric({
    namespace: 'AWS/Lambda',
    metricName,
    dimensionsMap: { FunctionName: fn.functionName },
    statistic: 'Sum',
    period: FIVE_MINUTES,
  });
}
