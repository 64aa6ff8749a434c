// HTTP edge: the subscriber list as CSV (RFC 4180, UTF-8), in and out: `email,language,confirmed_at` and the
// consent record after them. Only the wire lives here: which rows are good is the core's to say (importSubscribers).
import { CsvError, type Info, parse } from 'csv-parse/sync';
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

/**
 * Rows of an import with the line each starts on; a file that is not CSV, or lacks the email column, is 400. A cell
 * an export wrote after a `'` (see neutralizeFormula) reads as it was before.
 */
export function parseSubscriberCsv(text: string): ImportRow[] {
  let records: Array<{ record: string[]; info: Info }>;
  try {
    // csv-parse's typings leave out what `info: true` makes of each record.
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse names the line; the message may quote a field, which may be an address: say only where.
    const line = error instanceof CsvError ? (error as CsvError & { lines?: number }).lines : undefined;
    throw new HttpProblem(400, 'invalid_csv', `The body is not valid CSV${line ? ` (line ${line})` : ''}.`);
  }
  const [header, ...rows] = records;
  if (header === undefined) return [];
  const names = checkHeader(header.record);
  // csv-parse counts a line break inside quotes, CR LF, as two lines, and names a record by its last line: lines are
  // counted here, from where each record starts in the file (info.bytes: where the one before it ended).
  const lineAt = lineCounter(new TextEncoder().encode(text));
  let end = header.info.bytes;
  return rows.map(({ record, info }) => {
    const line = lineAt(end);
    end = info.bytes;
    const cells = Object.fromEntries(names.map((name, index) => [name, restoreFormula(record[index] ?? '')]));
    return {
      line,
      ...(cells.email !== undefined ? { email: cells.email } : {}),
      ...(cells.language ? { language: cells.language } : {}),
      ...(cells.confirmed_at ? { confirmedAt: cells.confirmed_at } : {}),
      ...(cells.status ? { status: cells.status } : {}),
    };
  });
}

const CR = 0x0d;
const LF = 0x0a;

/**
 * The line (1 for the first) of the first thing after `from` in the file that is not a blank line — where the next
 * record starts, as the parser skips blank lines; asked for ever later offsets, it reads the file once.
 */
function lineCounter(bytes: Uint8Array): (from: number) => number {
  let offset = 0;
  let line = 1;
  const isBreak = (at: number) => bytes[at] === LF || (bytes[at] === CR && bytes[at + 1] !== LF);
  return (from) => {
    for (; offset < from; offset += 1) if (isBreak(offset)) line += 1;
    let lineOfContent = line;
    for (let at = from; at < bytes.length; at += 1) {
      const byte = bytes[at];
      if (isBreak(at)) lineOfContent += 1;
      else if (byte !== CR && byte !== 0x20 && byte !== 0x09) break;
    }
    return lineOfContent;
  };
}

function checkHeader(header: readonly string[]): string[] {
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

/**
 * A cell a spreadsheet would run as a formula — one starting with =, +, -, @, tab or CR, which anyone can plant
 * through the subscribe form (`=2+5@example.com` is an address) — is written after a `'`, which spreadsheets show
 * as text (OWASP, CSV injection). So is one that already starts with `'`s before such a character
 * (`'=x@example.com` is an address too): an import takes one `'` off exactly these cells, and every cell comes back.
 */
const FORMULA_START = /^'*[=+\-@\t\r]/u;

export function neutralizeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}
