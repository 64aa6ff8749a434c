// Test support: one send through the functions' own SES client and mailer, in a plain Node process, printing how
// the mailer classified its failure as one JSON line: { "outcome": "sent" | error class name, "message" }.
// Why a process of its own: jest runs tests in a VM context whose Error is not Node's, so the SDK wraps an error
// raised by a socket (its `instanceof Error` fails) and drops its code; production never sees that wrapper.
import { createAwsClients } from '../../lambdas/adapters/aws-clients';
import { SesMailer } from '../../lambdas/adapters/ses-mailer';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../lambdas/local/local-stack';

const { sesEndpoint, timeoutMs } = JSON.parse(process.argv[2] ?? '{}') as { sesEndpoint: string; timeoutMs: number };
const { ses, dynamo, sqs } = createAwsClients({
  region: LOCAL_REGION,
  credentials: { ...LOCAL_CREDENTIALS },
  sesEndpoint,
});
new SesMailer(ses, { from: 'digest@example.com', timeoutMs })
  .send({ to: 'reader@example.com', subject: 'موجز', html: '<p>موجز</p>', text: 'موجز', headers: {} })
  .then(
    () => ({ outcome: 'sent', message: '' }),
    (error: Error) => ({ outcome: error.constructor.name, message: error.message }),
  )
  .then((result) => {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    for (const client of [ses, dynamo, sqs]) client.destroy();
  });
