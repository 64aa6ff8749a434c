// Composition: every use case Mujaz has — every port, the article extractor included — bound to the AWS adapters,
// in one process: what the tests and the benches drive. No Lambda function builds it.
//
// Each Lambda function builds only what it runs, in a file of its own, so that its bundle carries only the adapters
// and libraries it uses (esbuild keeps every module a handler reaches, used or not):
//   api               compose-reader-use-cases.ts   composeReaderUseCases: the readers' routes
//   admin             compose-admin-use-cases.ts    composeAdminUseCases: the operator's routes
//   send-digest       compose-digest-sender.ts      composeDigestSender: open, compose and fan out an edition
//   deliver-digest    compose-deliverer.ts          composeDeliverer: readers' turns and subscribe requests
//   delivery-feedback compose-feedback-recorder.ts  composeFeedbackRecorder: SES events to suppressions
// The local runtime calls the same builders, with its own clients, so the code that runs locally runs in Lambda.
import type { AwsClients } from '../adapters/aws-clients';
import { bindUseCases, type UseCases } from '../core/bind-use-cases';
import { everyPort } from './compose-admin-use-cases';
import type { CompositionOptions, MujazSecrets } from './composition-options';
import type { MujazConfig } from './config';

export { type CompositionOptions, DEFAULT_SEND_RATE, type MujazSecrets } from './composition-options';

/** Every use case (the tests', the benches'): every port, the article extractor included. */
export function composeUseCases(
  config: MujazConfig,
  secrets: MujazSecrets,
  clients: AwsClients,
  options: CompositionOptions,
): UseCases {
  return bindUseCases(everyPort(config, secrets, clients, options), config);
}
