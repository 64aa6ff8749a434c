// Composition: what every builder of a function's use cases receives besides config and clients.
import type { CompiledEmailTemplates } from '../adapters/handlebars-templates';
import type { Clock } from '../core/ports/clock';
import type { Logger } from '../core/ports/logger';
import type { Metrics } from '../core/ports/metrics';

export interface MujazSecrets {
  tokenSecret: string;
}

export interface CompositionOptions {
  logger: Logger;
  /** Where the use cases count business events: Powertools Metrics in Lambda, log lines locally. */
  metrics: Metrics;
  clock?: Clock;
  /** The email templates as the build compiled them (read next to the bundle, or compiled at a local start). */
  emailTemplates: CompiledEmailTemplates;
  /** Receives every raw message SES accepted; the local runtime writes them to disk. */
  onMailSent?: (raw: Buffer, messageId: string) => Promise<void>;
}

/** SES's starting quota for a production account: what we assume when neither config nor SES says. */
export const DEFAULT_SEND_RATE = 14;
