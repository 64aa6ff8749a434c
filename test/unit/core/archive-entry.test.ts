// "Edition N · date": one function names an edition for the archive page and the Atom feed alike.
import { archiveEntrySummary, archiveEntryTitle } from '../../../lambdas/core/domain/archive-entry';
import { publicLinks } from '../../../lambdas/core/domain/links';
import { labelsFor, type NewsletterIdentity } from '../../../lambdas/core/domain/newsletter-labels';
import type { ArchivedEdition } from '../../../lambdas/core/use-cases/archive';
import { atomFeed } from '../../../lambdas/http/atom-feed';
import { renderArchivePage } from '../../../lambdas/http/pages';

const edition: ArchivedEdition = {
  id: '3',
  number: 3,
  subject: 'The week in brief · 23–27 November 2026',
  reports: 5,
  openedAt: '2026-11-27T15:00:00.000Z',
  publishedOn: '27 November 2026',
  url: 'https://mujaz.example/archive/3',
};
const english: NewsletterIdentity = { name: 'Mujaz', language: 'en' };
const arabic: NewsletterIdentity = { name: 'موجز', language: 'ar' };

describe('archiveEntryTitle and archiveEntrySummary', () => {
  it('name an edition by its number and day, in the newsletter’s words', () => {
    expect(archiveEntryTitle(labelsFor(english).pages, edition)).toBe('Edition 3 · 27 November 2026');
    expect(archiveEntryTitle(labelsFor(arabic).pages, { ...edition, publishedOn: '27 نوفمبر 2026' })).toBe(
      'العدد 3 · 27 نوفمبر 2026',
    );
  });

  it('say what it carries: its subject and how many reports', () => {
    expect(archiveEntrySummary(labelsFor(english).pages, edition)).toBe(
      'The week in brief · 23–27 November 2026 · Reports: 5',
    );
    expect(archiveEntrySummary(labelsFor(arabic).pages, edition)).toBe(`${edition.subject} · التقارير: 5`);
  });

  it('are what the archive page and the feed both print', () => {
    const words = labelsFor(english).pages;
    const page = renderArchivePage(english, [edition]);
    const feed = atomFeed(english, publicLinks('https://mujaz.example'), [edition]);
    for (const text of [archiveEntryTitle(words, edition), archiveEntrySummary(words, edition)]) {
      expect(page).toContain(text);
      expect(feed).toContain(text);
    }
  });
});
