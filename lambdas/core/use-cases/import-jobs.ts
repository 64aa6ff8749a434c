// Core use case: an import as a job, for lists of any size. The upload is stored as sent and answered at once; the
// worker reads it into rows (ImportFiles), checks the whole list (the rules of import-subscribers.ts, unchanged) or
// fails the job saying why it cannot, cuts the accepted rows into chunks and
// imports them chunk by chunk. Each chunk decides whom it admits before it writes anyone, and records that plan
// once: a chunk run again after a crash writes only what is missing and counts what the plan says, exactly once.
import { type Actor, API_ACTOR } from '../domain/activity';
import { forEachWithConcurrency } from '../domain/concurrency';
import { InvalidInputError, NotFoundError } from '../domain/errors';
import { isImportId } from '../domain/import-messages';
import type { Subscriber } from '../domain/subscriber';
import type { ImportFiles } from '../ports/import-files';
import type { ChunkPlan, ImportJob, ImportJobStore } from '../ports/import-job-store';
import type { ImportQueue } from '../ports/import-queue';
import { type ActivityDeps, noteActivity } from './activity-log';
import {
  type AcceptedRow,
  admitsRow,
  checkImportRows,
  confirmImported,
  IMPORT_CONCURRENCY,
  type ImportDeps,
  importSizeProblem,
  subscribeRequestFor,
} from './import-subscribers';

export type ImportJobDeps = ImportDeps & {
  importJobs: ImportJobStore;
  importFiles: ImportFiles;
  importQueue: ImportQueue;
};

/** Accepted rows per chunk: one message's work, seconds long, so that a retry redoes little. */
export const IMPORT_CHUNK_ROWS = 500;

/** Addresses a findMany call reads: BatchGetItem's most. */
const READS_PER_CALL = 100;

export type ImportState = 'queued' | 'running' | 'done' | 'failed';

/** Where an import stands, as GET /subscribers/imports/{id} answers. */
export interface ImportProgress {
  id: string;
  state: ImportState;
  /** Rows in the list: 0 while queued, as the list is counted when it is checked. */
  rows: number;
  imported: number;
  skipped: number;
  rejected: number;
  /** The first MAX_LISTED_REJECTIONS rejected rows by line, each with why. */
  firstRejections: Array<{ line: number; reason: string }>;
  /** When it failed: why, in words for its operator (a line of the file, a limit), never quoting the list. */
  problem?: string;
}

/** Why a job failed whose list is not stored any more: the check ran days late, or the store lost it. */
export const LIST_GONE = 'The uploaded list is no longer stored; upload it again.';
/** Why a job failed when one of its steps failed on every try. */
export const STEP_FAILED = 'The import stopped: one of its steps failed on every try. Upload the list again.';

/**
 * Stores the list as uploaded and queues its check: the import's id, before any row is read (the edge checked its
 * first line); logged as `actor`'s.
 */
export async function startImport(
  deps: ImportJobDeps & Pick<ActivityDeps, 'activity'>,
  list: string,
  actor: Actor = API_ACTOR,
): Promise<{ id: string }> {
  const id = deps.ids.importId();
  await deps.importFiles.saveUpload(id, list);
  await deps.importJobs.create({ id, createdAt: deps.clock.now().toISOString() });
  await deps.importQueue.enqueue([{ importId: id }]);
  deps.logger.info('import queued', { importId: id });
  await noteActivity(deps, actor, 'import', { kind: 'import', id });
  return { id };
}

/**
 * The worker's first step: reads the list and checks it whole (duplicates are found across it), stores the accepted
 * rows in chunks, records the check once, and queues every chunk. Run again, it queues the chunks again; done ones
 * pass. A list that cannot be read to its end (not CSV further down), or is too long, fails the job, saying why.
 */
export async function checkImport(deps: ImportJobDeps, id: string): Promise<void> {
  const job = await deps.importJobs.find(id);
  if (job === undefined || job.state === 'failed') return;
  let chunks = job.chunks;
  if (job.state === 'queued') {
    const list = await deps.importFiles.readUpload(id);
    if (list === undefined) {
      deps.logger.error('import list missing', { importId: id });
      await deps.importJobs.markFailed(id, LIST_GONE);
      return;
    }
    if ('problem' in list) return refuseList(deps, id, list.problem);
    const tooLong = importSizeProblem(list.rows.length);
    if (tooLong !== undefined) return refuseList(deps, id, tooLong);
    const { rows } = list;
    const checked = checkImportRows(rows, deps.clock.now());
    const parts: AcceptedRow[][] = [];
    for (let start = 0; start < checked.accepted.length; start += IMPORT_CHUNK_ROWS)
      parts.push(checked.accepted.slice(start, start + IMPORT_CHUNK_ROWS));
    await forEachWithConcurrency(parts.entries(), IMPORT_CONCURRENCY, ([chunk, part]) =>
      deps.importFiles.saveChunk(id, chunk, part),
    );
    chunks = parts.length;
    await deps.importJobs.recordChecks(id, {
      rows: rows.length,
      chunks,
      skipped: checked.skipped,
      rejected: checked.rejectedCount,
      firstRejections: checked.rejected,
    });
  }
  const messages = Array.from({ length: chunks }, (_, chunk) => ({ importId: id, chunk }));
  await deps.importQueue.enqueue(messages);
}

