// Infrastructure: what holds data — the table and the secrets. Kept on RETAIN, in a stack of its own, so that
// replacing or deleting the functions can never take readers' subscriptions with it.
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { mujazTable } from '../lambdas/adapters/dynamo-table-definition';
import { acceptFinding } from './nag';

export class MujazStatefulStack extends Stack {
  readonly table: ITableV2;
  /** HMAC key of confirmation and unsubscribe links. */
  readonly tokenSigningSecret: ISecret;
  /** Bearer token of the admin routes (POST /reports, POST /digests). */
  readonly adminTokenSecret: ISecret;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const key = (name: string) => ({ name, type: AttributeType.STRING });
    this.table = new TableV2(this, 'Table', {
      partitionKey: key(mujazTable.partitionKey),
      sortKey: key(mujazTable.sortKey),
      globalSecondaryIndexes: mujazTable.indexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
      })),
      timeToLiveAttribute: mujazTable.timeToLiveAttribute,
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Even a `cdk destroy` or a console click cannot delete readers' subscriptions: protection must be lifted first.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const generatedSecret = (logicalId: string, description: string) => {
      const secret = new Secret(this, logicalId, {
        description,
        generateSecretString: { passwordLength: 48, excludePunctuation: true },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      acceptFinding(
        secret,
        'AwsSolutions-SMG4',
        'Rotated by the operator (docs/DEPLOY.md): a new link-signing key joins a key ring and the old one is accepted until its mailed links expire, which an automatic single-value rotation would break.',
      );
      return secret;
    };
    this.tokenSigningSecret = generatedSecret(
      'TokenSigningSecret',
      'Mujaz: HMAC key of confirmation and unsubscribe links',
    );
    this.adminTokenSecret = generatedSecret('AdminTokenSecret', 'Mujaz: bearer token of the admin API routes');
  }
}
