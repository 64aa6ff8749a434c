// Core use case: an operator brings a list over. Readers confirmed elsewhere (a date given) are confirmed with
// consent recorded as imported; the others get a confirmation email, as if they had subscribed. Nobody who left
// is brought back, and nobody already here is touched.
import { forEachWithConcurrency } from '../domain/concurrency';
import { normalizeEmail } from '../domain/email-address';
import { InvalidInputError } from '../domain/errors';
import type { AcceptedRow, ImportRow } from '../domain/import-rows';
import { INSTANT_RULE, parseInstant } from '../domain/instant';
import { languageTagFrom } from '../domain/language-tag';
import { confirmedSubscriber, importedSubscriber, type Subscriber } from '../domain/subscriber';
import type { QueuedSubscription } from '../domain/work-queue-messages';
import type { SubscriptionDeps } from './manage-subscription';
import { changeSubscriber } from './subscriber-changes';

/** A list is brought over in the table and the subscribe queue alone: the deliver function mails confirmations. */
export type ImportDeps = Pick<SubscriptionDeps, 'subscribers' | 'subscriptionQueue' | 'ids' | 'clock' | 'logger'>;

export type { AcceptedRow, ImportRow } from '../domain/import-rows';

export interface ImportOutcome {
  /** Readers added: confirmed, or sent a confirmation email. */
  imported: number;
  /** Rows about readers already here (or twice in the file): left as they are. */
  skipped: number;
  /** Rows turned away, all of them. */
  rejectedCount: number;
  /** The first MAX_LISTED_REJECTIONS of them by line, each with why. */
  rejected: Array<{ line: number; reason: string }>;
}

/** The most rows one import takes: an HTTP request body, and one Lambda invocation, bound it anyway. */
export const MAX_IMPORT_ROWS = 100_000;

/**
 * The rejected rows an outcome names: the list of a file of 100,000 bad rows would be 5.5 MB, near Lambda's 6 MB
 * answer; the first thousand say what is wrong with the file, and rejectedCount how much of it.
 */
export const MAX_LISTED_REJECTIONS = 1_000;

/** Rows are independent: at most this many are in flight against the table at once. */
export const IMPORT_CONCURRENCY = 16;

export async function importSubscribers(deps: ImportDeps, rows: readonly ImportRow[]): Promise<ImportOutcome> {
  checkImportSize(rows.length);
  const checked = checkImportRows(rows, deps.clock.now());
  let imported = 0;
  let skipped = checked.skipped;
  await forEachWithConcurrency(checked.accepted, IMPORT_CONCURRENCY, async (row) => {
    const added = await importOne(deps, row);
    if (added) imported += 1;
    else skipped += 1;
  });
  deps.logger.info('subscribers imported', { imported, skipped, rejected: checked.rejectedCount });
  return { imported, skipped, rejectedCount: checked.rejectedCount, rejected: checked.rejected };
}

/** Why a list of this many rows is refused whole, or undefined when it is not longer than MAX_IMPORT_ROWS. */
export function importSizeProblem(rows: number): string | undefined {
  return rows > MAX_IMPORT_ROWS ? `An import takes at most ${MAX_IMPORT_ROWS} rows; split the list.` : undefined;
}

/** Throws InvalidInputError for a list longer than MAX_IMPORT_ROWS: it is refused whole. */
export function checkImportSize(rows: number): void {
  const problem = importSizeProblem(rows);
  if (problem !== undefined)
    throw new InvalidInputError(problem, [{ field: 'rows', message: `at most ${MAX_IMPORT_ROWS}` }]);
}

/** What the checks make of a whole list, before anything is written. */
export interface CheckedRows {
  /** Rows to import, each address once. */
  accepted: AcceptedRow[];
  /** Rows naming an address an earlier row names. */
  skipped: number;
  rejectedCount: number;
  /** The first MAX_LISTED_REJECTIONS rejected rows by line, each with why. */
  rejected: Array<{ line: number; reason: string }>;
}

