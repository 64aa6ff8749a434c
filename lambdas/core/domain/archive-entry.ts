// Core layer: how the archive names a sent edition — "Edition 3 · 24 November 2026" and, under it, its subject and
// report count — in one place, so that the archive page and the Atom feed say the same.
import type { PublishedEdition } from './edition';
import type { NewsletterLabels } from './newsletter-labels';

/** An edition as the archive lists it: number, subject, count, and the day it opened as the newsletter prints it. */
export type ArchiveEntryEdition = Pick<PublishedEdition, 'number' | 'subject' | 'reports'> & { publishedOn: string };

/** "Edition 3 · 24 November 2026", "العدد 3 · 24 نوفمبر 2026". */
export function archiveEntryTitle(words: NewsletterLabels['pages'], edition: ArchiveEntryEdition): string {
  return `${words.editionLabel.replace('{number}', String(edition.number))} · ${edition.publishedOn}`;
}

/** What the edition carries: its subject and how many reports ("The week in brief · Reports: 5"). */
export function archiveEntrySummary(words: NewsletterLabels['pages'], edition: ArchiveEntryEdition): string {
  return `${edition.subject} · ${words.reportsCount.replace('{count}', String(edition.reports))}`;
}
