// Core domain: the business events Mujaz counts, under the names CloudWatch files them. One list: the use cases
// count them (through the Metrics port) and the CDK dashboard and alarms read them. It imports nothing, so that
// lib/ can import it as it is.

/** The CloudWatch namespace every Mujaz metric is published in (with a `service` dimension: the function's name). */
export const METRICS_NAMESPACE = 'Mujaz';

export const METRIC_NAMES = {
  /** A reader's copy of an edition that SES took (counted once its outcome is recorded). */
  digestsSent: 'DigestsSent',
  /** A reader's copy SES refused on the queue's last try: recorded `failed`, the turn dead-lettered. */
  digestsFailed: 'DigestsFailed',
  /** A reader's copy SES may or may not have taken (no answer, or an attempt that died mid-send): never resent. */
  digestsUnknown: 'DigestsUnknown',
  /** A reader who left or was suppressed after the edition was composed: nothing sent. */
  digestsSkipped: 'DigestsSkipped',
  /**
   * A reader's turn that SES throttled on every try and sent back to the queue for later. Not an outcome: the
   * reader is counted again when their turn ends (on the last try, as failed only).
   */
  digestsThrottled: 'DigestsThrottled',
  /** A subscribe request accepted and queued: from the form or the API, or the goodbye page's "subscribe again". */
  subscriptionsRequested: 'SubscriptionsRequested',
  /** A confirmation email SES took. */
  confirmationsSent: 'ConfirmationsSent',
  /** A reader who confirmed by the link: their subscription turned confirmed (a repeated click counts nothing). */
  subscriptionsConfirmed: 'SubscriptionsConfirmed',
  /** A report stored for the next edition (the same report sent again counts nothing). */
  reportsIngested: 'ReportsIngested',
  /** A poll of a source that read its feed, changed or not. */
  sourcePolls: 'SourcePolls',
  /** A poll of a source that could not fetch or read its feed. */
  sourcePollsFailed: 'SourcePollsFailed',
  /** A failing source (three or more failed polls in a row), counted at every run of the finder: an alarm. */
  failingSources: 'FailingSources',
  /** The watch a day after the schedule found no send finished since: an alarm. */
  digestsOverdue: 'DigestsOverdue',
} as const;

export type MetricName = (typeof METRIC_NAMES)[keyof typeof METRIC_NAMES];
