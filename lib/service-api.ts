// Infrastructure, part of the service stack: the HTTP API — one throttled stage with access logs, the optional public
// domain, and the two functions behind it: the readers' routes (api) and the operator's (admin), each route to the
// function that serves it.
import { Duration } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  type CfnStage,
  HttpApi,
  HttpMethod,
  type HttpStage,
  type IDomainName,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { ENVIRONMENT_VARIABLES } from '../lambdas/composition/config';
import {
  API_ROUTES,
  apiGatewayPath,
  type RouteAccess,
  type RouteFunction,
  servingFunction,
} from '../lambdas/http/routes';
import { MujazFunction } from './mujaz-function';
import { acceptFinding } from './nag';

/** Why each kind of route needs no API Gateway authorizer (cdk-nag AwsSolutions-APIG4): the app checks who calls. */
const ROUTE_AUTHORIZATION: Record<RouteAccess, string> = {
  public:
    'A reader’s route: anyone may subscribe, follow an emailed link or read the archive; links carry signed tokens.',
  admin:
    'An admin route: the function checks its bearer token in constant time before anything else (docs/ARCHITECTURE.md, "Admin routes").',
  console:
    'A console page: the function checks the operator’s session cookie (signed in by a one-time email link) and each form’s CSRF token and origin before anything else (docs/ARCHITECTURE.md, "Admin routes").',
};

/** Requests per second (and the burst above it) the whole API takes, before Lambda is invoked at all. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** What the API's functions are given: the data, the settings, and what they hand work to. */
export interface ApiFunctionsProps {
  table: ITableV2;
  tokenSigningSecret: ISecret;
  adminTokenSecret: ISecret;
  environment: Record<string, string>;
  sourceMapsAtRuntime: boolean;
  /** Readers' turns: a retry of an edition queues them again. */
  deliveries: IQueue;
  /** Subscribe requests: the subscribe form and imports queue them. */
  subscriptions: IQueue;
  /** The function POST /digests starts. */
  sendDigest: IFunction;
  /** Sending mail as the newsletter (test sends), and reading the account's rate to pace it. */
  mailingStatements: PolicyStatement[];
  /** The function behind the /sources routes (MujazFeeds makes it). */
  sources: IFunction;
  /** The console's operators (`mujaz:operators`): the admin function refuses a session or link of anyone else. */
  operators: readonly string[];
}

/**
 * Made in the stack's own scope, like every part of the service stack (see MujazStatelessStack). Built in two steps,
 * because the functions and the API need each other: the API first (every function's links start with its public
 * URL), then `serve` puts the readers' and the operator's functions behind it.
 */
export class MujazApi {
  readonly httpApi: HttpApi;
  /** Where readers' links point: the public domain when there is one, else the API's own execute-api URL. */
  readonly publicBaseUrl: string;
  private readonly stage: HttpStage;

