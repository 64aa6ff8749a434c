// Core port: counting business events (Powertools Metrics in Lambda, a log line locally, a list in tests).
import type { MetricName } from '../domain/metric-names';

/** Counts business events by the names in metric-names.ts, which the dashboard and alarms read. */
export interface Metrics {
  /** One more occurrence of the event, counted where the use case decided it happened. */
  count(metric: MetricName): void;
}
