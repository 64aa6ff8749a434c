// Core layer: running async work over a stream with a fixed number in flight.

/**
 * Runs `work` on every item with at most `concurrency` in flight. The first failure stops new work
 * from starting; the call rejects with it once the work already in flight has settled.
 */
export async function forEachWithConcurrency<T>(
  items: AsyncIterable<T> | Iterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  // Every task gets a handler at once: a task that fails while the source is still paging must not
  // become an unhandled rejection, nor vanish from the set before anyone awaited it.
  const failures: unknown[] = [];
  for await (const item of items) {
    if (failures.length > 0) break;
    const task: Promise<void> = work(item)
      .catch((error: unknown) => {
        failures.push(error);
      })
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failures.length > 0) throw failures[0];
}
