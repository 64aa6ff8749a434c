// Test support: the deliver step in a process of its own — the composition and the queue poller the local runtime
// runs — so that a test can kill it mid-batch (SIGKILL: no cleanup, as a Lambda that times out or crashes).
// Its settings come as one JSON argument: { config, services, tokenSecret }.
import { createAwsClients } from '../../lambdas/adapters/aws-clients';
import { compileEmailTemplates } from '../../lambdas/adapters/mjml-template-compiler';
import { awsQueueWorkerDeps } from '../../lambdas/composition/aws-mail-adapters';
import type { MujazConfig } from '../../lambdas/composition/config';
import { composeQueueBatchHandler } from '../../lambdas/composition/queue-batch-handler';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lambdas/local/local-stack';
import { startQueuePoller } from '../../lambdas/local/queue-poller';
import { InMemoryMetrics } from './in-memory-metrics';
import { silentLogger } from './silent-logger';

interface WorkerSettings {
  config: MujazConfig;
  services: { dynamoEndpoint: string; sesEndpoint: string; sqsEndpoint: string };
  tokenSecret: string;
  workers: number;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerSettings;
const clients = createAwsClients({ region: LOCAL_REGION, credentials: { ...LOCAL_CREDENTIALS }, ...settings.services });
compileEmailTemplates(settings.config.templatesDirectory).then((emailTemplates) => {
  const options = { logger: silentLogger, metrics: new InMemoryMetrics(), emailTemplates };
  const deps = awsQueueWorkerDeps(settings.config, { tokenSecret: settings.tokenSecret }, clients, options);
  const handleBatch = composeQueueBatchHandler(deps, settings.config);
  startQueuePoller({
    sqs: clients.sqs,
    queueUrl: settings.config.deliveryQueueUrl,
    handleBatch,
    workers: settings.workers,
    logger: silentLogger,
  });
  process.stdout.write('ready\n');
});
