// `npm run counts:rebuild -- --table NAME [--region R] [--endpoint URL]`: the console's counters rebuilt from one
// paginated pass over every subscriber — for a table that had readers before it had counters, or whose counters an
// operator doubts. The one place that reads the whole list to count it: an operator's explicit action, run when the
// list is quiet (a reader who moves during the pass may be missed). AWS credentials come from the usual chain.
import { awsCountsRebuildDeps } from '../lambdas/composition/aws-table-adapters';
import { rebuildConsoleCounts } from '../lambdas/core/use-cases/rebuild-console-counts';
import { runTableCommand } from './table-command';

void runTableCommand('npm run counts:rebuild', async (config, clients) => {
  const started = Date.now();
  const { readers, counts } = await rebuildConsoleCounts(awsCountsRebuildDeps(config, clients));
  console.log(
    `counted ${readers} subscribers in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${counts.totals.confirmed ?? 0} confirmed, ${counts.totals.left ?? 0} left, ` +
      `${counts.totals.suppressed ?? 0} suppressed`,
  );
});
