// Wire format: the subscriber list as CSV (RFC 4180, UTF-8), in and out: `email,language,confirmed_at` and the
// consent record after them. Read by both edges — the HTTP edge checks an upload's first line and writes exports,
// the import files read a stored upload into rows — so that the header rule, and the formula guard's two halves,
// live once (the export's writer: subscriber-csv-export.ts, apart so that the import function carries no writer). Only the syntax lives here: which rows are good is the core's to say (import-subscribers.ts).
import { CsvError, type Info, parse } from 'csv-parse/sync';
import type { ImportRow, UploadedList } from '../core/domain/import-rows';

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

/** Options every read shares: a BOM and blank lines ignored, cells trimmed, where each record ends kept. */
const READING = { bom: true, skip_empty_lines: true, trim: true, info: true } as const;

type ReadRecords = Array<{ record: string[]; info: Info }>;

/**
 * What is wrong with the list's first line, or undefined when it names the columns (or the list is empty: it has no
 * rows). Reads that line alone, so that an upload is answered at once whatever its length; the rest is read by the
 * import worker (readSubscriberCsv).
 */
export function headerProblem(text: string): string | undefined {
  const read = recordsOf(text, 1);
  if ('problem' in read) return read.problem;
  const [header] = read.records;
  return header === undefined ? undefined : columnsOf(header.record).problem;
}

/**
 * The rows of a list with the line each starts on, or the problem that stops the list being read: not CSV (named
 * by its line), or a first line that does not name the columns. A cell an export wrote after a `'` (see
 * neutralizeFormula) reads as it was before.
 */
export function readSubscriberCsv(text: string): UploadedList {
  const read = recordsOf(text);
  if ('problem' in read) return read;
  const [header, ...rows] = read.records;
  if (header === undefined) return { rows: [] };
  const columns = columnsOf(header.record);
  if (columns.problem !== undefined) return { problem: columns.problem };
  const { names } = columns;
  // csv-parse counts a line break inside quotes, CR LF, as two lines, and names a record by its last line: lines are
  // counted here, from where each record starts in the file (info.bytes: where the one before it ended).
  const lineAt = lineCounter(new TextEncoder().encode(text));
  let end = header.info.bytes;
  return {
    rows: rows.map(({ record, info }): ImportRow => {
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
    }),
  };
}

/**
 * The records up to `to` (all when not given), or where the text stops being CSV: the line the record that is not
 * CSV starts on (csv-parse names the line it gave up on, which for a quote never closed is the file's last).
 */
function recordsOf(text: string, to?: number): { records: ReadRecords } | { problem: string } {
  let lastEnd = 0;
  try {
    // csv-parse's typings leave out what `info: true` makes of each record.
    const records = parse(text, {
      ...READING,
      ...(to ? { to } : {}),
      on_record: (record, context) => {
        lastEnd = context.bytes;
        return record;
      },
    }) as unknown as ReadRecords;
    return { records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The message may quote a field, which may be an address: say only where.
    const line = lineCounter(new TextEncoder().encode(text))(lastEnd);
    return { problem: `The file is not valid CSV (line ${line}).` };
  }
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

/** The header's column names, or why they are not the columns of a list. */
function columnsOf(header: readonly string[]): { names: string[]; problem?: undefined } | { problem: string } {
  const names = header.map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !(EXPORT_COLUMNS as readonly string[]).includes(name));
  if (names.includes('email') && unknown.length === 0 && new Set(names).size === names.length) return { names };
  return {
    problem: `The first line must name the columns: email, and optionally language and confirmed_at (or an export's columns)${
      unknown.length > 0 ? ` (not ${unknown.map(quotedColumn).join(', ')})` : ''
    }.`,
  };
}

/** A column named in a problem: a list without its header line starts with an address, which is never repeated. */
function quotedColumn(name: string): string {
  return name.includes('@') ? 'an address' : JSON.stringify(name.slice(0, 40));
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
