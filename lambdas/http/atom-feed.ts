// HTTP edge: the archive as an Atom feed (RFC 4287), written by the `feed` library.
import type * as FeedLibrary from 'feed';
import { archiveEntrySummary, archiveEntryTitle } from '../core/domain/archive-entry';
import type { PublicLinks } from '../core/domain/links';
import { labelsFor, type NewsletterIdentity } from '../core/domain/newsletter-labels';
import type { ArchivedEdition } from '../core/use-cases/archive';

export function atomFeed(
  newsletter: NewsletterIdentity,
  links: Pick<PublicLinks, 'archiveUrl' | 'feedUrl' | 'homeUrl'>,
  editions: readonly ArchivedEdition[],
): string {
  // Required here, not imported: the library, and the XML parser (sax) its converter's index pulls in though only
  // its writer runs, load with the first feed request instead of at every start of the readers' function.
  const { Feed } = require('feed') as typeof FeedLibrary;
  const { pages } = labelsFor(newsletter);
  const newest = editions[0];
  const feed = new Feed({
    title: newsletter.name,
    description: pages.subscribeDescription,
    id: links.archiveUrl(),
    link: links.archiveUrl(),
    language: newsletter.language,
    feedLinks: { atom: links.feedUrl() },
    // An empty archive still says when: the epoch, so that the feed is valid and never changes until an edition.
    updated: new Date(newest ? newest.openedAt : 0),
    copyright: newsletter.name,
    generator: 'Mujaz',
  });
  for (const edition of editions) {
    feed.addItem({
      title: archiveEntryTitle(pages, edition),
      id: edition.url,
      link: edition.url,
      date: new Date(edition.openedAt),
      description: archiveEntrySummary(pages, edition),
    });
  }
  return feed.atom1();
}