/** Every row checked, and the list's duplicates found: a pure step, the same for an import in one go or in chunks. */
export function checkImportRows(rows: readonly ImportRow[], now: Date): CheckedRows {
  const seen = new Set<string>();
  const accepted: AcceptedRow[] = [];
  const rejected: Array<{ line: number; reason: string }> = [];
  let skipped = 0;
  for (const row of rows) {
    const checked = checkRow(row, now);
    if ('reason' in checked) rejected.push({ line: row.line, reason: checked.reason });
    else if (seen.has(checked.email)) skipped += 1;
    else {
      seen.add(checked.email);
      accepted.push(checked);
    }
  }
  const firstRejected = rejected.sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_REJECTIONS);
  return { accepted, skipped, rejectedCount: rejected.length, rejected: firstRejected };
}

type CheckedRow = AcceptedRow | { reason: string };

function checkRow(row: ImportRow, now: Date): CheckedRow {
  // An export with everyone in it lists readers who left: taking it back must not bring them back.
  const status = row.status?.trim().toLowerCase();
  if (status !== undefined && status !== 'confirmed')
    return { reason: `status is ${status.slice(0, 20)}: only confirmed readers are imported` };
  let email: string;
  try {
    email = normalizeEmail(row.email ?? '');
  } catch {
    return { reason: 'email is not a valid address' };
  }
  const named = row.language?.trim() || undefined;
  const language = named === undefined ? undefined : languageTagFrom(named);
  if (named !== undefined && language === undefined) return { reason: 'language is not an ISO 639 code' };
  const given = row.confirmedAt?.trim() || undefined;
  if (given === undefined) return { email, ...(language ? { language } : {}) };
  const confirmedAt = parseInstant(given);
  if (confirmedAt === undefined) return { reason: `confirmed_at ${INSTANT_RULE}` };
  if (confirmedAt > now) return { reason: 'confirmed_at is in the future' };
  return { email, ...(language ? { language } : {}), confirmedAt: confirmedAt.toISOString() };
}

/**
 * Whether a row brings its reader in, given who is stored under the address: the one rule both importOne and an
 * import job's plan (import-jobs.ts) follow. Someone who left, or whose address was suppressed, stays gone: an old
 * list must not bring them back; a confirmed-elsewhere row confirms a pending reader.
 */
export function admitsRow(row: AcceptedRow, current: Subscriber | undefined): boolean {
  if (current === undefined) return true;
  return row.confirmedAt !== undefined && current.status === 'pending';
}

/**
 * True when the reader was added (confirmed, or queued for a confirmation email as if they had subscribed);
 * false when one was already here (confirmed, pending, or gone for good).
 */
export async function importOne(deps: ImportDeps, row: AcceptedRow): Promise<boolean> {
  if (row.confirmedAt === undefined) {
    if (!admitsRow(row, await deps.subscribers.find(row.email))) return false;
    await deps.subscriptionQueue.enqueue(subscribeRequestFor(row));
    return true;
  }
  return confirmImported(deps, row);
}

/** The subscribe request a row not confirmed elsewhere makes: as if the reader had subscribed. */
export function subscribeRequestFor(row: AcceptedRow): QueuedSubscription {
  return { email: row.email, via: 'import', ...(row.language ? { language: row.language } : {}) };
}

/**
 * Writes a row confirmed elsewhere: a new reader confirmed, or a pending one confirmed; true when written. Run again
 * on a row it wrote, it writes nothing (the reader is confirmed now). `read`: the record as just read, if it was.
 */
export async function confirmImported(
  deps: ImportDeps,
  row: AcceptedRow,
  read?: { current: Subscriber | undefined },
): Promise<boolean> {
  const confirmedAt = row.confirmedAt;
  if (confirmedAt === undefined) return false;
  const language = row.language ? { language: row.language } : {};
  const { written } = await changeSubscriber(
    deps.subscribers,
    row.email,
    deps.clock.now(),
    (current) => {
      if (!admitsRow(row, current)) return undefined;
      if (current === undefined)
        return importedSubscriber(row.email, confirmedAt, deps.ids.subscriptionId(), row.language);
      return { ...confirmedSubscriber(current, new Date(confirmedAt), 'import'), ...language };
    },
    read,
  );
  return written !== undefined;
}
