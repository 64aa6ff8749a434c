// Composition: everything Mujaz does, in one process — what each Lambda function composes for itself, composed side
// by side over one set of adapters: for the local runtime (demo, dev), the integration tests (adapters on the local
// services) and the unit tests (in-memory fakes). No Lambda function builds it: each composes only what it runs, so
// that its bundle carries only the adapters and libraries it uses (esbuild keeps every module a handler reaches):
//   api               composeReaderUseCases     the readers' routes
//   admin             composeAdminUseCases      the operator's routes
//   send-digest       composeDigestSender       open, compose and fan out an edition; the watch
//   deliver-digest    composeQueueWorker        readers' turns, subscribe and sign-in requests (queue-batch-handler.ts)
//   delivery-feedback composeFeedbackRecorder   SES events to suppressions
import { type AdminDeps, type AdminUseCases, composeAdminUseCases } from './compose-admin-use-cases';
import type { ConsoleDeps } from './compose-console-use-cases';
import { composeDigestSender, type DigestSender, type DigestSenderDeps } from './compose-digest-sender';
import { composeFeedbackRecorder, type FeedbackRecorder, type FeedbackRecorderDeps } from './compose-feedback-recorder';
import { composeQueueWorker, type QueueWorker, type QueueWorkerDeps } from './compose-queue-worker';
import { composeReaderUseCases, type ReaderDeps, type ReaderUseCases } from './compose-reader-use-cases';
import type { CoreSettings } from './core-settings';

export type UseCases = ReaderUseCases & AdminUseCases & DigestSender & QueueWorker & FeedbackRecorder;

/** Every adapter: what the five functions run on together (and the admin function's console, composeConsoleUseCases). */
export type MujazDeps = ReaderDeps &
  AdminDeps &
  DigestSenderDeps &
  QueueWorkerDeps &
  FeedbackRecorderDeps &
  ConsoleDeps;

export function composeUseCases(deps: MujazDeps, settings: CoreSettings): UseCases {
  return {
    ...composeReaderUseCases(deps, settings),
    ...composeAdminUseCases(deps, settings),
    ...composeDigestSender(deps, settings),
    ...composeQueueWorker(deps, settings),
    ...composeFeedbackRecorder(deps),
  };
}
