// Core use case: the public archive — every sent edition, newest first, as its page and the Atom feed list it.
import { type DigestSetting, formatDay } from '../domain/digest';
import type { PublishedEdition } from '../domain/edition';
import type { PublicLinks } from '../domain/links';
import type { EditionStore } from '../ports/edition-store';

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
