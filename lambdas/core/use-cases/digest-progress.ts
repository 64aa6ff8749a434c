// Core use cases: where an edition's send stands, and sending it again to exactly the readers it did not reach.
import { type Actor, API_ACTOR } from '../domain/activity';
import { COUNTED_OUTCOMES, type OutcomeCounts, type RetriableOutcome } from '../domain/delivery';
import { type Edition, type EditionRetry, isEditionId } from '../domain/edition';
import { NotFoundError } from '../domain/errors';
import type { ConsoleCounts } from '../ports/console-counts';
import type { DeliveryQueue } from '../ports/delivery-queue';
import type { DeliveryLedger } from '../ports/digest-ledger';
import type { EditionStore } from '../ports/edition-store';
import type { Logger } from '../ports/logger';
import { type ActivityDeps, noteActivity } from './activity-log';

export interface ProgressDeps {
  editions: Pick<EditionStore, 'find'>;
  ledger: DeliveryLedger;
  queue: DeliveryQueue;
  logger: Logger;
}

/** composing: reports being gathered; sending: readers still to be handed over or sent; done: none pending. */
export type DigestState = 'composing' | 'sending' | 'done';

export interface DigestProgress {
  id: string;
  state: DigestState;
  /** When the edition opened (ISO), and who started it: absent for editions opened before it was recorded. */
  openedAt: string;
  startedBy?: Actor;
  /** The last retry: who asked, when, for which outcomes, and how many readers it queued again. */
  lastRetry?: EditionRetry;
  reports: number;
  counts: OutcomeCounts & {
    /** Readers handed to the delivery queue. */
    recipients: number;
    /** Handed over, with no outcome yet: queued, being sent, or waiting for another try. */
    pending: number;
  };
}

/** Readers sent again at a time: read from the ledger, reopened, queued. */
const RETRY_PAGE_SIZE = 100;

export async function digestProgress(deps: ProgressDeps, id: string): Promise<DigestProgress> {
  const edition = await findEdition(deps, id);
  const outcomes = await deps.ledger.counts(edition.id);
  const recipients = edition.recipients ?? 0;
  const settled = COUNTED_OUTCOMES.reduce((sum, outcome) => sum + outcomes[outcome], 0);
  const pending = Math.max(0, recipients - settled);
  return {
    id: edition.id,
    state: digestState(edition, pending),
    openedAt: edition.openedAt,
    ...(edition.startedBy ? { startedBy: edition.startedBy } : {}),
    ...(edition.lastRetry ? { lastRetry: edition.lastRetry } : {}),
    reports: edition.email?.reports ?? 0,
    counts: { recipients, ...outcomes, pending },
  };
}

export function digestState(edition: Pick<Edition, 'state'>, pending: number): DigestState {
  if (edition.state === 'composing') return 'composing';
  return edition.state === 'queued' && pending === 0 ? 'done' : 'sending';
}

/**
 * Sends the edition again to the readers whose copy ended in one of `include` — dead-lettered (`failed`), and,
 * when the operator accepts a possible duplicate, `unknown` — and to any an earlier retry reopened but did not get
 * to queue. Each is reopened in the ledger (off the tally, so it counts as pending) before it is queued. The retry
 * is kept on the edition and in the activity log as `actor`'s (the admin token's when none is named).
 */
export async function retryDigest(
  deps: ProgressDeps & ActivityDeps & { editions: Pick<EditionStore, 'recordRetry'> },
  id: string,
  include: readonly RetriableOutcome[],
  actor: Actor = API_ACTOR,
): Promise<{ id: string; requeued: number }> {
  const edition = await findEdition(deps, id);
  if (edition.state === 'composing') throw new NotFoundError('This edition has not been sent yet.');
  let requeued = 0;
  let page: string[] = [];
  const flush = async () => {
    await deps.queue.enqueue(page.map((email) => ({ editionId: edition.id, email })));
    requeued += page.length;
    page = [];
  };
  for await (const { email, status } of deps.ledger.withOutcome(edition.id, include)) {
    if (status === 'requeued' || (await deps.ledger.reopen(edition.id, email, status))) page.push(email);
    if (page.length >= RETRY_PAGE_SIZE) await flush();
  }
  await flush();
  deps.logger.info('digest retry queued', { edition: edition.id, include: include.join(','), requeued });
  const retry: EditionRetry = { at: deps.clock.now().toISOString(), by: actor, include: [...include], requeued };
  await deps.editions.recordRetry(edition.id, retry);
  await noteActivity(
    deps,
    actor,
    'retry',
    { kind: 'edition', id: edition.id, ...(edition.email ? { title: edition.email.subject } : {}) },
    { include: [...include], requeued },
  );
  return { id: edition.id, requeued };
}

async function findEdition(deps: ProgressDeps, id: string): Promise<Edition> {
  const edition = isEditionId(id) ? await deps.editions.find(id) : undefined;
  if (!edition) throw new NotFoundError('There is no such digest.');
  return edition;
}

/** Editions a page of the console's list holds: one batch read of each with its ten tally shards (≤ 100 keys). */
export const EDITIONS_PAGE_SIZE = 9;

/** An edition as the list shows it: its state as GET /digests/{id} names it, and its counts. */
export interface EditionSummary {
  id: string;
  number: number;
  state: DigestState;
  openedAt: string;
  subject?: string;
  startedBy?: Actor;
  counts: DigestProgress['counts'];
}

/**
 * A page of editions, newest first, and the number to ask for the next (older) page with: two bounded reads
 * (the pointer, then one batch of editions and tallies), whatever the number of editions.
 */
export async function listEditions(
  deps: { counts: Pick<ConsoleCounts, 'recentEditions'> },
  before?: number,
): Promise<{ editions: EditionSummary[]; before?: number }> {
  const found = await deps.counts.recentEditions(EDITIONS_PAGE_SIZE, before);
  const editions = found.map((edition): EditionSummary => {
    const settled = COUNTED_OUTCOMES.reduce((sum, outcome) => sum + edition.counts[outcome], 0);
    const pending = Math.max(0, edition.recipients - settled);
    return {
      id: edition.id,
      number: edition.number,
      state: digestState(edition, pending),
      openedAt: edition.openedAt,
      ...(edition.subject !== undefined ? { subject: edition.subject } : {}),
      ...(edition.startedBy !== undefined ? { startedBy: edition.startedBy } : {}),
      counts: { recipients: edition.recipients, ...edition.counts, pending },
    };
  });
  const oldest = editions.at(-1);
  return { editions, ...(oldest && oldest.number > 1 ? { before: oldest.number } : {}) };
}
