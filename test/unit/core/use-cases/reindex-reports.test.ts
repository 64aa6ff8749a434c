// reindexReports: every report the list lacks is added, and counted as added only when the write added it.
import type { ReportListIndex, ReportListing } from '../../../../lambdas/core/ports/report-list-index';
import { reindexReports } from '../../../../lambdas/core/use-cases/reindex-reports';

/** Reports in a store, and a list that another writer may fill between the pass's read and its write. */
function storeOf(reports: ReportListing[], listedMeanwhile: string[] = []): ReportListIndex & { listed: Set<string> } {
  const listed = new Set(reports.filter((report) => report.listed).map((report) => report.id));
  return {
    listed,
    async *everyReport() {
      // The page as read; then the other writer's additions land before the pass writes anything.
      const page = reports.map((report) => ({ ...report, listed: listed.has(report.id) }));
      for (const id of listedMeanwhile) listed.add(id);
      yield* page;
    },
    addToList: async ({ id }) => {
      if (listed.has(id)) return false;
      listed.add(id);
      return true;
    },
  };
}

const at = '2026-01-01T00:00:00.000Z';

it('adds the reports the list lacks and counts those it had', async () => {
  const store = storeOf([
    { id: 'a', receivedAt: at, listed: false },
    { id: 'b', receivedAt: at, listed: true },
    { id: 'c', receivedAt: at, listed: false },
  ]);
  expect(await reindexReports({ reports: store })).toEqual({ indexed: 2, alreadyListed: 1 });
  expect([...store.listed].sort()).toEqual(['a', 'b', 'c']);
  expect(await reindexReports({ reports: store })).toEqual({ indexed: 0, alreadyListed: 3 });
});

it('counts a report listed between its read and its write as listed already, not as added', async () => {
  const store = storeOf(
    [
      { id: 'a', receivedAt: at, listed: false },
      { id: 'b', receivedAt: at, listed: false },
    ],
    ['b'],
  );
  expect(await reindexReports({ reports: store })).toEqual({ indexed: 1, alreadyListed: 1 });
});
