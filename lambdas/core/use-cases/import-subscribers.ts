// Core use case: an operator brings a list over. Readers confirmed elsewhere (a date given) are confirmed with
// consent recorded as imported; the others get a confirmation email, as if they had subscribed. Nobody who left
// is brought back, and nobody already here is touched.
import { forEachWithConcurrency } from '../domain/concurrency';
import { InvalidInputError } from '../domain/errors';
import { isLanguageTag } from '../domain/language-tag';
import {
  confirmedSubscriber,
  importedSubscriber,
  normalizeEmail,
  pendingSubscriber,
  type Subscriber,
} from '../domain/subscriber';
import { type SubscriptionDeps, sendConfirmation } from './manage-subscription';

/** One row of the list, as the operator wrote it, with its line in the file (1 is the header). */
export interface ImportRow {
  line: number;
  email?: string;
  language?: string;
  confirmedAt?: string;
}

export interface ImportOutcome {
  /** Readers added: confirmed, or sent a confirmation email. */
  imported: number;
  /** Rows about readers already here (or twice in the file): left as they are. */
  skipped: number;
  rejected: Array<{ line: number; reason: string }>;
}

/** The most rows one import takes: an HTTP request body, and one Lambda invocation, bound it anyway. */
export const MAX_IMPORT_ROWS = 100_000;

/** Rows are independent: at most this many are in flight against the table at once. */
const IMPORT_CONCURRENCY = 16;

export async function importSubscribers(deps: SubscriptionDeps, rows: readonly ImportRow[]): Promise<ImportOutcome> {
  if (rows.length > MAX_IMPORT_ROWS) {
    throw new InvalidInputError(`An import takes at most ${MAX_IMPORT_ROWS} rows; split the list.`, [
      { field: 'rows', message: `at most ${MAX_IMPORT_ROWS}` },
    ]);
  }
  const outcome: ImportOutcome = { imported: 0, skipped: 0, rejected: [] };
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
    const added = await importOne(deps, row, now);
    if (added) outcome.imported += 1;
    else outcome.skipped += 1;
  });
  outcome.rejected.sort((a, b) => a.line - b.line);
  deps.logger.info('subscribers imported', {
    imported: outcome.imported,
    skipped: outcome.skipped,
    rejected: outcome.rejected.length,
  });
  return outcome;
}

type CheckedRow = { email: string; language?: string; confirmedAt?: string } | { reason: string };

function checkRow(row: ImportRow, now: Date): CheckedRow {
  let email: string;
  try {
    email = normalizeEmail(row.email ?? '');
  } catch {
    return { reason: 'email is not a valid address' };
  }
  const language = row.language?.trim().toLowerCase() || undefined;
  if (language !== undefined && !isLanguageTag(language)) return { reason: 'language is not an ISO 639 code' };
  const given = row.confirmedAt?.trim() || undefined;
  if (given === undefined) return { email, ...(language ? { language } : {}) };
  const time = Date.parse(given);
  if (Number.isNaN(time)) return { reason: 'confirmed_at is not a date and time (ISO 8601)' };
  if (time > now.getTime()) return { reason: 'confirmed_at is in the future' };
  return { email, ...(language ? { language } : {}), confirmedAt: new Date(time).toISOString() };
}

/** True when the reader was added; false when one was already here (confirmed, pending, or gone for good). */
async function importOne(
  deps: SubscriptionDeps,
  row: { email: string; language?: string; confirmedAt?: string },
  now: Date,
): Promise<boolean> {
  const existing = await deps.subscribers.find(row.email);
  // Someone who left, or whose address was suppressed, stays gone: an old list must not bring them back.
  if (existing !== undefined && existing.status !== 'pending') return false;
  if (existing?.status === 'pending') {
    if (row.confirmedAt === undefined) return false;
    const confirmed = confirmedSubscriber(existing, new Date(row.confirmedAt));
    await deps.subscribers.save({
      ...confirmed,
      consent: 'imported',
      ...(row.language ? { language: row.language } : {}),
    });
    return true;
  }
  if (row.confirmedAt !== undefined) {
    await deps.subscribers.save(importedSubscriber(row.email, row.confirmedAt, row.language));
    return true;
  }
  const pending: Subscriber = {
    ...pendingSubscriber(row.email, now, deps.confirmWithinMs),
    ...(row.language ? { language: row.language } : {}),
  };
  await deps.subscribers.save(pending);
  await sendConfirmation(deps, row.email, now);
  return true;
}
