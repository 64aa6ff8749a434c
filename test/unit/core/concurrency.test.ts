import { forEachWithConcurrency } from '../../../lambdas/core/domain/concurrency';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function* slowSource(count: number, delayMs: number): AsyncGenerator<number> {
  for (let index = 0; index < count; index += 1) {
    await sleep(delayMs);
    yield index;
  }
}

describe('forEachWithConcurrency', () => {
  it('works on every item, never with more than the limit in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const done: number[] = [];
    await forEachWithConcurrency([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await sleep(item % 3);
      inFlight -= 1;
      done.push(item);
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('reads an async source (a paged query) as it goes', async () => {
    const seen: number[] = [];
    await forEachWithConcurrency(slowSource(5, 1), 2, async (item) => {
      seen.push(item);
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it('rejects with the failure, after the work in flight has settled', async () => {
    const settled: number[] = [];
    const run = forEachWithConcurrency([0, 1, 2], 8, async (item) => {
      await sleep(5 + item * 5);
      settled.push(item);
      if (item === 0) throw new Error('item 0 failed');
    });
    await expect(run).rejects.toThrow('item 0 failed');
    expect(settled.sort()).toEqual([0, 1, 2]);
  });

  it('rejects even when a task fails while the source is still paging', async () => {
    // The failing task settles long before the next page arrives: it must neither be lost nor left unhandled.
    const started: number[] = [];
    const run = forEachWithConcurrency(slowSource(4, 15), 8, async (item) => {
      started.push(item);
      await sleep(1);
      if (item === 0) throw new Error('claim failed');
    });
    await expect(run).rejects.toThrow('claim failed');
    // ... and it starts no new work after the failure.
    expect(started).toEqual([0]);
  });
});