/** The list is the operator's to fix: the job fails, saying why (words that quote nothing of the list). */
async function refuseList(deps: ImportJobDeps, id: string, problem: string): Promise<void> {
  deps.logger.warn('import list refused', { importId: id, problem });
  await deps.importJobs.markFailed(id, problem);
}

/** One chunk: its plan decided (or read back), its admitted rows written, its counts added once. */
export async function importChunk(deps: ImportJobDeps, id: string, chunk: number): Promise<void> {
  const job = await deps.importJobs.find(id);
  if (job === undefined || job.state !== 'running' || chunk >= job.chunks) return;
  const stored = await deps.importJobs.findChunk(id, chunk);
  if (stored?.done) return;
  const rows = await deps.importFiles.readChunk(id, chunk);
  if (rows === undefined) {
    deps.logger.error('import chunk missing', { importId: id, chunk });
    await deps.importJobs.markFailed(id, LIST_GONE);
    return;
  }
  let plan = stored?.plan;
  let current: Map<string, Subscriber> | undefined;
  if (plan === undefined) {
    current = await storedReaders(deps, rows);
    const decided = planFrom(rows, current);
    plan = await deps.importJobs.savePlan(id, chunk, decided);
    // Another run saved its plan first: what it wrote since is not in what was read.
    if (plan !== decided) current = undefined;
  }
  const admitted = plan.admitted.flatMap((index) => rows[index] ?? []);
  await importAdmitted(deps, admitted, current ?? (await storedReaders(deps, admitted)));
  const counts = { imported: plan.admitted.length, skipped: plan.skipped };
  if (await deps.importJobs.recordChunk(id, chunk, counts))
    deps.logger.info('import chunk done', { importId: id, chunk, ...counts });
}

/** Whom each row finds stored under its address, read a hundred at a time. */
async function storedReaders(deps: ImportJobDeps, rows: readonly AcceptedRow[]): Promise<Map<string, Subscriber>> {
  const groups: string[][] = [];
  for (let start = 0; start < rows.length; start += READS_PER_CALL)
    groups.push(rows.slice(start, start + READS_PER_CALL).map((row) => row.email));
  const found = new Map<string, Subscriber>();
  await forEachWithConcurrency(groups, IMPORT_CONCURRENCY, async (emails) => {
    for (const [email, subscriber] of await deps.subscribers.findMany(emails)) found.set(email, subscriber);
  });
  return found;
}

/** The rule of import-subscribers.ts (admitsRow), row by row, on the readers as stored before anything is written. */
function planFrom(rows: readonly AcceptedRow[], current: ReadonlyMap<string, Subscriber>): ChunkPlan {
  const admitted = [...rows.keys()].filter((index) => admitsRow(rows[index]!, current.get(rows[index]!.email)));
  return { admitted, skipped: rows.length - admitted.length };
}

/**
 * Writes the admitted rows that still need it: run again after a crash, a confirmed-elsewhere row already written
 * is confirmed now and left alone; a subscribe request may be queued twice, which the deliver function takes as one
 * (a pending reader is refreshed, and mailed at most once a cooldown).
 */
async function importAdmitted(
  deps: ImportJobDeps,
  rows: readonly AcceptedRow[],
  current: ReadonlyMap<string, Subscriber>,
): Promise<void> {
  const due = rows.filter((row) => admitsRow(row, current.get(row.email)));
  await deps.subscriptionQueue.enqueueAll(
    due.filter((row) => row.confirmedAt === undefined).map((row) => subscribeRequestFor(row)),
  );
  await forEachWithConcurrency(
    due.filter((row) => row.confirmedAt !== undefined),
    IMPORT_CONCURRENCY,
    async (row) => {
      await confirmImported(deps, row, { current: current.get(row.email) });
    },
  );
}

/** Marks the job failed: a step of it failed on its last try. */
export async function failImport(deps: ImportJobDeps, id: string): Promise<void> {
  await deps.importJobs.markFailed(id, STEP_FAILED);
  deps.logger.error('import failed', { importId: id });
}

/** Where the import stands; InvalidInputError for what is no import id, NotFoundError for one that names none. */
export async function importProgress(deps: Pick<ImportJobDeps, 'importJobs'>, id: string): Promise<ImportProgress> {
  if (!isImportId(id))
    throw new InvalidInputError('An import id is 16 letters, digits, - or _.', [
      { field: 'id', message: 'not an import id' },
    ]);
  const job = await deps.importJobs.find(id);
  if (job === undefined) throw new NotFoundError('No import has this id.');
  return {
    id: job.id,
    state: stateOf(job),
    rows: job.rows,
    imported: job.imported,
    skipped: job.skipped,
    rejected: job.rejected,
    firstRejections: job.firstRejections,
    ...(job.state === 'failed' && job.problem !== undefined ? { problem: job.problem } : {}),
  };
}

function stateOf(job: ImportJob): ImportState {
  if (job.state === 'running' && job.chunksDone >= job.chunks) return 'done';
  return job.state;
}
