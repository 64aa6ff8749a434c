// Composition (Lambda only): the send rate of the functions that mail readers (admin, deliver) — in a module of its
// own, so that the functions which mail nobody never load the SES client.
import { GetSendQuotaCommand, type SESClient } from '@aws-sdk/client-ses';
import type { Logger } from '../core/ports/logger';
import type { MujazConfig } from './config';

/**
 * The config with its send rate: MUJAZ_SEND_RATE when set, else the account's SES quota (MaxSendRate), read once
 * per cold start. Should SES not answer, the default stands (DEFAULT_SEND_RATE) and the log says so.
 */
export async function withSendRate(config: MujazConfig, ses: SESClient, logger: Logger): Promise<MujazConfig> {
  if (config.sendRate !== undefined) return config;
  try {
    const quota = await ses.send(new GetSendQuotaCommand({}), { abortSignal: AbortSignal.timeout(2_000) });
    if (quota.MaxSendRate && quota.MaxSendRate > 0) return { ...config, sendRate: quota.MaxSendRate };
  } catch (error) {
    logger.warn('SES send quota unknown; the default send rate applies', {
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
  return config;
}
