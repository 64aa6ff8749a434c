// Core use case: a report from the address of its article — the page fetched as hostile input through the feeds'
// guarded fetcher (public addresses only, bounded in time and size: docs/FEEDS.md), then taken in as any article
// page is (ingest-report.ts, the same rules as POST /reports with `html`).
import { InvalidInputError } from '../domain/errors';
import { webLink } from '../domain/report-submission';
import type { WebFetcher } from '../ports/web-fetcher';
import { fetchForRegistration } from './feed-sources';
import { type IngestedReport, type IngestReportDeps, ingestReport } from './ingest-report';

export interface IngestFromUrlDeps {
  fetcher: WebFetcher;
  intake: IngestReportDeps;
}

/**
 * Throws InvalidInputError (no web address, or no report in the page), AddressRefusedError (an address that is not
 * public) or FeedUnavailableError (the page could not be had: an error, too slow, too large).
 */
export async function ingestReportFromUrl(deps: IngestFromUrlDeps, address: string): Promise<IngestedReport> {
  const parsed = webLink.safeParse(address.trim());
  if (!parsed.success) {
    throw new InvalidInputError('Give the web address (https://…) of the article.', [
      { field: 'url', message: 'must be an http or https address' },
    ]);
  }
  const page = await fetchForRegistration({ fetcher: deps.fetcher }, parsed.data, 'page');
  return ingestReport(deps.intake, { html: page.text, url: page.url });
}