  constructor(
    private readonly scope: Construct,
    props: { publicDomain?: IDomainName },
  ) {
    this.httpApi = new HttpApi(scope, 'HttpApi', {
      description: 'Mujaz public and admin API',
      createDefaultStage: false,
    });
    // One stage, throttled as a whole (a flood costs Lambda invocations before any per-client limit can answer), with
    // access logs. They log the path, never the query string: links carry their tokens there.
    const accessLogs = new LogGroup(scope, 'ApiAccessLogs', { retention: RetentionDays.ONE_MONTH });
    this.stage = this.httpApi.addStage('DefaultStage', {
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
      new ApiMapping(scope, 'PublicDomainMapping', {
        api: this.httpApi,
        domainName: props.publicDomain,
        stage: this.stage,
      });
    this.publicBaseUrl = props.publicDomain ? `https://${props.publicDomain.name}` : this.httpApi.apiEndpoint;
  }

  /** The readers' function and the operator's, each behind exactly its routes. */
  serve(props: ApiFunctionsProps): { api: MujazFunction; admin: MujazFunction } {
    const functionProps = { sourceMapsAtRuntime: props.sourceMapsAtRuntime };
    // The readers' routes: links, subscribe requests, the archive. It mails nobody and starts no send.
    const api = new MujazFunction(this.scope, 'Api', {
      ...functionProps,
      handler: 'api',
      description: 'Mujaz: HTTP API for readers (subscribe, confirm, unsubscribe, archive, feed)',
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: props.environment,
    })
      .bindTable(props.table)
      .bindSecret(ENVIRONMENT_VARIABLES.tokenSecretArn, props.tokenSigningSecret);
    acceptFinding(
      api.function,
      'Serverless-LambdaDLQ',
      'Only API Gateway invokes it, synchronously: a failure is answered to the caller, never queued.',
    );
    // POST /subscriptions and the goodbye page's resubscribe queue the request.
    props.subscriptions.grantSendMessages(api.function);

    // The operator's routes, behind the admin token: report intake, previews and test sends, starting a send, its
    // progress and retries, subscriber lists in and out.
    const admin = new MujazFunction(this.scope, 'Admin', {
      ...functionProps,
      handler: 'admin',
      description: 'Mujaz: HTTP API for the operator (reports, digests, subscriber lists)',
      timeout: Duration.seconds(29),
      memorySize: 1024,
      environment: {
        ...props.environment,
        [ENVIRONMENT_VARIABLES.sendDigestFunctionName]: props.sendDigest.functionName,
        [ENVIRONMENT_VARIABLES.operators]: props.operators.join(','),
      },
    })
      .bindTable(props.table)
      // Test sends carry a reader's unsubscribe link, signed like every other.
      .bindSecret(ENVIRONMENT_VARIABLES.tokenSecretArn, props.tokenSigningSecret)
      .bindSecret(ENVIRONMENT_VARIABLES.adminTokenSecretArn, props.adminTokenSecret);
    acceptFinding(
      admin.function,
      'Serverless-LambdaDLQ',
      'Only API Gateway invokes it, synchronously: a failure is answered to the caller, never queued.',
    );
    // Test sends.
    for (const statement of props.mailingStatements) admin.function.addToRolePolicy(statement);
    // POST /digests starts a send. The unqualified function only: grantInvoke would add every version and alias.
    admin.function.addToRolePolicy(
      new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.sendDigest.functionArn] }),
    );
    // POST /digests/{id}/retry queues the readers it sends again; an import queues each reader to confirm.
    props.deliveries.grantSendMessages(admin.function);
    props.subscriptions.grantSendMessages(admin.function);
    this.route({ api: api.function, admin: admin.function, sources: props.sources });
    return { api, admin };
  }

  /**
   * Exactly the app's paths (any method: the app answers a wrong one with a 405 naming it), each to the function
   * that serves it and throttled for what it guards; any other path gets API Gateway's 404 without waking one.
   */
  private route(functions: Record<RouteFunction, IFunction>): void {
    const integrations: Record<RouteFunction, HttpLambdaIntegration> = {
      api: new HttpLambdaIntegration('ApiIntegration', functions.api),
      admin: new HttpLambdaIntegration('AdminIntegration', functions.admin),
      sources: new HttpLambdaIntegration('SourcesIntegration', functions.sources),
    };
    for (const route of API_ROUTES) {
      const [httpRoute] = this.httpApi.addRoutes({
        path: apiGatewayPath(route.path),
        methods: [HttpMethod.ANY],
        integration: integrations[servingFunction(route)],
      });
      acceptFinding(httpRoute!, 'AwsSolutions-APIG4', ROUTE_AUTHORIZATION[route.access]);
    }
    (this.stage.node.defaultChild as CfnStage).routeSettings = Object.fromEntries(
      API_ROUTES.map((route) => [
        `ANY ${apiGatewayPath(route.path)}`,
        // A free-form map in CloudFormation: the keys must be spelled as the Stage resource spells them.
        { ThrottlingRateLimit: route.throttle.rateLimit, ThrottlingBurstLimit: route.throttle.burstLimit },
      ]),
    );
  }
}
