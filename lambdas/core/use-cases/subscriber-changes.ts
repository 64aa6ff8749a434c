// Core use case helper: the one way a subscriber record changes, so that no change overwrites one it did not see.
import { subscriberCountChanges } from '../domain/console-counts';
import type { Subscriber } from '../domain/subscriber';
import type { SubscriberRepository } from '../ports/subscriber-repository';

/** Reads of a record a write found changed before giving up: only a storm of writes to one address gets there. */
const MAX_WRITE_RACES = 5;

/**
 * Changes one subscriber by read, decide, conditional write: `decide` sees the record as stored and returns the
 * next one, or undefined to leave it. When another write got in between, it reads again and decides again, so no
 * change is made on a state it did not see. The console's counters move in the same write, dated `at`. Returns the
 * record as written (undefined when left alone) and the one it replaced. `read`, when given, is the record as just
 * read (one read fewer; a stale one only costs a race).
 */
export async function changeSubscriber(
  subscribers: Pick<SubscriberRepository, 'find' | 'replace'>,
  email: string,
  at: Date,
  decide: (current: Subscriber | undefined) => Subscriber | undefined,
  read?: { current: Subscriber | undefined },
): Promise<{ written?: Subscriber; previous: Subscriber | undefined }> {
  for (let race = 0; race < MAX_WRITE_RACES; race += 1) {
    const previous = race === 0 && read ? read.current : await subscribers.find(email);
    const next = decide(previous);
    if (next === undefined) return { previous };
    if (await subscribers.replace(next, previous, subscriberCountChanges(previous, next, at)))
      return { written: next, previous };
  }
  throw new Error(`The subscriber changed ${MAX_WRITE_RACES} times while being written; try again.`);
}
