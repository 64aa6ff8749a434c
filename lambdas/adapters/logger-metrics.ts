// Adapter: the Metrics port as log lines, for the local runtime — what Lambda publishes to CloudWatch, read in the
// console instead.
import type { Logger } from '../core/ports/logger';
import type { Metrics } from '../core/ports/metrics';

export function loggerMetrics(logger: Logger): Metrics {
  return { count: (metric) => logger.info('metric counted', { metric }) };
}
