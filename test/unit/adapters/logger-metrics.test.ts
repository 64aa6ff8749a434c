import { loggerMetrics } from '../../../lambdas/adapters/logger-metrics';
import { METRIC_NAMES } from '../../../lambdas/core/domain/metric-names';
import { RecordingLogger } from '../../support/recording-logger';

describe('loggerMetrics (the local runtime)', () => {
  it('writes each count as a log line naming the metric', () => {
    const logger = new RecordingLogger();
    loggerMetrics(logger).count(METRIC_NAMES.subscriptionsConfirmed);
    expect(logger.entries).toEqual([
      { level: 'info', message: 'metric counted', attributes: { metric: 'SubscriptionsConfirmed' } },
    ]);
  });
});
