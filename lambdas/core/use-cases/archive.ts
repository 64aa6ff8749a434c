// Core use case: the public archive — every sent edition, newest first, as its page and the Atom feed list it, and
// each edition's web page.
import { buildEditionPageView, type DigestSetting, formatDay } from '../domain/digest';
import { isEditionId, type PublishedEdition } from '../domain/edition';
import { NotFoundError } from '../domain/errors';
import type { PublicLinks } from '../domain/links';
import type { EditionStore } from '../ports/edition-store';
import type { DigestPageRenderer } from '../ports/email-renderer';
import type { ReportRepository } from '../ports/report-repository';

/** Editions the archive lists: four years of a weekly newsletter; older ones keep their pages. */
export const ARCHIVE_LIMIT = 200;

export interface ArchiveDeps extends DigestSetting {
  editions: Pick<EditionStore, 'published'>;
  links: PublicLinks;
}

export interface ArchivedEdition extends PublishedEdition {
  /** The day it opened, as the newsletter prints dates, in its time zone. */
  publishedOn: string;
  /** Its web page. */
  url: string;
}

export async function listArchive(deps: ArchiveDeps, limit = ARCHIVE_LIMIT): Promise<ArchivedEdition[]> {
  const editions = await deps.editions.published(limit);
  return editions.map((edition) => ({
    ...edition,
    publishedOn: formatDay(edition.openedAt, deps) ?? edition.openedAt,
    url: deps.links.editionUrl(edition.id),
  }));
}

export interface EditionPageDeps extends DigestSetting {
  editions: Pick<EditionStore, 'find'>;
  reports: Pick<ReportRepository, 'listTaken'>;
  renderer: DigestPageRenderer;
}

/** The web page of a sent (or sending) edition: every report it took, in full. */
export async function renderEditionPage(deps: EditionPageDeps, id: string): Promise<{ html: string }> {
  const edition = isEditionId(id) ? await deps.editions.find(id) : undefined;
  if (!edition || edition.state === 'composing') throw new NotFoundError('There is no such edition.');
  const entries = await deps.reports.listTaken(edition.id);
  const setting = { newsletter: deps.newsletter, timeZone: deps.timeZone };
  return { html: await deps.renderer.renderDigestPage(buildEditionPageView(entries, setting)) };
}
