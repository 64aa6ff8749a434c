// Wire format: the subscriber list written as CSV, for GET /subscribers.csv and the console's export — the columns
// and the formula guard of subscriber-csv.ts, which an import reads back.
import { stringify } from 'csv-stringify/sync';
import type { Subscriber } from '../core/domain/subscriber';
import { EXPORT_COLUMNS, neutralizeFormula } from './subscriber-csv';

export function subscribersToCsv(subscribers: readonly Subscriber[]): string {
  return stringify(
    subscribers.map((subscriber) =>
      [
        subscriber.email,
        subscriber.language ?? '',
        subscriber.confirmedAt ?? '',
        subscriber.status,
        subscriber.subscribedAt,
        subscriber.subscribedVia,
        subscriber.confirmedVia ?? '',
        subscriber.unsubscribedAt ?? subscriber.suppressedAt ?? '',
        subscriber.status === 'unsubscribed' ? 'link' : (subscriber.suppressedFor ?? ''),
        String(subscriber.earlier?.length ?? 0),
      ].map(neutralizeFormula),
    ),
    { header: true, columns: [...EXPORT_COLUMNS], record_delimiter: 'windows' },
  );
}
