// Test support: the deliver step in a process of its own — the composition and the queue poller the local runtime
// runs — so that a test can kill it mid-batch (SIGKILL: no cleanup, as a Lambda that times out or crashes).
// Its settings come as one JSON argument: { config, services, tokenSecret }.
import { createAwsClients } from '../../lambdas/adapters/aws-clients';
import { compileEmailTemplates } from '../../lambdas/adapters/mjml-template-compiler';
import { composeDeliverer } from '../../lambdas/composition/compose-deliverer';
import type { MujazConfig } from '../../lambdas/composition/config';
import { startDeliveryPoller } from '../../lambdas/local/delivery-poller';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lambdas/local/local-stack';
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
  const handleBatch = composeDeliverer(settings.config, { tokenSecret: settings.tokenSecret }, clients, {
    logger: silentLogger,
    metrics: new InMemoryMetrics(),
    emailTemplates,
  });
  startDeliveryPoller({
    sqs: clients.sqs,
    queueUrl: settings.config.deliveryQueueUrl,
    handleBatch,
    workers: settings.workers,
    logger: silentLogger,
  });
  process.stdout.write('ready\n');
});
