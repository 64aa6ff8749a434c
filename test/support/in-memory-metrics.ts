// Test double: the Metrics port as a list of what was counted, in order, so a test can say exactly what was.
import type { MetricName } from '../../lambdas/core/domain/metric-names';
import type { Metrics } from '../../lambdas/core/ports/metrics';

export class InMemoryMetrics implements Metrics {
  /** Every count, in the order the use cases made them. */
  readonly counted: MetricName[] = [];

  count(metric: MetricName): void {
    this.counted.push(metric);
  }

  /** Forgets what was counted so far (what a test's setup counted). */
  clear(): void {
    this.counted.length = 0;
  }
}
