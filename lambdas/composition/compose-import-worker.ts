// Composition: imports as jobs — the routes' facade (the admin function) and the import worker with its SQS batch
// handler (the import function, and the local runtime's poller on the import queue) — bound to the adapters.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { SQSRecord } from 'aws-lambda';
import { parseImportMessage } from '../core/domain/import-messages';
import { isLastReceive } from '../core/domain/work-queue-messages';
import type { ImportUseCases, ImportWorker } from '../core/import-use-cases';
import type { Logger } from '../core/ports/logger';
import type { ActivityDeps } from '../core/use-cases/activity-log';
import {
  checkImport,
  failImport,
  type ImportJobDeps,
  importChunk,
  importProgress,
  startImport,
} from '../core/use-cases/import-jobs';
import type { QueueBatchHandler } from './queue-batch-handler';

export type { ImportUseCases, ImportWorker } from '../core/import-use-cases';
export type { ImportJobDeps } from '../core/use-cases/import-jobs';

export function composeImportUseCases(deps: ImportJobDeps & Pick<ActivityDeps, 'activity'>): ImportUseCases {
  return {
    startImport: (list, actor) => startImport(deps, list, actor),
    importProgress: (id) => importProgress(deps, id),
  };
}

export function composeImportWorker(deps: ImportJobDeps): ImportWorker {
  return {
    checkImport: (id) => checkImport(deps, id),
    importChunk: (id, chunk) => importChunk(deps, id, chunk),
    failImport: (id) => failImport(deps, id),
  };
}

/**
 * Each message on its own: a step that throws is reported as a batch item failure, comes back after the queue's
 * visibility timeout and is dead-lettered after its last try — which fails the job, so that nobody waits on it.
 */
export function importBatchHandler(worker: ImportWorker, logger: Logger): QueueBatchHandler {
  const handleStep = async (record: SQSRecord) => {
    const message = parseImportMessage(record.body);
    if (!message) {
      logger.error('import queue message is no import step', { messageId: record.messageId });
      throw new Error('malformed import message');
    }
    try {
      if (message.chunk === undefined) await worker.checkImport(message.importId);
      else await worker.importChunk(message.importId, message.chunk);
    } catch (error) {
      if (isLastReceive(Number(record.attributes.ApproximateReceiveCount) || 1))
        await worker.failImport(message.importId).catch(() => undefined);
      throw error;
    }
  };
  return (event, context) =>
    processPartialResponse(event, handleStep, new BatchProcessor(EventType.SQS), {
      ...(context ? { context } : {}),
      throwOnFullBatchFailure: false,
    });
}

/** The import function's handler: the worker composed over `deps`. */
export function composeImportBatchHandler(deps: ImportJobDeps): QueueBatchHandler {
  return importBatchHandler(composeImportWorker(deps), deps.logger);
}
