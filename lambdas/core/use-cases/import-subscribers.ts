// Core use case: an operator brings a list over. Readers confirmed elsewhere (a date given) are confirmed with
// consent recorded as imported; the others get a confirmation email, as if they had subscribed. Nobody who left
// is brought back, and nobody already here is touched.
import { forEachWithConcurrency } from '../domain/concurrency';
import { normalizeEmail } from '../domain/email-address';
import { InvalidInputError } from '../domain/errors';
import { INSTANT_RULE, parseInstant } from '../domain/instant';
import { languageTagFrom } from '../domain/language-tag';
import { confirmedSubscriber, importedSubscriber } from '../domain/subscriber';
import type { SubscriptionDeps } from './manage-subscription';
import { changeSubscriber } from './subscriber-changes';

/** One row of the list, as the operator wrote it, with its line in the file (1 is the header). */
/** A list is brought over in the table and the subscribe queue alone: the deliver function mails confirmations. */
export type ImportDeps = Pick<SubscriptionDeps, 'subscribers' | 'subscriptionQueue' | 'ids' | 'clock' | 'logger'>;

export interface ImportRow {
  line: number;
  email?: string;
  language?: string;
  confirmedAt?: string;
  /** From an export taken back: only confirmed readers come in. */
  status?: string;
}

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
const IMPORT_CONCURRENCY = 16;

export async function importSubscribers(deps: ImportDeps, rows: readonly ImportRow[]): Promise<ImportOutcome> {
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new InvalidInputError(`An import takes at most ${MAX_IMPORT_ROWS} rows; split the list.`, [
      { field: 'rows', message: `at most ${MAX_IMPORT_ROWS}` },
    ]);
  }
  const outcome: Omit<ImportOutcome, 'rejectedCount'> = { imported: 0, skipped: 0, rejected: [] };
  const now = deps.clock.now();
  const seen = new Set<string>();
  const accepted: Array<{ email: string; language?: string; confirmedAt?: string }> = [];
  for (const row of rows) {
    const checked = checkRow(row, now);
    if ('reason' in checked) outcome.rejected.push({ line: row.line, reason: checked.reason });
    else if (seen.has(checked.email)) outcome.skipped += 1;
    else {
      seen.add(checked.email);
      accepted.push(checked);
    }
  }
  await forEachWithConcurrency(accepted, IMPORT_CONCURRENCY, async (row) => {
    const added = await importOne(deps, row);
    if (added) outcome.imported += 1;
    else outcome.skipped += 1;
  });
  const rejectedCount = outcome.rejected.length;
  deps.logger.info('subscribers imported', {
    imported: outcome.imported,
    skipped: outcome.skipped,
    rejected: rejectedCount,
  });
  const firstRejected = outcome.rejected.sort((a, b) => a.line - b.line).slice(0, MAX_LISTED_REJECTIONS);
  return { imported: outcome.imported, skipped: outcome.skipped, rejectedCount, rejected: firstRejected };
}

type CheckedRow = { email: string; language?: string; confirmedAt?: string } | { reason: string };

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
 * True when the reader was added (confirmed, or queued for a confirmation email as if they had subscribed);
 * false when one was already here (confirmed, pending, or gone for good).
 */
async function importOne(
  deps: ImportDeps,
  row: { email: string; language?: string; confirmedAt?: string },
): Promise<boolean> {
  const language = row.language ? { language: row.language } : {};
  if (row.confirmedAt === undefined) {
    if ((await deps.subscribers.find(row.email)) !== undefined) return false;
    await deps.subscriptionQueue.enqueue({ email: row.email, via: 'import', ...language });
    return true;
  }
  const confirmedAt = row.confirmedAt;
  const { written } = await changeSubscriber(deps.subscribers, row.email, deps.clock.now(), (current) => {
    // Someone who left, or whose address was suppressed, stays gone: an old list must not bring them back.
    if (current === undefined)
      return importedSubscriber(row.email, confirmedAt, deps.ids.subscriptionId(), row.language);
    if (current.status !== 'pending') return undefined;
    return { ...confirmedSubscriber(current, new Date(confirmedAt), 'import'), ...language };
  });
  return written !== undefined;
}
