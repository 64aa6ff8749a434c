// Test doubles: an import's job records, files and queue in memory, with the same once-only rules as the DynamoDB
// store (a chunk's plan kept as first saved; its counts added once), and the upload read by the same CSV reader.
import type { ImportMessage } from '../../lambdas/core/domain/import-messages';
import type { AcceptedRow, UploadedList } from '../../lambdas/core/domain/import-rows';
import type { ImportFiles } from '../../lambdas/core/ports/import-files';
import type {
  ChunkPlan,
  ChunkRecord,
  ImportChecks,
  ImportJob,
  ImportJobStore,
} from '../../lambdas/core/ports/import-job-store';
import type { ImportQueue } from '../../lambdas/core/ports/import-queue';
import { readSubscriberCsv } from '../../lambdas/formats/subscriber-csv';

export class InMemoryImportJobStore implements ImportJobStore {
  readonly jobs = new Map<string, ImportJob>();
  readonly chunks = new Map<string, ChunkRecord>();

  async create(job: { id: string; createdAt: string }): Promise<void> {
    if (this.jobs.has(job.id)) throw new Error('import exists');
    this.jobs.set(job.id, {
      ...job,
      state: 'queued',
      rows: 0,
      chunks: 0,
      chunksDone: 0,
      imported: 0,
      skipped: 0,
      rejected: 0,
      firstRejections: [],
    });
  }

  async find(id: string): Promise<ImportJob | undefined> {
    const job = this.jobs.get(id);
    return job && structuredClone(job);
  }

  async recordChecks(id: string, checks: ImportChecks): Promise<boolean> {
    const job = this.jobs.get(id);
    if (job?.state !== 'queued') return false;
    Object.assign(job, { ...checks, state: 'running', skipped: job.skipped + checks.skipped });
    return true;
  }

  async findChunk(id: string, chunk: number): Promise<ChunkRecord | undefined> {
    const record = this.chunks.get(`${id}/${chunk}`);
    return record && structuredClone(record);
  }

  async savePlan(id: string, chunk: number, plan: ChunkPlan): Promise<ChunkPlan> {
    const key = `${id}/${chunk}`;
    const stored = this.chunks.get(key);
    if (stored) return structuredClone(stored.plan);
    this.chunks.set(key, { plan: structuredClone(plan), done: false });
    return plan;
  }

  async recordChunk(id: string, chunk: number, counts: { imported: number; skipped: number }): Promise<boolean> {
    const record = this.chunks.get(`${id}/${chunk}`);
    const job = this.jobs.get(id);
    if (!record || record.done || !job) return false;
    record.done = true;
    job.imported += counts.imported;
    job.skipped += counts.skipped;
    job.chunksDone += 1;
    return true;
  }

  async markFailed(id: string, problem: string): Promise<void> {
    const job = this.jobs.get(id);
    if (job) Object.assign(job, { state: 'failed', problem });
  }
}

export class InMemoryImportFiles implements ImportFiles {
  readonly files = new Map<string, string>();

  async saveUpload(importId: string, list: string): Promise<void> {
    this.files.set(`${importId}/list`, list);
  }

  async readUpload(importId: string): Promise<UploadedList | undefined> {
    const text = this.files.get(`${importId}/list`);
    return text === undefined ? undefined : readSubscriberCsv(text);
  }

  async saveChunk(importId: string, chunk: number, rows: readonly AcceptedRow[]): Promise<void> {
    this.files.set(`${importId}/${chunk}`, JSON.stringify(rows));
  }

  async readChunk(importId: string, chunk: number): Promise<AcceptedRow[] | undefined> {
    const text = this.files.get(`${importId}/${chunk}`);
    return text === undefined ? undefined : JSON.parse(text);
  }
}

export class InMemoryImportQueue implements ImportQueue {
  readonly waiting: ImportMessage[] = [];

  async enqueue(messages: readonly ImportMessage[]): Promise<void> {
    this.waiting.push(...messages);
  }
}
