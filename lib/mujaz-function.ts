// Infrastructure: one construct for every Mujaz function, with the helpers that grant access and set the
// matching environment variable together, so no function gets a permission without its configuration or back.

import { join } from 'node:path';
import type { Duration } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENVIRONMENT_VARIABLES } from '../lambdas/composition/config';
import {
  BUNDLE_OPTIONS,
  FUNCTION_ENTRIES,
  type FunctionName,
  PROJECT_ROOT,
  TEMPLATES_DIRECTORY,
} from './function-bundles';
import { acceptFinding } from './nag';
import { TABLE_ACCESS } from './table-access';

export interface MujazFunctionProps {
  handler: FunctionName;
  description: string;
  timeout: Duration;
  memorySize: number;
  environment: Record<string, string>;
  /** Map stack traces back to the TypeScript source: costs 85–150 ms of CPU per cold start, so only when asked. */
  sourceMapsAtRuntime: boolean;
  /** Where an asynchronous invocation goes after Lambda's own two retries, instead of being dropped. */
  failedAsyncInvocations?: IQueue;
}

/**
 * Node.js 24, the latest Lambda runtime: the AWS SDK v3 and Powertools support it, and the bundles' node20 target
 * runs unchanged on it (this repository's own Node is 20).
 */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;

export class MujazFunction extends Construct {
  readonly function: NodejsFunction;
  private readonly handler: FunctionName;

  constructor(scope: Construct, id: string, props: MujazFunctionProps) {
    super(scope, id);
    this.handler = props.handler;
    // Its own role instead of the managed basic-execution policy, which may write to every log group in the account.
    const logGroup = new LogGroup(this, 'Logs', { retention: RetentionDays.ONE_MONTH });
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Mujaz ${props.handler}: exactly what its code calls`,
    });
    logGroup.grantWrite(role);
    acceptFinding(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'X-Ray (PutTraceSegments, PutTelemetryRecords) and ses:GetSendQuota take no resource but `*`; every other statement names its resources.',
    );
    this.function = new NodejsFunction(this, 'Function', {
      entry: join(PROJECT_ROOT, FUNCTION_ENTRIES[props.handler]),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      description: props.description,
      timeout: props.timeout,
      memorySize: props.memorySize,
      logGroup,
      role,
      deadLetterQueue: props.failedAsyncInvocations,
      tracing: Tracing.ACTIVE,
      environment: {
        ...(props.sourceMapsAtRuntime ? { NODE_OPTIONS: '--enable-source-maps' } : {}),
        POWERTOOLS_SERVICE_NAME: `mujaz-${props.handler}`,
        ...props.environment,
      },
      bundling: {
        target: BUNDLE_OPTIONS.target,
        format: BUNDLE_OPTIONS.format === 'cjs' ? OutputFormat.CJS : OutputFormat.ESM,
        externalModules: [...BUNDLE_OPTIONS.externalModules],
        minify: BUNDLE_OPTIONS.minify,
        keepNames: BUNDLE_OPTIONS.keepNames,
        sourceMap: BUNDLE_OPTIONS.sourceMap,
        // As an esbuild flag: this aws-cdk-lib declares a `charset` option but leaves it out of the command it runs.
        esbuildArgs: {
          '--charset': BUNDLE_OPTIONS.charset,
          ...Object.fromEntries(Object.entries(BUNDLE_OPTIONS.alias).map(([name, path]) => [`--alias:${name}`, path])),
        },
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // The MJML templates compiled once, with their Handlebars placeholders: no function carries mjml.
          afterBundling: (inputDir: string, outputDir: string) => [
            `cd "${inputDir}" && npx tsx scripts/compile-email-templates.ts "${TEMPLATES_DIRECTORY}" "${outputDir}/${TEMPLATES_DIRECTORY}"`,
          ],
        },
      },
    });
  }

  /** Exactly the actions this function's code calls, on the table and the indexes it queries (TABLE_ACCESS). */
  bindTable(table: ITableV2): this {
    const { actions, indexes } = TABLE_ACCESS[this.handler];
    this.function.addToRolePolicy(
      new PolicyStatement({
        actions: actions.map((action) => `dynamodb:${action}`),
        resources: [table.tableArn, ...indexes.map((index) => `${table.tableArn}/index/${index}`)],
      }),
    );
    this.function.addEnvironment(ENVIRONMENT_VARIABLES.tableName, table.tableName);
    return this;
  }

  /** Read access to the secret, and its ARN (never its value) in the variable the function reads it from. */
  bindSecret(
    environmentVariable: (typeof ENVIRONMENT_VARIABLES)['tokenSecretArn' | 'adminTokenSecretArn'],
    secret: ISecret,
  ): this {
    secret.grantRead(this.function);
    this.function.addEnvironment(environmentVariable, secret.secretArn);
    return this;
  }
}
