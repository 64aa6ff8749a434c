// Composition: builds the AWS adapters and binds the core facade to them. Lambda handlers and the local runtime
// both call it, each with their own clients, so the code that runs locally is the code that runs in Lambda.

import type { AwsClients } from '../adapters/aws-clients';
import { DynamoDigestLedger } from '../adapters/dynamo-digest-ledger';
import { DynamoReportRepository } from '../adapters/dynamo-report-repository';
import { DynamoSubscriberRepository } from '../adapters/dynamo-subscriber-repository';
import { HmacTokenSigner } from '../adapters/hmac-token-signer';
import { MjmlEmailRenderer, readEmailTemplates } from '../adapters/mjml-email-renderer';
import { ReadabilityArticleExtractor } from '../adapters/readability-article-extractor';
import { SesMailer } from '../adapters/ses-mailer';
import { bindMujaz, type Mujaz, useCaseDeps } from '../core/mujaz';
import { type Clock, systemClock } from '../core/ports/clock';
import type { Logger } from '../core/ports/logger';
import type { MujazConfig } from './config';

export type { Mujaz } from '../core/mujaz';

export interface MujazSecrets {
  tokenSecret: string;
}

export interface MujazOptions {
  logger: Logger;
  clock?: Clock;
  /** Receives every raw message SES accepted; the local runtime writes them to disk. */
  onMailSent?: (raw: Buffer, messageId: string) => Promise<void>;
}

export function createMujaz(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: MujazOptions,
): Mujaz {
  const ledger = new DynamoDigestLedger(clients.dynamo, config.tableName);
  const ports = {
    reports: new DynamoReportRepository(clients.dynamo, config.tableName),
    subscribers: new DynamoSubscriberRepository(clients.dynamo, config.tableName),
    archive: ledger,
    ledger,
    mailer: new SesMailer(clients.ses, {
      from: config.fromAddress,
      timeoutMs: config.sesTimeoutMs,
      ...(config.sesConfigurationSet ? { configurationSetName: config.sesConfigurationSet } : {}),
      ...(options.onMailSent ? { onSent: options.onMailSent } : {}),
    }),
    renderer: new MjmlEmailRenderer(readEmailTemplates(config.templatesDirectory)),
    tokens: new HmacTokenSigner(secrets.tokenSecret),
    extractor: new ReadabilityArticleExtractor(),
    clock: options.clock ?? systemClock,
    logger: options.logger,
  };
  return bindMujaz(useCaseDeps(ports, config));
}
