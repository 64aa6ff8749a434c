// Core port: import jobs and their progress, in the table. Each step's outcome is recorded once, conditionally, so
// that a step run twice (a crash, a message delivered twice) never counts twice.

/** An import job as stored: `running` once its list was checked; done is when every chunk is recorded. */
export interface ImportJob {
  /** The import's id (isImportId). */
  id: string;
  /** Queued until the list is checked, then running; failed when a step failed for good. */
  state: 'queued' | 'running' | 'failed';
  /** Rows in the uploaded list: 0 until it is checked (the upload is stored unread). */
  rows: number;
  /** When the list was uploaded. */
  createdAt: string;
  /** Chunks of accepted rows, once checked. */
  chunks: number;
  /** Chunks whose counts were added. */
  chunksDone: number;
  /** Readers added so far. */
  imported: number;
  /** Rows about readers already here, or twice in the list, so far. */
  skipped: number;
  /** Rows turned away: all known once the list is checked. */
  rejected: number;
  /** The first MAX_LISTED_REJECTIONS rejected rows by line, each with why. */
  firstRejections: Array<{ line: number; reason: string }>;
  /** Why a failed job failed, for its operator; never quotes the list. */
  problem?: string;
}

/** What a chunk will do, decided once before anything in it is written. */
export interface ChunkPlan {
  /** Positions in the chunk of the rows it imports, in order. */
  admitted: number[];
  /** How many of its rows it leaves alone. */
  skipped: number;
}

/** One chunk's record: its plan, and whether its outcome was counted. */
export interface ChunkRecord {
  /** The plan as first saved. */
  plan: ChunkPlan;
  /** Whether its counts were added to the job's. */
  done: boolean;
}

/** What the check of a whole list found: its rows, the chunks it was cut into, and what it turned away. */
export interface ImportChecks {
  /** Records in the list, the header aside. */
  rows: number;
  /** Chunks its accepted rows were cut into, each a message of the import queue. */
  chunks: number;
  /** Rows naming an address an earlier row names. */
  skipped: number;
  /** Rows turned away, all of them. */
  rejected: number;
  /** The first rejected rows by line, each with why. */
  firstRejections: ImportJob['firstRejections'];
}

/** Import jobs, their chunks' plans and their counts. */
export interface ImportJobStore {
  /** Stores a new job, queued, its rows not counted yet (0). */
  create(job: { id: string; createdAt: string }): Promise<void>;
  /** The job, or undefined when there is none by that id (never, or expired). */
  find(id: string): Promise<ImportJob | undefined>;
  /**
   * Records what the check of the whole list found (its rows among it) and moves the job from queued to running;
   * false (nothing changed) when it was not queued any more.
   */
  recordChecks(id: string, checks: ImportChecks): Promise<boolean>;
  /** The chunk's record, or undefined when no plan was saved for it yet. */
  findChunk(id: string, chunk: number): Promise<ChunkRecord | undefined>;
  /** Saves the chunk's plan unless one is saved already; resolves to the plan that is stored. */
  savePlan(id: string, chunk: number, plan: ChunkPlan): Promise<ChunkPlan>;
  /**
   * Marks the chunk done and adds its counts to the job's, together and once: false (nothing added) when it was
   * done already.
   */
  recordChunk(id: string, chunk: number, counts: { imported: number; skipped: number }): Promise<boolean>;
  /** Marks the job failed, saying why: its list could not be read, or a step failed on its last try. */
  markFailed(id: string, problem: string): Promise<void>;
}
