// Infrastructure: what holds data — the table and the secrets. Kept on RETAIN, in a stack of its own, so that
// replacing or deleting the functions can never take readers' subscriptions with it.
import { CfnOutput, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { DomainName, type IDomainName } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate, CertificateValidation } from 'aws-cdk-lib/aws-certificatemanager';
import { AttributeType, Billing, type ITableV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  DkimIdentity,
  EasyDkimSigningKeyLength,
  EmailIdentity,
  Identity,
  MailFromBehaviorOnMxFailure,
} from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { mujazTable } from '../lambdas/adapters/dynamo-table-definition';
import { acceptFinding } from './nag';

/** The public web address readers' links use, instead of the API's own URL (context `mujaz:domainName`). */
export interface PublicDomainSettings {
  /** e.g. `news.example.com`. */
  name: string;
  /** An ACM certificate for it in the stack's region; without one the stack requests one, validated by DNS. */
  certificateArn?: string;
}

export interface MujazStatefulStackProps extends StackProps {
  /** The From address's domain, verified as an SES identity here unless another stack or the console owns it. */
  emailDomain?: string;
  publicDomain?: PublicDomainSettings;
}

/** The MAIL FROM (bounce) subdomain of the sending domain: SPF then aligns with the From domain for DMARC. */
export const MAIL_FROM_SUBDOMAIN = 'bounce';

export class MujazStatefulStack extends Stack {
  readonly table: ITableV2;
  /** HMAC key of confirmation and unsubscribe links. */
  readonly tokenSigningSecret: ISecret;
  /** Bearer token of the admin routes (POST /reports, POST /digests). */
  readonly adminTokenSecret: ISecret;
  /**
   * The custom domain, kept here: replacing the service stack must not change the host name readers' links (already
   * mailed) point to, nor the DNS record behind it.
   */
  readonly publicDomain?: IDomainName;

  constructor(scope: Construct, id: string, props: MujazStatefulStackProps = {}) {
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
    if (props.emailDomain) this.verifySendingDomain(props.emailDomain);
    if (props.publicDomain) this.publicDomain = this.servePublicDomain(props.publicDomain);
  }

  /**
   * The sending domain as an SES identity: Easy DKIM (2048-bit keys, rotated by SES) and a custom MAIL FROM, so that
   * both DKIM and SPF align with the From domain and a DMARC policy can be strict (docs/DEPLOY.md lists the records).
   */
  private verifySendingDomain(domain: string): void {
    const identity = new EmailIdentity(this, 'SendingDomain', {
      identity: Identity.domain(domain),
      dkimIdentity: DkimIdentity.easyDkim(EasyDkimSigningKeyLength.RSA_2048_BIT),
      mailFromDomain: `${MAIL_FROM_SUBDOMAIN}.${domain}`,
      // Until the MAIL FROM records exist, SES keeps sending with its own bounce domain rather than refusing.
      mailFromBehaviorOnMxFailure: MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
    });
    identity.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const records = [
      [identity.dkimDnsTokenName1, identity.dkimDnsTokenValue1],
      [identity.dkimDnsTokenName2, identity.dkimDnsTokenValue2],
      [identity.dkimDnsTokenName3, identity.dkimDnsTokenValue3],
    ];
    records.forEach(([name, value], index) => {
      new CfnOutput(this, `DkimRecord${index + 1}`, {
        description: `DKIM: a CNAME record (${index + 1} of 3) to add to ${domain}'s DNS`,
        value: `${name} CNAME ${value}`,
      });
    });
  }

  private servePublicDomain(settings: PublicDomainSettings): IDomainName {
    const certificate = settings.certificateArn
      ? Certificate.fromCertificateArn(this, 'PublicCertificate', settings.certificateArn)
      : this.requestCertificate(settings.name);
    const domain = new DomainName(this, 'PublicDomain', { domainName: settings.name, certificate });
    domain.applyRemovalPolicy(RemovalPolicy.RETAIN);
    new CfnOutput(this, 'PublicDomainTarget', {
      description: `Point ${settings.name} here with a CNAME (or an alias record)`,
      value: domain.regionalDomainName,
    });
    return domain;
  }

  /** Kept like the domain that uses it: deleting it would fail while the domain exists, and the stack's teardown with it. */
  private requestCertificate(name: string): Certificate {
    const certificate = new Certificate(this, 'PublicCertificate', {
      domainName: name,
      // Without a hosted zone here: the deploy waits until the CNAME ACM asks for (in its console) exists.
      validation: CertificateValidation.fromDns(),
    });
    certificate.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return certificate;
  }
}
