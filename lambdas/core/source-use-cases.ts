// Core: what the operator can do with feed sources — the facade the source routes and the CLI call.
// composeSourceUseCases (composition) binds it to the adapters of the sources function, of the local runtime or of
// a test. Every change names its actor last, optional: the admin token's when none is named (the API and the CLI).
import type { Actor } from './domain/activity';
import type { Source } from './domain/source';
import type { IngestedReport } from './use-cases/ingest-report';

export interface SourceUseCases {
  /** Registers a feed (or the feed a page names); see registerSource for what it throws. */
  registerSource(input: unknown, actor?: Actor): Promise<Source>;
  listSources(): Promise<Source[]>;
  getSource(id: string): Promise<Source>;
  /** Pauses, resumes or renames a source, or makes its polls unconditional. */
  editSource(id: string, input: unknown, actor?: Actor): Promise<Source>;
  /** Deletes a source; the reports it brought stay. */
  deleteSource(id: string, actor?: Actor): Promise<void>;
  /** Queues a poll of the source now; GET /sources/{id} shows its outcome once it ran. */
  requestPoll(id: string, actor?: Actor): Promise<void>;
  /**
   * A report from its article's address, fetched through the same guard as a feed (ingest-report-from-url.ts): here
   * because this facade's functions are the ones that reach the web.
   */
  ingestReportFromUrl(url: string): Promise<IngestedReport>;
}
