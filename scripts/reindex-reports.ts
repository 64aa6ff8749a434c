// `npm run reports:reindex -- --table NAME [--region R] [--endpoint URL]`: reports stored before the console listed
// them (/console/reports, newest first) added to its list, from one paginated pass over every report. An operator's
// explicit action, once after deploying the list; each addition is conditional, so a second run, or one while new
// reports arrive, adds nothing twice. AWS credentials come from the usual chain.
import { awsReportsReindexDeps } from '../lambdas/composition/aws-table-adapters';
import { reindexReports } from '../lambdas/core/use-cases/reindex-reports';
import { runTableCommand } from './table-command';

void runTableCommand('npm run reports:reindex', async (config, clients) => {
  const started = Date.now();
  const { indexed, alreadyListed } = await reindexReports(awsReportsReindexDeps(config, clients));
  console.log(
    `indexed ${indexed} reports in ${((Date.now() - started) / 1000).toFixed(1)} s; ${alreadyListed} were listed already`,
  );
});
