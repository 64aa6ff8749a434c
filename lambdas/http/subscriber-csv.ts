// HTTP edge: the subscriber list as CSV (RFC 4180, UTF-8), in and out: `email,language,confirmed_at` and the
// consent record after them. Only the wire lives here: which rows are good is the core's to say (importSubscribers).
import { CsvError, parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Subscriber } from '../core/domain/subscriber';
import type { ImportRow } from '../core/use-cases/import-subscribers';
import { HttpProblem } from './http-errors';

/** The columns an import reads. */
export const SUBSCRIBER_COLUMNS = ['email', 'language', 'confirmed_at'] as const;

/**
 * The columns of an export, in order: the import's, then the consent record of the current subscription (when,
 * and how: form, api or import; link or import) and how many earlier subscriptions the address had. An import
 * takes an export back unchanged: it reads the first three and the status, and skips the rest.
 */
export const EXPORT_COLUMNS = [
  ...SUBSCRIBER_COLUMNS,
  'status',
  'subscribed_at',
  'subscribed_via',
  'confirmed_via',
  'left_at',
  'left_via',
  'earlier_subscriptions',
] as const;

/** Rows of an import with the line each sits on; a file that is not CSV, or lacks the email column, is 400. */
export function parseSubscriberCsv(text: string): ImportRow[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      columns: (header: string[]) => checkHeader(header),
      skip_empty_lines: true,
      trim: true,
      info: true,
    });
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    // csv-parse names the line; the message may quote a field, which may be an address: say only where.
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    throw new HttpProblem(400, 'invalid_csv', `The body is not valid CSV${line ? ` (line ${line})` : ''}.`);
  }
  return records.map(({ record, info }) => ({
    line: info.lines,
    ...(record.email !== undefined ? { email: record.email } : {}),
    ...(record.language ? { language: record.language } : {}),
    ...(record.confirmed_at ? { confirmedAt: record.confirmed_at } : {}),
    ...(record.status ? { status: record.status } : {}),
  }));
}

function checkHeader(header: string[]): string[] {
  const names = header.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(EXPORT_COLUMNS as readonly string[]).includes(name));
  if (!names.includes('email') || unknown.length > 0 || new Set(names).size !== names.length) {
    throw new HttpProblem(
      400,
      'invalid_csv',
      `The first line must name the columns: email, and optionally language and confirmed_at (or an export's columns)${
        unknown.length > 0 ? ` (not ${unknown.map((name) => JSON.stringify(name.slice(0, 40))).join(', ')})` : ''
      }.`,
    );
  }
  return names;
}

export function subscribersToCsv(subscribers: readonly Subscriber[]): string {
  return stringify(
    subscribers.map((subscriber) => [
      subscriber.email,
      subscriber.language ?? '',
      subscriber.confirmedAt ?? '',
      subscriber.status,
      subscriber.subscribedAt,
      subscriber.subscribedVia,
      subscriber.confirmedVia ?? '',
      subscriber.unsubscribedAt ?? subscriber.suppressedAt ?? '',
      subscriber.status === 'unsubscribed' ? 'link' : (subscriber.suppressedFor ?? ''),
      subscriber.earlier?.length ?? 0,
    ]),
    { header: true, columns: [...EXPORT_COLUMNS], record_delimiter: 'windows' },
  );
}
