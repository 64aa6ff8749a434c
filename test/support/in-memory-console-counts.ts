// Test double: the console's counters in memory. The in-memory subscriber repository applies a written change's
// counts here, as the DynamoDB adapter writes them in the change's transaction.
import { addCountChanges, type CountChanges, noCountChanges } from '../../lambdas/core/domain/console-counts';
import type { ConsoleCounts, CountsWindow, EditionOutcomes } from '../../lambdas/core/ports/console-counts';

export class InMemoryConsoleCounts implements ConsoleCounts {
  private counts = noCountChanges();
  /** Test helper: what recentEditions answers. */
  editions: EditionOutcomes[] = [];

  apply(changes: CountChanges): void {
    addCountChanges(this.counts, changes);
  }

  async read(window: CountsWindow): Promise<CountChanges> {
    const read = structuredClone(this.counts);
    read.days = Object.fromEntries(
      Object.entries(read.days).filter(([day]) => day >= window.fromDay && day <= window.throughDay),
    );
    read.pendingUntil = Object.fromEntries(
      Object.entries(read.pendingUntil).filter(([hour]) => hour >= window.pendingFromHour),
    );
    return read;
  }

  async recentEditions(limit: number, before?: number): Promise<EditionOutcomes[]> {
    const older = this.editions.filter((edition) => before === undefined || edition.number < before);
    return structuredClone(older.slice(0, limit));
  }

  async overwrite(counts: CountChanges): Promise<void> {
    this.counts = structuredClone(counts);
  }

  /** Test helper: every counter as it stands. */
  all(): CountChanges {
    return structuredClone(this.counts);
  }
}
